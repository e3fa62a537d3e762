/**
 * Every environment variable the code reads is in .env.example (with a comment) and in README's configuration
 * table, and neither lists one the code does not read: an admin configures the bot from those two.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(full)));
    else if (/\.(ts|js)$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** Names read as `env.NAME` / `process.env.NAME`, and the keys of config.ts's environment schemas. */
async function variablesRead(): Promise<Set<string>> {
  const names = new Set<string>();
  for (const dir of ['src', 'handlers', 'storage', 'cards'])
    for (const file of await sourceFiles(dir)) {
      if (file.includes(`${path.sep}web${path.sep}`)) continue; // the emulator's browser page
      const text = await readFile(file, 'utf8');
      for (const m of text.matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)) names.add(m[1]);
    }
  // The operating system's own variables are read (PATH to find soffice) but are not nianbao's to document.
  for (const system of ['PATH', 'HOME']) names.delete(system);
  const config = await readFile('src/config.ts', 'utf8');
  for (const m of config.matchAll(/^\s+([A-Z][A-Z0-9_]+): /gm)) names.add(m[1]);
  return names;
}

describe('configuration documents', () => {
  it('.env.example and README list exactly the variables the code reads, each explained', async () => {
    const read = await variablesRead();
    // Sanity: the scan finds the variables of config.ts, the reminder calendar and the emulator alone.
    for (const name of ['FEISHU_APP_ID', 'DATA_DIR', 'LOG_LEVEL', 'REMINDER_WORKDAYS', 'EMULATOR_HOST'])
      expect(read).toContain(name);

    const example = (await readFile('.env.example', 'utf8')).split('\n');
    const inExample = new Map<string, number>();
    example.forEach((line, i) => {
      const m = /^([A-Z][A-Z0-9_]+)=/.exec(line);
      if (m) inExample.set(m[1], i);
    });
    expect([...inExample.keys()].sort()).toEqual([...read].sort());
    for (const [name, i] of inExample) expect([name, example[i - 1].startsWith('#')]).toEqual([name, true]);

    const readme = await readFile('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'));
    const inTable = [...table.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
    expect([...new Set(inTable)].sort()).toEqual([...read].sort());
  });
});
