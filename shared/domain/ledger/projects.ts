// Restricted-fund projects (限定性资金, e.g. a 以奖代补 grant) as the books already name them (SPEC L-S7): a line's
// project is free text (L-V8); the editor offers the ones in use so the same project is spelt the same way each time.
import type { Voucher } from './types';

export type ProjectInUse = {
  readonly projectId: string;
  /** Lines naming it, in live vouchers of any status. */
  readonly lines: number;
  /** The latest voucher date naming it (YYYY-MM-DD). */
  readonly lastDate: string;
};

/**
 * L-S7: every project named by a line of a live voucher (drafts included: a project typed a minute ago is offered
 * on the next line), trimmed, once each; the most recently used first, then by name.
 */
export function projectsInUse(vouchers: readonly Voucher[]): ProjectInUse[] {
  const seen = new Map<string, { lines: number; lastDate: string }>();
  for (const v of vouchers) {
    if (v._deleted === true) continue;
    for (const l of v.lines) {
      const id = (l.projectId ?? '').trim();
      if (id === '') continue;
      const s = seen.get(id);
      if (!s) seen.set(id, { lines: 1, lastDate: v.date });
      else {
        s.lines += 1;
        if (v.date > s.lastDate) s.lastDate = v.date;
      }
    }
  }
  return [...seen.entries()]
    .map(([projectId, s]) => ({ projectId, ...s }))
    .sort((a, b) => (a.lastDate !== b.lastDate ? (a.lastDate < b.lastDate ? 1 : -1) : a.projectId.localeCompare(b.projectId, 'zh-CN')));
}
