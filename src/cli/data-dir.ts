/** The data directory of the bot: --data-dir, else DATA_DIR, else ./data (as the bot's config). */
export function dataDirOf(option: unknown): string {
  return typeof option === 'string' && option ? option : process.env.DATA_DIR || './data';
}
