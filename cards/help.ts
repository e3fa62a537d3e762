import { cardShell, type Card } from './card-shell.js';
import { actionButton, escapeMd, flowColumns, md, orange } from './parts/elements.js';

export interface HelpView {
  /** shown above the help when the bot did not understand what the person sent */
  notice?: string;
  /** the person may open or runs rounds */
  admin?: boolean;
  /** the person fills a section of some unit */
  filler?: boolean;
  /** the person approves some unit's report */
  approver?: boolean;
  /** sent to a group (the bot was added to it): what the bot does, for everyone, and where to ask */
  group?: boolean;
}

/** A button that does what typing the command does (handlers/help-routes.ts runs the chat command). */
const command = (text: string, type: 'primary_filled' | 'default' = 'default') =>
  actionButton(text, { action: 'run_command', command: text }, type);

type Role = { title: string; lines: string[]; buttons: { key: string; button: object }[] };

const FILLER: Role = {
  title: '**你是填报人**，可以这样填写年报：',
  lines: [
    '**填报**：发送「填报」，按分工逐节填写分配给你的部分，每节一张卡片；合计自动算好，提交时立即检查勾稽关系，有错当场指出。',
    '**进度**：发送「进度」，查看本单位各部分谁已填完、谁还没填。',
    '**提交审核**：全部填完后在汇总卡片上点「提交审核」（或发送「提交审核」），报告送到审核人；审核期间可以撤回。',
    '**历史**：发送「历史」，查看报告的每次提交、审核意见和驳回理由，并可重新获取定稿的 Word 文件。',
    '**提醒**：截止前在工作日（节假日和调休都已考虑）提醒还没填完的部分；审核通过后会收到定稿的 Word 文件。',
  ],
  buttons: [
    { key: '填报', button: command('填报', 'primary_filled') },
    { key: '进度', button: command('进度') },
    { key: '历史', button: command('历史') },
  ],
};

const APPROVER: Role = {
  title: '**你是审核人**，可以这样审核年报：',
  lines: [
    '**审核**：填报人提交后，审核卡片会发给你：各部分内容、检查提醒和 Word 文件；点「通过」或「驳回」，驳回要写明理由并选择退回的部分。',
    '**进度**：发送「进度」，查看你审核的单位填到哪一步、报告在谁手上。',
    '**历史**：发送「历史」，查看每次提交和审核意见，并可重新获取 Word 文件。',
  ],
  buttons: [
    { key: '进度', button: command('进度') },
    { key: '历史', button: command('历史') },
  ],
};

const ADMIN: Role = {
  title: '**你是年报管理员**，可以这样开启和管理年报：',
  lines: [
    '**新建年报**：发送「新建年报」，填写年度、截止时间和名称，再从通讯录的部门导入单位，或逐个添加单位、填报人和审核人。',
    '**发送表格**：把填好的 .xlsx 或 .csv 表格直接发给我（每行一个单位，写上各部分的填报人和审核人），预览无误后点「创建」；发送「模板」获取表格模板。',
    '**轮次**：发送「轮次」，管理你负责的轮次：更换填报人和审核人、添加单位、修改截止时间、添加管理员、导出人员表格、关闭本轮。',
    '**进度**：发送「进度」，查看每个单位谁还没完成、审核等了几个工作日，点「催办」立即提醒他们（每人每天一次）；单位审核通过时会通知你。',
  ],
  buttons: [
    { key: '新建年报', button: actionButton('新建年报', { action: 'setup_start' }, 'primary_filled') },
    { key: '轮次', button: actionButton('轮次', { action: 'rounds' }) },
    { key: '进度', button: command('进度') },
  ],
};

/** What the bot does, for someone with no part in any report yet. */
const ABOUT = [
  '各单位的**填报人**发送「填报」逐节填写，**审核人**收到审核卡片后通过或驳回，**管理员**发送「新建年报」开启一轮年报。',
  '你现在还没有年报任务：管理员把你设为某个单位的填报人或审核人后，我会通知你，这里也会列出你能用的命令。',
];

/**
 * The help card: the commands of each role the person has (filler, approver, admin; several at once), each
 * with its buttons. Every button works for the person who receives the card; a person with no role gets
 * none. The buttons run the same command as typing it, so a button shared by two roles appears once.
 */
export function helpCard(view: HelpView = {}): Card {
  const elements: object[] = [];
  // The notice may quote what the person typed: escaped and kept short.
  if (view.notice) elements.push(md(orange(escapeMd(view.notice, 120))), { tag: 'hr' });
  elements.push(
    md('我是**年报助手**，帮你在飞书里完成《政府信息公开工作年度报告》的填写、检查、审核和导出。'),
  );
  const roles = [
    ...(view.admin ? [ADMIN] : []),
    ...(view.filler ? [FILLER] : []),
    ...(view.approver ? [APPROVER] : []),
  ];
  const shown = new Set<string>();
  for (const role of roles) {
    elements.push({ tag: 'hr' }, md(role.title), ...role.lines.map((l) => md(`- ${l}`)));
    const buttons = role.buttons.filter((b) => !shown.has(b.key));
    buttons.forEach((b) => shown.add(b.key));
    if (buttons.length) elements.push(flowColumns(buttons.map((b) => [b.button])));
  }
  if (view.group)
    elements.push(
      md(ABOUT[0]),
      md('在群里 @我 并发送命令（如「进度」），或私聊我发送「帮助」，查看你能用的命令。'),
    );
  else if (!roles.length) elements.push(...ABOUT.map((l) => md(l)));
  elements.push({ tag: 'hr' }, md('随时发送「帮助」再看这张卡片。'));
  return cardShell('年报助手 · 帮助', elements);
}
