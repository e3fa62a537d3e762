/** Running totals the tests and the web page read through stats(). */
export interface Counters {
  openApiCalls: number;
  rejected429: number;
  rejected5xx: number;
  messagesCreated: number;
  deliveries: number;
}

/** Fresh zeroed counters. */
export const newCounters = (): Counters => ({
  openApiCalls: 0,
  rejected429: 0,
  rejected5xx: 0,
  messagesCreated: 0,
  deliveries: 0,
});
