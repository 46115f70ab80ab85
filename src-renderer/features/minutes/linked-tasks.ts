// The 六方联动 tasks a meeting links to (made from its action items, or linked by hand) and how far they are.
import { taskProgress, type Meeting } from '../../../shared/domain/minutes';

/** Ids of every task the meeting links to: its own list and each action item's task. */
export function linkedTaskIds(m: Meeting): string[] {
  const ids = [...(m.taskIds ?? [])];
  for (const t of m.topics) for (const r of t.resolutions ?? []) for (const i of r.actionItems ?? []) if (i.taskId) ids.push(i.taskId);
  return ids;
}

/** '落实任务：2/3 已办结（另有 1 项落实事项未生成任务）'; null when the meeting has no action items and no tasks. */
export function taskProgressText(progress: ReturnType<typeof taskProgress>): string | null {
  if (progress.total === 0 && progress.pending === 0) return null;
  return progress.total > 0
    ? `落实任务：${progress.done}/${progress.total} 已办结${progress.pending > 0 ? `（另有 ${progress.pending} 项落实事项未生成任务）` : ''}`
    : `落实事项 ${progress.pending} 项，尚未生成任务`;
}
