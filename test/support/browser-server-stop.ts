/** jest globalTeardown: closes the chromium that browser-server.ts started, if it did. */
export default async function stopBrowserServer(): Promise<void> {
  await globalThis.nianbaoBrowserServer?.close();
}
