/** jest globalTeardown: closes the chromium and the PostgreSQL that browser-server.ts started, if it did. */
export default async function stopBrowserServer(): Promise<void> {
  await Promise.all([globalThis.nianbaoBrowserServer?.close(), globalThis.nianbaoPostgres?.stop()]);
}
