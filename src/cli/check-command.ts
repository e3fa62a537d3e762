/** `nianbao check FILE [--previous LAST_YEAR_FILE] [--json]` */
import { checkReport, type Finding } from '../report/check.js';
import { RULES } from '../report/template.js';
import { parseCommandArgs, UsageError, type CommandIO } from './io.js';
import { loadReport } from './load-report.js';

/** Prints the findings; 0 without hard errors, 1 with, 2 when a file cannot be used. */
export async function runCheck(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    previous: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError('check 需要一个年报数据文件');
  const report = await loadReport(positionals[0], io);
  if (!report) return 2;
  let previous;
  if (typeof values.previous === 'string') {
    previous = await loadReport(values.previous, io);
    if (!previous) return 2;
  }
  const result = checkReport(report.answers, previous ? { previous: previous.answers } : {});

  if (values.json) {
    const plain = (f: Finding) => ({ rule: f.rule, cells: f.cells, message: f.message });
    io.out(
      JSON.stringify({ errors: result.errors.map(plain), warnings: result.warnings.map(plain) }, null, 2) +
        '\n',
    );
  } else {
    io.out(
      `${report.unit} ${report.year} 年年报：${result.errors.length} 个错误，${result.warnings.length} 个提醒\n`,
    );
    for (const f of result.errors) io.out(`错误 ${f.rule}（${RULES[f.rule].title}）：${f.message}\n`);
    for (const f of result.warnings) io.out(`提醒 ${f.rule}（${RULES[f.rule].title}）：${f.message}\n`);
  }
  return result.errors.length > 0 ? 1 : 0;
}
