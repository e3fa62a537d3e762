import { cardShell, type Card } from './card-shell.js';
import { actionButton, escapeMd, md, orange } from './parts/elements.js';

export interface HelpView {
  /** shown above the help when the bot did not understand what the person sent */
  notice?: string;
}

const FEATURES = [
  '**填报**：发送「填报」，按分工逐节填写分配给你的部分，每节一张卡片；合计自动算好，提交时立即检查勾稽关系，有错当场指出。',
  '**进度**：发送「进度」，查看本单位各部分谁已填完、谁还没填。',
  '**提交审核**：全部填完后发送「提交审核」，报告送到审核人；审核人点「通过」或「驳回」，驳回要写明理由并退回相关填报人。',
  '**历史**：发送「历史」，查看报告的每次提交、审核意见和驳回理由，并可重新获取各版本的 Word 文件。',
  '**提醒**：1 月 31 日截止前，在工作日（节假日和调休都已考虑）提醒还没完成的人。',
  '**导出 Word**：审核通过后，按官方格式生成 Word 文件发给你。',
];

/** The help card: what the bot does and the words it understands. */
export function helpCard(view: HelpView = {}): Card {
  const elements: object[] = [];
  // The notice may quote what the person typed: escaped and kept short.
  if (view.notice) elements.push(md(orange(escapeMd(view.notice, 120))), { tag: 'hr' });
  elements.push(
    md('我是**年报助手**，帮你在飞书里完成《政府信息公开工作年度报告》的填写、检查、审核和导出。'),
    ...FEATURES.map((f) => md(`- ${f}`)),
    { tag: 'hr' },
    md('随时发送「帮助」再看这张卡片。'),
    actionButton('刷新帮助', { action: 'help' }),
  );
  return cardShell('年报助手 · 帮助', elements);
}
