/** A stack trace or an error object never reaches the person (a toast whose type is 'error' is fine). */
export function expectNoStack(text: string): void {
  expect(text).not.toMatch(/Error:|TypeError|\bat \S+ \(|\.(ts|js):\d+|internal error/);
}
