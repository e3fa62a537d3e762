/** What a person reads when the approval flow refuses a tap: one clear Chinese sentence, nothing changed. */
import type { Refusal } from './machine.js';
import type { Names } from './review-view.js';

/** The toast for a refusal. */
export function refusalText(r: Refusal, names: Names): string {
  const who = r.who ? (names[r.who] ?? r.who) : '';
  switch (r.code) {
    case 'already_submitted':
      return who ? `已经提交过了，正在等待 ${who} 审核` : '已经提交过了，正在审核中';
    case 'already_approved':
      return '这份年报已审核通过，不能再改变';
    case 'no_approver':
      return '这个单位还没有设置审核人，请联系管理员';
    case 'not_submitted':
      return '这份年报还没有提交审核';
    case 'stale_version':
      return `这张卡片是旧版本的，年报现在是第 ${r.version} 版`;
    case 'not_approver':
      return '你不是这份年报的审核人，不能审核（转发的卡片不能用来审核）';
    case 'withdrawn':
      return '填报人已撤回这一版，不需要再审核了';
    case 'rejected':
      return '这一版已被驳回，等待填报人修改后重新提交';
    case 'already_decided':
      return who ? `你已经处理过这一版，现在由 ${who} 审核` : '你已经处理过这一版了';
    case 'not_your_turn':
      return who ? `还没轮到你：现在由 ${who} 审核` : '还没轮到你审核';
    case 'not_filler':
      return '只有本单位的填报人才能撤回';
    case 'reassigned':
      return who
        ? `管理员已把这份年报改由 ${who} 审核，你不用再审核了`
        : '管理员已把这份年报改由其他同事审核，你不用再审核了';
    case 'reopened':
      return who
        ? `这份年报已由 ${who} 重新打开，正在修改，改好后会重新提交审核`
        : '这份年报已经重新打开，正在修改，改好后会重新提交审核';
    case 'not_reopener':
      return who
        ? `只有本轮管理员或终审人（${who}）可以重新打开已审核通过的年报`
        : '只有本轮管理员或终审人可以重新打开已审核通过的年报';
    case 'not_approved':
      return '这份年报还没有审核通过，不能重新打开；审核中的年报请由审核人驳回';
    case 'decided':
      return who ? `审核人已经开始处理，不能撤回了（现在由 ${who} 审核）` : '审核人已经处理过，不能撤回了';
  }
}
