import { cardShell, type Card } from './card-shell.js';
import { actionButton, columns, escapeMd, md, orange } from './parts/elements.js';

export interface HelpView {
  /** shown above the help when the bot did not understand what the person sent */
  notice?: string;
  /** the person may open or runs rounds: their commands come first, with buttons */
  admin?: boolean;
}

const FEATURES = [
  '**填报**：发送「填报」，按分工逐节填写分配给你的部分，每节一张卡片；合计自动算好，提交时立即检查勾稽关系，有错当场指出。',
  '**进度**：发送「进度」，查看本单位各部分谁已填完、谁还没填。',
  '**提交审核**：全部填完后发送「提交审核」，报告送到审核人；审核人点「通过」或「驳回」，驳回要写明理由并退回相关填报人。',
  '**历史**：发送「历史」，查看报告的每次提交、审核意见和驳回理由，并可重新获取各版本的 Word 文件。',
  '**提醒**：1 月 31 日截止前，在工作日（节假日和调休都已考虑）提醒还没完成的人。',
  '**导出 Word**：审核通过后，按官方格式生成 Word 文件发给你。',
];

const ADMIN_FEATURES = [
  '**新建年报**：发送「新建年报」，填写年度、截止时间和名称，再从通讯录的部门导入单位，或逐个添加单位、填报人和审核人。',
  '**发送表格**：把填好的 .xlsx 或 .csv 表格直接发给我（每行一个单位，写上各部分的填报人和审核人），预览无误后点「创建」；发送「模板」获取表格模板。',
  '**轮次**：发送「轮次」，管理你负责的轮次：更换填报人和审核人、添加单位、修改截止时间、添加管理员、导出人员表格、关闭本轮。',
  '**进度**：发送「进度」，查看每个单位谁还没完成、审核等了几个工作日，点「催办」立即提醒他们（每人每天一次）；单位审核通过时会通知你。',
];

/** The help card: what the bot does and the words it understands; an admin's lists their commands first. */
export function helpCard(view: HelpView = {}): Card {
  const elements: object[] = [];
  // The notice may quote what the person typed: escaped and kept short.
  if (view.notice) elements.push(md(orange(escapeMd(view.notice, 120))), { tag: 'hr' });
  elements.push(
    md('我是**年报助手**，帮你在飞书里完成《政府信息公开工作年度报告》的填写、检查、审核和导出。'),
  );
  if (view.admin)
    elements.push(
      md('**你是年报管理员**，可以这样开启和管理年报：'),
      ...ADMIN_FEATURES.map((f) => md(`- ${f}`)),
      columns([
        [actionButton('新建年报', { action: 'setup_start' }, 'primary_filled')],
        [actionButton('轮次', { action: 'rounds' })],
        [actionButton('进度', { action: 'round_progress' })],
      ]),
      { tag: 'hr' },
      md('**填报人和审核人能做的事：**'),
    );
  elements.push(
    ...FEATURES.map((f) => md(`- ${f}`)),
    { tag: 'hr' },
    md('随时发送「帮助」再看这张卡片。'),
    // The admin's help is refreshed by a route that checks again who taps (a forwarded card shows the plain help).
    actionButton('刷新帮助', { action: view.admin ? 'admin_help' : 'help' }),
  );
  return cardShell('年报助手 · 帮助', elements);
}
