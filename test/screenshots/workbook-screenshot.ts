/**
 * The README's picture of a round's workbook opened in LibreOffice (test/screenshots/workbook.png): a round of
 * four units — three approved with the published 淮安 report's figures (its counts times 1, 2, 3), one not
 * started — stored in a temp lowdb, exported as the bot exports it (src/rounds/export), converted to PDF by
 * LibreOffice through the module the report PDFs use (src/render/pdf.ts), and the top of its first sheet
 * (table 二, with the 合计 rows) saved as a PNG. LibreOffice Calc is needed (libreoffice-calc-nogui).
 * Not a jest test (LibreOffice takes seconds): `npx tsx test/screenshots/workbook-screenshot.ts`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { approveSubmission } from '../../src/approval/decide.js';
import { submitForReview } from '../../src/approval/submit.js';
import { convertToPdf } from '../../src/render/pdf.js';
import type { Answers } from '../../src/report/template.js';
import { exportRound } from '../../src/rounds/export/export-round.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import type { Round, Unit } from '../../src/rounds/round.js';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { fixtureAnswers, storeFilledReport } from '../integration/approval-helpers.js';

const OUT = fileURLToPath(new URL('./workbook.png', import.meta.url));
const FILLER = 'ou_zhang';
const APPROVER = 'ou_wang';
const NAMES: Record<string, string> = { [FILLER]: '张敏', [APPROVER]: '王芳' };

const unit = (id: string, name: string): Unit => ({
  id,
  name,
  fillers: { s1: [FILLER], s2: [FILLER], s3: [FILLER], s4: [FILLER], s5: [FILLER], s6: [FILLER] },
  approvers: [APPROVER],
});

const ROUND: Round = {
  id: '2024-rshot',
  year: 2024,
  name: '2024 年度政府信息公开工作年度报告',
  deadline: '2025-01-31T23:59:00+08:00',
  admins: ['ou_zhao'],
  units: [
    unit('edu', '县教育局'),
    unit('health', '县卫健委'),
    unit('finance', '县财政局'),
    unit('culture', '县文旅局'),
  ],
};

/** The fixture's counts times `factor`: the units' rows differ and every sum still holds. */
function scaled(answers: Answers, factor: number): Answers {
  const out: Answers = {};
  for (const [key, value] of Object.entries(answers)) {
    const count = /^t[234]\./.test(key) && /^\d+$/.test(String(value));
    out[key] = count ? Number(value) * factor : value;
  }
  return out;
}

/**
 * The first sheet (table 二) on one landscape page, as LibreOffice shows it on screen: the workbook's own print
 * settings spread its columns over many pages, which is not what a person opening the file sees.
 */
async function firstSheetOnOnePage(workbook: Buffer): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(workbook as unknown as ArrayBuffer);
  const [first, ...others] = wb.worksheets;
  first.pageSetup = {
    ...first.pageSetup,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
  };
  for (const sheet of others) sheet.state = 'hidden';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'nianbao-workbook-shot-'));
  try {
    const storage = new LowdbStorage(dir);
    await roundRepo(storage).save(ROUND);
    const { answers } = await fixtureAnswers();
    let clock = Date.UTC(2025, 0, 20, 2, 0);
    const deps = { storage, now: () => (clock += 60_000), names: async () => NAMES };
    for (const [i, id] of ['edu', 'health', 'finance'].entries()) {
      await storeFilledReport(storage, ROUND.id, id, scaled(answers, i + 1));
      const ids = { round_id: ROUND.id, unit_id: id };
      await submitForReview(deps, FILLER, ids);
      await approveSubmission(deps, APPROVER, { ...ids, submission: 1, step: 0 });
    }
    const made = await exportRound(storage, ROUND.id, async () => NAMES);
    if (!made) throw new Error('the round was not found');
    if (made.approved !== 3) throw new Error(`${made.approved} units approved, 3 expected`);
    const [pdf] = await convertToPdf([await firstSheetOnOnePage(made.workbook.bytes)], 'xlsx');
    if (!pdf.ok) throw new Error(`LibreOffice made no PDF (is libreoffice-calc installed?): ${pdf.detail}`);
    const pdfPath = path.join(dir, 'round.pdf');
    await writeFile(pdfPath, pdf.pdf);
    // The top of the page, where the sheet's rows are; the rest of the landscape page is blank.
    const crop = ['-x', '0', '-y', '60', '-W', '1240', '-H', '220'];
    const prefix = OUT.replace(/\.png$/, '');
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '110',
      '-f',
      '1',
      '-l',
      '1',
      ...crop,
      '-singlefile',
      pdfPath,
      prefix,
    ]);
    process.stdout.write(`saved ${OUT}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
