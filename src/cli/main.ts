/**
 * The `nianbao` command line: check, render and import annual reports without Feishu.
 * Exit codes (documented in the README): 0 fine, 1 the report has hard errors, 2 the input cannot be used.
 */
import { runCheck } from './check-command.js';
import { runExport } from './export-command.js';
import { runConsolidate } from './consolidate-command.js';
import { runImport } from './import-command.js';
import { runMigrate } from './migrate-command.js';
import { runRender } from './render-command.js';
import { runReminders } from './reminders-command.js';
import { runRoundCommand } from './round-command.js';
import { UsageError, type CommandIO } from './io.js';

const USAGE = `用法：
  nianbao check FILE [--previous LAST_YEAR_FILE] [--json]   检查年报数据，列出错误和提醒
  nianbao render FILE --format md|docx|html|pdf --out PATH   生成 Markdown、Word、网页或 PDF 文件（PDF 需要 LibreOffice）
  nianbao import REPORT.txt|REPORT.docx --out FILE.json      把已发布的年报读成数据文件
  nianbao reminders plan --deadline YYYY-MM-DD [--time HH:mm] [--workday D]… [--holiday D]…
                                                             预览截止日期前后的提醒发送时间
  nianbao reminders set ROUND_ID [--days-before 10,5,3,2,1] [--overdue-days 5] [--time HH:mm]
          [--deadline-day yes|no] [--data-dir DIR]           设置某一轮的提醒计划
  nianbao round create ROUND.json [--data-dir DIR]          开启一轮填报（单位、分工、审核人）
  nianbao round previous ROUND_ID UNIT_ID LAST_YEAR_FILE [--data-dir DIR]
                                                             存入单位的上年报告，用于预填和跨年检查
  nianbao round list [--json] [--data-dir DIR]              列出各轮次及其单位
  nianbao round sheet ROUND_ID --out FILE.xlsx [--data-dir DIR]
                                                             导出轮次的单位和人员表格（可修改后发给机器人）
  nianbao export ROUND_ID --out DIR [--data-dir DIR]         导出汇总表（.xlsx）和审核通过的报告（.zip）
  nianbao consolidate ROUND_ID [--name 本级政府全称 --approvers OPEN_ID,… [--units UNIT_ID,…] [--fillers OPEN_ID,…]]
          [--data-dir DIR]                                   列出已通过和未通过的单位；写上名称和审核人即开始本级汇总报告
  nianbao migrate --from DATA_DIR --to postgres://… [--force]
                                                             把全部数据复制到 PostgreSQL（--from postgres://… --to DIR 反向）

FILE 是年报数据文件 {"year": 2022, "unit": "…", "answers": {…}}；check 和 render 也接受 .txt / .docx 年报原文。`;

const COMMANDS: Record<string, (args: string[], io: CommandIO) => Promise<number>> = {
  check: runCheck,
  render: runRender,
  import: runImport,
  reminders: runReminders,
  round: runRoundCommand,
  export: runExport,
  consolidate: runConsolidate,
  migrate: runMigrate,
};

/** Runs one command line; returns the process exit code. */
export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    if (name && name !== 'help' && name !== '--help' && name !== '-h') io.err(`未知命令：${name}\n`);
    io.err(USAGE + '\n');
    return name && !['help', '--help', '-h'].includes(name) ? 2 : 0;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
}
