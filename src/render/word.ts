/**
 * The Word file of a report, for the bot: docx, jszip and xmldom are loaded when the first file is made. They take
 * about half a second to load, and most bot starts (and most test files that start a bot) make no Word file.
 */
import type { renderDocx as RenderDocx } from './docx.js';

/** renderDocx (src/render/docx.ts), loaded on first use. */
export const renderWord: typeof RenderDocx = async (...args) => {
  const { renderDocx } = await import('./docx.js');
  return renderDocx(...args);
};
