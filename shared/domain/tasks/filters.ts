// F1–F8: filtering, sorting and counting the 六方联动 task list (issue #11). Pure and fast: the per-task keys are
// computed once per list (indexTasks), a filter change is one pass over them, and the counts of every filter value
// come from that same pass — 10,000 tasks in a few milliseconds.
import {
  PARTIES,
  TASK_SOURCE_KINDS,
  TASK_STATUSES,
  type Party,
  type TaskPriority,
  type TaskSourceKind,
  type TaskStatus,
} from '../../schema';
import { addCalendarDays, type LocalDate } from '../common/dates';
import { ESCALATING_STATUSES } from './escalation';
import type { OpenStatus, Task } from './types';

/** Statuses still being worked on (F2): they can be overdue and count as 未办结. */
export const OPEN_STATUSES: readonly OpenStatus[] = ['pending', 'signed', 'in_progress', 'submitted'];
const OPEN = new Set<TaskStatus>(OPEN_STATUSES);
export const isOpenStatus = (s: TaskStatus): s is OpenStatus => OPEN.has(s);
/** Work not yet handed in: only these can be overdue (待验收 waits on the acceptor, not the lead party). */
const LATE_STATUSES = new Set<TaskStatus>(ESCALATING_STATUSES);

/** 'open' = any of OPEN_STATUSES. */
export type StatusFilter = TaskStatus | 'open';
/** Escalation stage (F3): computed by the escalation rules and handed in to indexTasks. */
export type EscalationStage = 'none' | 'overdue' | 'urged' | 'escalated';

export type TaskFilter = {
  readonly party?: Party;
  readonly status?: StatusFilter;
  /** Not yet handed in (待分派, 已签收, 办理中) and past its due date. */
  readonly overdue?: boolean;
  /** Open and due today or within the next N days (its count, with no such filter, is for DUE_SOON_DAYS). */
  readonly dueWithin?: number;
  readonly source?: TaskSourceKind;
  /** 责任人: a roster person id, or the name as stored when the task names no id. */
  readonly owner?: string;
  readonly tag?: string;
  /** 催办 / 上报: the stage reached (urged includes escalated). */
  readonly stage?: 'urged' | 'escalated';
  /** Free text: title, description, location, category, tags, people, organisations, source details. */
  readonly q?: string;
};

export const TASK_SORTS = ['due', 'priority', 'updated', 'created'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

/** The keys a filter or sort reads, computed once per task. */
export type TaskKeys = {
  readonly task: Task;
  /** Lead party first, then each co-party (deduplicated). */
  readonly parties: readonly Party[];
  readonly open: boolean;
  /** Can be overdue (not yet handed in). */
  readonly lateable: boolean;
  readonly due: LocalDate | undefined;
  readonly source: TaskSourceKind | undefined;
  readonly owner: string | undefined;
  readonly tags: readonly string[];
  readonly stage: EscalationStage;
  readonly priorityRank: number;
  /** Lower-cased text for the free-text search. */
  readonly text: string;
};

/** The 'due within' count when no such filter is set: the coming week. */
export const DUE_SOON_DAYS = 7;

const PRIORITY_RANK: Record<TaskPriority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** The 责任人 key of a task: its roster id, else its name (imported tasks may name a person not in the roster). */
export const ownerKeyOf = (t: Task): string | undefined => t.ownerId ?? (t.ownerName?.trim() || undefined);

function searchText(t: Task): string {
  const s = t.source;
  const parts: (string | undefined)[] = [
    t.title,
    t.description,
    t.location,
    t.category,
    t.ownerName,
    t.leadOrganizationName,
    ...(t.tags ?? []),
    ...(t.coParties ?? []).flatMap((c) => [c.organizationName, c.personName]),
    s?.listName,
    s?.listItemNo,
    s?.listItemTitle,
    s?.residentName,
    s?.residentBuilding,
    s?.projectName,
    s?.note,
  ];
  return parts.filter((p) => p).join('\n').toLowerCase();
}

/** F1: the keys of every task; `stageOf` gives the escalation stage (left out: every task is 'none'). */
export function indexTasks(tasks: readonly Task[], stageOf?: (t: Task) => EscalationStage): TaskKeys[] {
  return tasks.map((task) => {
    const parties: Party[] = [task.leadParty];
    for (const c of task.coParties ?? []) if (!parties.includes(c.party)) parties.push(c.party);
    const open = isOpenStatus(task.status);
    return {
      task,
      parties,
      open,
      lateable: LATE_STATUSES.has(task.status),
      due: task.dueDate,
      source: task.source?.kind,
      owner: ownerKeyOf(task),
      tags: task.tags ?? [],
      stage: open && stageOf ? stageOf(task) : 'none',
      priorityRank: PRIORITY_RANK[task.priority],
      text: searchText(task),
    };
  });
}

/** The filter dimensions that have counts (F5). */
export const FACETS = ['party', 'status', 'overdue', 'dueWithin', 'source', 'owner', 'tag', 'stage'] as const;
export type Facet = (typeof FACETS)[number];

export type FacetCounts = {
  /** Tasks matching every other filter, per value of this one. */
  readonly party: Readonly<Record<Party, number>>;
  readonly status: Readonly<Record<StatusFilter, number>>;
  readonly overdue: number;
  readonly dueWithin: number;
  readonly source: Readonly<Record<TaskSourceKind, number>>;
  readonly owner: ReadonlyMap<string, number>;
  readonly tag: ReadonlyMap<string, number>;
  readonly stage: Readonly<Record<'urged' | 'escalated', number>>;
};

export type FilterResult = {
  /** The tasks matching every filter, in list order. */
  readonly matches: readonly TaskKeys[];
  readonly counts: FacetCounts;
  /** Every task in the index. */
  readonly total: number;
};

const zeroes = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

const bump = (m: Map<string, number>, k: string): void => {
  m.set(k, (m.get(k) ?? 0) + 1);
};

const STAGE_RANK: Record<EscalationStage, number> = { none: 0, overdue: 1, urged: 2, escalated: 3 };

/**
 * F2–F5: the tasks matching `filter` on `today`, and per filter dimension the counts of its values among the tasks
 * that match all the *other* filters (so each count says how many a click on that value would show). One pass.
 */
export function filterTasks(index: readonly TaskKeys[], filter: TaskFilter, today: LocalDate): FilterResult {
  const dueLimit = addCalendarDays(today, filter.dueWithin ?? DUE_SOON_DAYS);
  const q = filter.q?.trim().toLowerCase() ?? '';
  const terms = q === '' ? [] : q.split(/\s+/);

  const party = zeroes(PARTIES);
  const status = zeroes<StatusFilter>([...TASK_STATUSES, 'open']);
  const source = zeroes(TASK_SOURCE_KINDS);
  const stage = { urged: 0, escalated: 0 };
  const owner = new Map<string, number>();
  const tag = new Map<string, number>();
  let overdueCount = 0;
  let dueCount = 0;
  const matches: TaskKeys[] = [];

  for (const k of index) {
    // Free text is not a facet: a task it excludes counts nowhere.
    if (terms.length > 0 && !terms.every((t) => k.text.includes(t))) continue;

    const isOverdue = k.lateable && k.due !== undefined && k.due < today;
    const isDueSoon = k.open && k.due !== undefined && k.due >= today && k.due <= dueLimit;
    // One flag per dimension: does the task pass that dimension's filter?
    const pParty = filter.party === undefined || k.parties.includes(filter.party);
    const pStatus =
      filter.status === undefined || (filter.status === 'open' ? k.open : k.task.status === filter.status);
    const pOverdue = !filter.overdue || isOverdue;
    const pDue = filter.dueWithin === undefined || isDueSoon;
    const pSource = filter.source === undefined || k.source === filter.source;
    const pOwner = filter.owner === undefined || k.owner === filter.owner;
    const pTag = filter.tag === undefined || k.tags.includes(filter.tag);
    const pStage = filter.stage === undefined || STAGE_RANK[k.stage] >= STAGE_RANK[filter.stage];
    const flags = [pParty, pStatus, pOverdue, pDue, pSource, pOwner, pTag, pStage];
    let failed = 0;
    let failedAt = -1;
    for (let i = 0; i < flags.length; i++)
      if (!flags[i]) {
        failed++;
        failedAt = i;
      }
    if (failed > 1) continue;
    // Counted in dimension d when it passes every filter but (possibly) d's own.
    const countsIn = (d: number): boolean => failed === 0 || failedAt === d;

    if (countsIn(0)) for (const p of k.parties) party[p]++;
    if (countsIn(1)) {
      status[k.task.status]++;
      if (k.open) status.open++;
    }
    if (countsIn(2) && isOverdue) overdueCount++;
    if (countsIn(3) && isDueSoon) dueCount++;
    if (countsIn(4) && k.source !== undefined) source[k.source]++;
    if (countsIn(5) && k.owner !== undefined) bump(owner, k.owner);
    if (countsIn(6)) for (const t of k.tags) bump(tag, t);
    if (countsIn(7)) {
      if (STAGE_RANK[k.stage] >= STAGE_RANK.urged) stage.urged++;
      if (k.stage === 'escalated') stage.escalated++;
    }
    if (failed === 0) matches.push(k);
  }

  return {
    matches,
    counts: { party, status, overdue: overdueCount, dueWithin: dueCount, source, owner, tag, stage },
    total: index.length,
  };
}

const byId = (a: TaskKeys, b: TaskKeys): number => (a.task.id < b.task.id ? -1 : a.task.id > b.task.id ? 1 : 0);

const COMPARATORS: Record<TaskSort, (a: TaskKeys, b: TaskKeys) => number> = {
  // F6: earliest due first; tasks without a due date last.
  due: (a, b) => {
    if (a.due !== b.due) {
      if (a.due === undefined) return 1;
      if (b.due === undefined) return -1;
      return a.due < b.due ? -1 : 1;
    }
    return a.priorityRank - b.priorityRank || byId(a, b);
  },
  // F6: 紧急 first, then by due date.
  priority: (a, b) => a.priorityRank - b.priorityRank || COMPARATORS.due(a, b),
  // F6: most recently changed / created first.
  updated: (a, b) => (a.task.updatedAt < b.task.updatedAt ? 1 : a.task.updatedAt > b.task.updatedAt ? -1 : byId(a, b)),
  created: (a, b) => (a.task.createdAt < b.task.createdAt ? 1 : a.task.createdAt > b.task.createdAt ? -1 : byId(a, b)),
};

/** F6: a sorted copy; ties broken by id so the order is stable across PCs. */
export function sortTasks(keys: readonly TaskKeys[], sort: TaskSort): TaskKeys[] {
  return [...keys].sort(COMPARATORS[sort]);
}

// ---- F7: the filter in the address (#/tasks?party=property&status=in_progress&overdue=1) ----

const oneOf = <T extends string>(values: readonly T[], v: string | undefined): T | undefined =>
  v !== undefined && (values as readonly string[]).includes(v) ? (v as T) : undefined;

const MAX_DUE_WITHIN = 3650;

/** F7: the filter and sort named by a route query; unknown or malformed values are ignored. */
export function filterFromQuery(query: Readonly<Record<string, string>>): { filter: TaskFilter; sort: TaskSort } {
  const f: {
    -readonly [K in keyof TaskFilter]: TaskFilter[K];
  } = {};
  const party = oneOf(PARTIES, query.party);
  if (party) f.party = party;
  const status = oneOf<StatusFilter>([...TASK_STATUSES, 'open'], query.status);
  if (status) f.status = status;
  if (query.overdue === '1') f.overdue = true;
  if (query.due !== undefined && /^\d{1,4}$/.test(query.due) && Number(query.due) <= MAX_DUE_WITHIN) f.dueWithin = Number(query.due);
  const source = oneOf(TASK_SOURCE_KINDS, query.source);
  if (source) f.source = source;
  if (query.owner) f.owner = query.owner;
  if (query.tag) f.tag = query.tag;
  const stage = oneOf(['urged', 'escalated'] as const, query.stage);
  if (stage) f.stage = stage;
  if (query.q?.trim()) f.q = query.q;
  return { filter: f, sort: oneOf(TASK_SORTS, query.sort) ?? 'due' };
}

/** F7: the route query of a filter and sort ('due', the default sort, is left out). */
export function filterToQuery(filter: TaskFilter, sort: TaskSort = 'due'): Record<string, string> {
  const q: Record<string, string> = {};
  if (filter.party) q.party = filter.party;
  if (filter.status) q.status = filter.status;
  if (filter.overdue) q.overdue = '1';
  if (filter.dueWithin !== undefined) q.due = String(filter.dueWithin);
  if (filter.source) q.source = filter.source;
  if (filter.owner) q.owner = filter.owner;
  if (filter.tag) q.tag = filter.tag;
  if (filter.stage) q.stage = filter.stage;
  if (filter.q?.trim()) q.q = filter.q;
  if (sort !== 'due') q.sort = sort;
  return q;
}

// ---- F8: the 治理清单 view and 我的任务 ----

export type ListItemGroup = {
  readonly listName: string;
  readonly itemNo: string;
  readonly itemTitle: string | undefined;
  readonly tasks: readonly Task[];
  /** Tasks 已办结 or 已公示. */
  readonly done: number;
  /** Tasks counted (cancelled ones are left out of n/m). */
  readonly total: number;
};

const DONE = new Set<TaskStatus>(['done', 'published']);

/** Item numbers compare as numbers where they are (2 before 10), else as text. */
const compareItemNo = (a: string, b: string): number => a.localeCompare(b, 'zh-CN', { numeric: true });

/** F8: tasks from a 治理清单, grouped by list and item, in list then item order, each with "n/m 已办结". */
export function governanceGroups(tasks: readonly Task[]): ListItemGroup[] {
  const groups = new Map<string, { listName: string; itemNo: string; itemTitle: string | undefined; tasks: Task[] }>();
  for (const t of tasks) {
    const s = t.source;
    if (s?.kind !== 'governance_list') continue;
    const listName = s.listName?.trim() || '未命名清单';
    const itemNo = s.listItemNo?.trim() || '';
    const key = `${listName}\u0000${itemNo}`;
    let g = groups.get(key);
    if (!g) {
      g = { listName, itemNo, itemTitle: s.listItemTitle, tasks: [] };
      groups.set(key, g);
    }
    if (!g.itemTitle && s.listItemTitle) g.itemTitle = s.listItemTitle;
    g.tasks.push(t);
  }
  return [...groups.values()]
    .map((g) => {
      const counted = g.tasks.filter((t) => t.status !== 'cancelled');
      return { ...g, done: counted.filter((t) => DONE.has(t.status)).length, total: counted.length };
    })
    .sort((a, b) => a.listName.localeCompare(b.listName, 'zh-CN') || compareItemNo(a.itemNo, b.itemNo));
}

/** F8: does the task name this person as 责任人 or as a co-party's person (by roster id, else by name)? */
export function isTaskOf(t: Task, who: { readonly personId?: string | undefined; readonly name: string }): boolean {
  const name = who.name.trim();
  const matches = (id: string | undefined, n: string | undefined): boolean =>
    (who.personId !== undefined && id === who.personId) || (name !== '' && n?.trim() === name);
  return matches(t.ownerId, t.ownerName) || (t.coParties ?? []).some((c) => matches(c.personId, c.personName));
}
