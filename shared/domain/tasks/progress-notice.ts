// 任务进展公示: what the printed board notice shows, as a model (grouping, order, wording); the renderer turns it
// into HTML. Pure: the notice date comes in.
import { PARTIES, type Party, type TaskStatus } from '../../schema';
import { chinaDateOf, formatDateCn, type LocalDate } from '../common/dates';
import { PARTY_LABELS } from '../roster/labels';
import { coPartyText } from './export';
import { TASK_STATUS_LABELS } from './labels';
import type { Task } from './types';

export type ProgressNoticeRow = {
  readonly id: string;
  readonly title: string;
  /** 牵头: the organisation (or the party) and the 责任人. */
  readonly lead: string;
  /** 配合: the co-parties, '' when none. */
  readonly co: string;
  readonly status: TaskStatus;
  readonly statusLabel: string;
  /** Open and past its due date on the notice date. */
  readonly overdue: boolean;
  /** 截止 or 办结, and the date in words; '' when neither is known. */
  readonly dateKind: '截止' | '办结' | '';
  readonly dateText: string;
};

export type ProgressNoticeGroup = {
  readonly party: Party;
  readonly label: string;
  readonly rows: readonly ProgressNoticeRow[];
  readonly total: number;
  /** 已办结 or 已公示. */
  readonly closed: number;
};

export type ProgressNoticeModel = {
  readonly date: LocalDate;
  readonly groups: readonly ProgressNoticeGroup[];
  readonly total: number;
  readonly closed: number;
  readonly overdue: number;
};

/** Within a party: work under way first, then waiting, then finished (a board reader looks for what is open). */
const STATUS_ORDER: readonly TaskStatus[] = ['in_progress', 'submitted', 'signed', 'pending', 'suspended', 'done', 'published', 'cancelled'];
const rank = (s: TaskStatus): number => STATUS_ORDER.indexOf(s);
const CLOSED: ReadonlySet<TaskStatus> = new Set(['done', 'published']);
const OPEN: ReadonlySet<TaskStatus> = new Set(['pending', 'signed', 'in_progress', 'submitted']);

export const isClosedStatus = (s: TaskStatus): boolean => CLOSED.has(s);

/** 金山物业 张三: the lead organisation (or the party's name) and the 责任人. */
export function leadText(t: Pick<Task, 'leadParty' | 'leadOrganizationName' | 'ownerName'>): string {
  const org = t.leadOrganizationName?.trim() || PARTY_LABELS[t.leadParty];
  const owner = t.ownerName?.trim();
  return owner ? `${org} ${owner}` : org;
}

function rowOf(t: Task, date: LocalDate): ProgressNoticeRow {
  const closedOn = t.closedAt ? chinaDateOf(t.closedAt) : null;
  const overdue = OPEN.has(t.status) && t.dueDate !== undefined && t.dueDate < date;
  let dateKind: ProgressNoticeRow['dateKind'] = '';
  let dateText = '';
  if (CLOSED.has(t.status) && closedOn) {
    dateKind = '办结';
    dateText = formatDateCn(closedOn) ?? closedOn;
  } else if (t.dueDate) {
    dateKind = '截止';
    dateText = formatDateCn(t.dueDate) ?? t.dueDate;
  }
  return {
    id: t.id,
    title: t.title,
    lead: leadText(t),
    co: (t.coParties ?? []).map(coPartyText).join('、'),
    status: t.status,
    statusLabel: TASK_STATUS_LABELS[t.status],
    overdue,
    dateKind,
    dateText,
  };
}

const compareRows = (a: ProgressNoticeRow & { due: string }, b: ProgressNoticeRow & { due: string }): number =>
  rank(a.status) - rank(b.status) || a.due.localeCompare(b.due) || a.title.localeCompare(b.title, 'zh-CN') || a.id.localeCompare(b.id);

/**
 * The notice's content: one group per lead party (in the order of the six parties; parties without tasks left
 * out), rows ordered by status (under way first), due date, then title. 已撤销 tasks are left out unless asked for.
 */
export function progressNoticeModel(
  tasks: readonly Task[],
  options: { date: LocalDate; includeCancelled?: boolean },
): ProgressNoticeModel {
  const byParty = new Map<Party, (ProgressNoticeRow & { due: string })[]>();
  for (const t of tasks) {
    if (t.status === 'cancelled' && !options.includeCancelled) continue;
    const list = byParty.get(t.leadParty) ?? [];
    // Tasks without a due date sort after dated ones.
    list.push({ ...rowOf(t, options.date), due: t.dueDate ?? '9999-99-99' });
    byParty.set(t.leadParty, list);
  }
  const groups: ProgressNoticeGroup[] = [];
  for (const party of PARTIES) {
    const list = byParty.get(party);
    if (!list || list.length === 0) continue;
    list.sort(compareRows);
    const rows = list.map(({ due: _due, ...row }) => row);
    groups.push({ party, label: PARTY_LABELS[party], rows, total: rows.length, closed: rows.filter((r) => CLOSED.has(r.status)).length });
  }
  const all = groups.flatMap((g) => g.rows);
  return {
    date: options.date,
    groups,
    total: all.length,
    closed: all.filter((r) => CLOSED.has(r.status)).length,
    overdue: all.filter((r) => r.overdue).length,
  };
}
