// T1–T5: a 六方联动 task from a meeting's action item. Pure: the id and the stamp are passed in.
import { err, ok, type Result } from '../../result';
import type { TaskDoc } from '../../schema';
import { createdFields, type Stamp } from '../common/stamp';
import type { ActionItem, Meeting, Resolution } from '../minutes';

export type TaskFromActionItemError = { code: 'LEAD_PARTY_REQUIRED' | 'ACTION_TITLE_MISSING' };

export const TASK_TITLE_MAX = 200;
export const TASK_DESCRIPTION_MAX = 20_000;

const clip = (s: string, max: number): string => Array.from(s).slice(0, max).join('');

export function taskFromActionItem(
  id: string,
  input: { meeting: Pick<Meeting, 'id'>; resolution: Pick<Resolution, 'id' | 'text'>; item: ActionItem },
  stamp: Stamp,
): Result<TaskDoc, TaskFromActionItemError> {
  const { meeting, resolution, item } = input;
  const title = clip(item.title.trim(), TASK_TITLE_MAX);
  if (title === '') return err({ code: 'ACTION_TITLE_MISSING' });
  if (!item.leadParty) return err({ code: 'LEAD_PARTY_REQUIRED' });
  const doc: TaskDoc = {
    id,
    ...createdFields(stamp),
    title,
    leadParty: item.leadParty,
    status: 'pending',
    priority: 'normal',
    source: { kind: 'meeting', meetingId: meeting.id, resolutionId: resolution.id, actionItemId: item.id },
  };
  const description = resolution.text.trim();
  if (description !== '') doc.description = clip(`会议决议：${description}`, TASK_DESCRIPTION_MAX);
  // The lead party is never its own co-party (V5).
  const co = [...new Set(item.coParties ?? [])].filter((p) => p !== item.leadParty);
  if (co.length > 0) doc.coParties = co.map((party) => ({ party }));
  if (item.ownerId) doc.ownerId = item.ownerId;
  if (item.ownerName?.trim()) doc.ownerName = item.ownerName.trim();
  if (item.dueDate) doc.dueDate = item.dueDate;
  return ok(doc);
}
