/**
 * What each person hears when a round opens or changes (round-changes.ts effects), in the words they read: a
 * sentence, and for a new filler the unit card to start from. The handlers turn a screen into its card and
 * queue everything through the outbox.
 */
import type { Storage } from '../../storage/store.js';
import { draftRepo } from '../filling/draft-repo.js';
import { fillCommand, type Screen } from '../filling/flow.js';
import { fillContext } from '../filling/service.js';
import { SECTION_BY_ID } from '../report/template.js';
import { readOnlySections } from '../consolidated/read-only.js';
import { formatDeadline } from './deadline.js';
import type { RoundEffect } from './round-changes.js';
import type { Round } from './round.js';

/** A message to a person (text, then optionally a card) or a line for the round's working group. */
export type RoundNotice = { to: string; text: string; screen?: Screen } | { chatId: string; text: string };

const sectionList = (ids: string[]) => ids.map((s) => SECTION_BY_ID.get(s as never)!.heading).join('、');

/** The notices of a round's effects; `byName` names who made the change (「赵磊」), when known. */
export async function roundNotices(
  storage: Storage,
  round: Round,
  effects: RoundEffect[],
  byName?: string,
): Promise<RoundNotice[]> {
  const who = byName ? `${byName}（管理员）` : '管理员';
  const unitName = (id: string) => round.units.find((u) => u.id === id)?.name ?? id;
  const title = `「${round.name}」`;
  const deadline = formatDeadline(round.deadline);
  const notices: RoundNotice[] = [];
  for (const e of effects) {
    switch (e.kind) {
      case 'filler_added': {
        const ref = round.units.find((u) => u.id === e.unitId);
        let screen: Screen | undefined;
        if (ref) {
          const { draft, previous } = await draftRepo(storage).load(round.id, ref.id);
          screen = fillCommand(draft, fillContext({ round, unit: ref }, previous), e.to).screen;
        }
        // A consolidated report's tables are summed, not typed: its writers are asked for the texts only.
        const summed = readOnlySections(round);
        const asked = e.sections.filter((id) => !summed?.sections.includes(id));
        notices.push({
          to: e.to,
          text:
            `${who}请你填写${unitName(e.unitId)}的${title}：${sectionList(asked)}。` +
            (summed ? '统计表（二、三、四）已由各单位审核通过的报告汇总，只能查看。' : '') +
            `截止时间 ${deadline}。点下面卡片上的按钮开始，随时发送「填报」继续。`,
          ...(screen ? { screen } : {}),
        });
        break;
      }
      case 'filler_removed':
        notices.push({
          to: e.to,
          text: `${who}已把${e.unitName}${title}的 ${sectionList(e.sections)} 改由其他同事填写，你不用再填这些部分了；你已填写的内容都保留在报告里。`,
        });
        break;
      case 'approver_added':
        notices.push({
          to: e.to,
          text:
            `${who}把你设为${unitName(e.unitId)}${title}的审核人` +
            `${e.of > 1 ? `（第 ${e.step}/${e.of} 级）` : ''}。报告提交审核后会发给你，截止时间 ${deadline}。`,
        });
        break;
      case 'approver_removed':
        notices.push({
          to: e.to,
          text: `${who}已把${e.unitName}${title}的审核改由其他同事负责，你不用再审核这份报告了。`,
        });
        break;
      case 'unit_removed':
        notices.push({ to: e.to, text: `${who}已把${e.unitName}移出${title}，这份报告不用再填写和审核了。` });
        break;
      case 'deadline_moved':
        notices.push({
          to: e.to,
          text: `${title}的截止时间由 ${e.from} 改为 ${e.deadline}（${who}调整），提醒会按新的截止时间发送。`,
        });
        break;
      case 'admin_added':
        notices.push({
          to: e.to,
          text: `${who}把你加为${title}的管理员：发送「进度」查看各单位情况，发送「轮次」管理这一轮。`,
        });
        break;
      case 'round_closed':
        notices.push({ to: e.to, text: `${title}已由${who}关闭：不再提醒，也不能再填报或审核。` });
        break;
      case 'tables_resummed':
        notices.push({
          to: e.to,
          text: `${title}的统计表已由${who}按各单位更正后的报告重新汇总（${e.summary.replace(/^重新汇总：/, '')}）。请核对一、五、六部分的文字是否仍与新的数字一致。`,
        });
        break;
      case 'group_post':
        notices.push({ chatId: e.chatId, text: `${title}：${e.text}` });
        break;
    }
  }
  return notices;
}
