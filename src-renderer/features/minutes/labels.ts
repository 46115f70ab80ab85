// Words of the 会议记录 screens that the printed documents do not use (those are in shared/domain/minutes/labels.ts
// and print/print-labels.ts).
import type { Attendee, Vote } from '../../../shared/domain/minutes';

export const VOTE_METHOD_LABELS = {
  none: '不表决',
  count: '计票表决',
  roll_call: '记名表决',
} as const satisfies Record<Vote['method'], string>;

export const ATTENDEE_ROLE_LABELS = {
  member: '应到',
  observer: '列席',
  guest: '特邀',
} as const satisfies Record<Attendee['role'], string>;

/** Task statuses are domain words, shared with the 六方联动 screens and print. */
export { TASK_STATUS_LABELS } from '../../../shared/domain/tasks/labels';

export const MEETING_STATUS_LABELS = { draft: '草稿', final: '已定稿' } as const;

export const SHORTCUT_HELP =
  '快捷键：Alt+N 新增议题　Alt+R 在当前议题新增决议　Alt+↑/Alt+↓（或 Ctrl+PageUp/PageDown）切换议题　Alt+Shift+↑/↓ 移动议题';
