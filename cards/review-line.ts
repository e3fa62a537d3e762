/** The line the filling cards (填报, 进度) show about a report's review: with whom, approved or rejected, when. */
import type { ReviewStanding } from '../src/filling/review-standing.js';
import { SECTION_BY_ID } from '../src/report/template.js';
import { escapeMd, md, orange, red } from './parts/elements.js';
import { beijingTime } from './review-parts.js';

const green = (s: string) => `<font color='green'>${s}</font>`;

/** The review's state in words, coloured: what the person can and cannot do now. */
export function reviewLine(review: ReviewStanding): object {
  const who = escapeMd(review.who, 30);
  const when = beijingTime(review.at);
  switch (review.status) {
    case 'approved':
      return md(
        green(`**审核通过**：${who} 于 ${when} 审核通过了第 ${review.version} 版，这是定稿，不能再修改。`),
      );
    case 'submitted':
      return md(
        `**已提交审核**：第 ${review.version} 版于 ${when} 提交，正在等待 **${who}** 审核；审核期间各部分只能查看，不能修改。`,
      );
    case 'rejected': {
      const back = review.reopened.map((id) => SECTION_BY_ID.get(id)?.heading ?? '').join('、');
      if (review.byReopen)
        return md(
          orange(
            `**已重新打开**：${who} 于 ${when} 重新打开了已审核通过的第 ${review.version} 版，重新填写：${back}。`,
          ) +
            `${review.reason ? `\n重新打开的理由：${escapeMd(review.reason, 500)}` : ''}\n其他部分保持锁定，只能查看；改好后重新提交审核。`,
        );
      const reason = review.reason ? `\n驳回理由：${escapeMd(review.reason, 500)}` : '';
      return md(
        red(`**已驳回**：${who} 于 ${when} 驳回了第 ${review.version} 版，退回修改：${back}。`) +
          `${reason}\n其他部分保持锁定，只能查看。`,
      );
    }
  }
}
