/**
 * How many cases each fuzz property runs: the default keeps `npm test` quick, FUZZ_RUNS raises it
 * (`npm run fuzz` runs 1,000 and more of each). A failure prints fast-check's seed and shrunk counterexample.
 */
export const FUZZ_RUNS = Math.max(1, Number(process.env.FUZZ_RUNS) || 300);

/** fast-check parameters for one property. */
export const params = { numRuns: FUZZ_RUNS };

/** A refusal a person can read: a Chinese sentence, never an exception text. */
export const CHINESE = /[\u4e00-\u9fff]/;
