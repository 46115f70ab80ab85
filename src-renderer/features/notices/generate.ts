// Drafts made from data: what #/notices/new?from=… asks for, read from the local store and handed to the notice
// generators (shared/domain/notices/generate), and a blank notice of a kind. The defaults every new draft gets —
// the issuer its kind usually has (with its 发文机关代字), 成文日期 today, a 公示期 from today for settings.noticeDays
// days (N1), a seal, A4, public for 公示 kinds — are set here; a generator's own values win.
//
// The query each section sends (the address is the contract; features do not import each other):
//   from=meeting&meeting=<id>                       会议通知 of a meeting still to be held
//   from=resolution&meeting=<id>[&resolution=<id>]  决议公告 of a finalised meeting (every decision, or one)
//   from=finance&span=month:YYYY-MM|quarter:YYYY-Q|half:YYYY-H&threshold=<fen>[&issueDate&postFrom&postUntil]
//   from=tasks&<task filter query>[&who=<name>&person=<id>]   任务进展公示 of the tasks the filter shows
//   from=blank&kind=<kind>
// 项目公示 is started blank (its 申报 content and 验收 result are typed, not read from data).
import { addCalendarDays, type LocalDate } from '../../../shared/domain/common/dates';
import { disclosureFigures, type Disclosure, type DisclosureSpan } from '../../../shared/domain/ledger/disclosure';
import type { Account, LedgerPeriod, Voucher } from '../../../shared/domain/ledger/types';
import { voteOutcome, type Meeting, type Settings, type VoteOutcome } from '../../../shared/domain/minutes';
import { DEFAULT_NOTICE_DAYS } from '../../../shared/domain/notices/docs';
import { blankNotice } from '../../../shared/domain/notices/generate/blank';
import { defaultIssuerOf, issuerFields, type GeneratedNotice } from '../../../shared/domain/notices/generate/common';
import { financeNotice } from '../../../shared/domain/notices/generate/finance';
import { meetingNotice } from '../../../shared/domain/notices/generate/meeting';
import { projectNotice } from '../../../shared/domain/notices/generate/project';
import { restrictedFunds } from '../../../shared/domain/ledger/reports';
import { storedChain } from '../../../shared/domain/ledger/hash-chain';
import { meetingResolutionsNotice, resolutionNotice } from '../../../shared/domain/notices/generate/resolution';
import { taskProgressNotice } from '../../../shared/domain/notices/generate/task';
import { compoundCalendar, escalationOf } from '../../../shared/domain/tasks';
import { filterFromQuery, filterTasks, indexTasks, isOpenStatus, isTaskOf } from '../../../shared/domain/tasks/filters';
import type { Task } from '../../../shared/domain/tasks/types';
import { isPublicityKind } from '../../../shared/domain/notices/issue';
import { err, ok, type Result } from '../../../shared/result';
import { NOTICE_KINDS, SETTINGS_ID, type NoticeDoc, type NoticeKind, type SettingsDoc } from '../../../shared/schema';
import type { LinliDatabase } from '../../db/database';

/** A new notice before it is stamped. */
export type NewNotice = Omit<NoticeDoc, 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy'>;

export type GenerateErrorCode =
  | 'PROJECT_INVALID'
  | 'UNKNOWN_SOURCE'
  | 'SOURCE_MISSING'
  | 'PERIOD_NOT_CLOSED'
  | 'NO_TASKS'
  | 'MEETING_FINAL'
  | 'MEETING_NOT_FINAL'
  | 'NO_DECISIONS'
  | 'READ_FAILED';

export const GENERATE_ERROR_TEXT: { readonly [C in GenerateErrorCode]: string } = {
  UNKNOWN_SOURCE: '无法识别要生成的公告类别。',
  SOURCE_MISSING: '找不到生成公告所依据的数据：可能已被删除，或尚未同步到本机。',
  PERIOD_NOT_CLOSED: '所选期间尚未结账。财务收支公示只能针对已结账的期间生成。',
  NO_TASKS: '当前筛选条件下没有任务，无法生成进展公示。',
  MEETING_FINAL: '会议已召开并定稿，不能再生成会议通知。',
  MEETING_NOT_FINAL: '会议记录尚未定稿，决议公告须在定稿后生成。',
  NO_DECISIONS: '会议记录中没有表决的决议，无法生成决议公告。',
  PROJECT_INVALID: '项目公示缺少项目名称、建设内容、预算或验收结果，请返回重新填写。',
  READ_FAILED: '读取本机数据失败，请重新打开此页面。',
};

type Profile = SettingsDoc | undefined;

/** The defaults a draft of `kind` starts with. */
export function draftDefaults(kind: NoticeKind, settings: Profile, today: LocalDate): Partial<NoticeDoc> {
  const days = settings?.noticeDays ?? DEFAULT_NOTICE_DAYS;
  return {
    ...issuerFields(settings ?? {}, defaultIssuerOf(kind)),
    issueDate: today,
    sealed: true,
    paper: 'A4',
    public: isPublicityKind(kind),
    ...(isPublicityKind(kind) ? { postFrom: today, postUntil: addCalendarDays(today, days - 1) } : {}),
  };
}

/** A blank draft of a kind (its title says the kind until typed over; the body is empty). */
export function blankDraft(id: string, kind: NoticeKind, settings: Profile, today: LocalDate): NewNotice {
  return fromGenerated(id, blankNotice(kind, settings ?? {}, { issueDate: today }), settings, today);
}

/** A generated notice as a new draft: the kind's defaults under the generator's content. */
export function fromGenerated(id: string, g: GeneratedNotice, settings: Profile, today: LocalDate): NewNotice {
  return { ...draftDefaults(g.kind, settings, today), ...g, id, status: 'draft' } as NewNotice;
}

export type GenerateContext = { readonly db: LinliDatabase; readonly settings: Profile; readonly today: LocalDate; readonly id: string };

/** An existing draft made from the same data (opened instead of making a second one), or null. */
export async function existingDraft(db: LinliDatabase, query: Readonly<Record<string, string>>): Promise<string | null> {
  const drafts = (await db.notices.find({ selector: { status: 'draft' } }).exec()).map((d) => d.toJSON() as NoticeDoc);
  const found = drafts.find((n) => {
    if (n.supersedes) return false;
    if (query.from === 'meeting') return n.kind === 'meeting' && n.source?.meetingId === query.meeting;
    if (query.from === 'resolution')
      return n.kind === 'resolution' && n.source?.meetingId === query.meeting && (query.resolution ? n.source?.resolutionId === query.resolution : n.source?.resolutionId === undefined);
    if (query.from === 'finance') {
      const asked = parseSpan(query.span);
      return n.kind === 'finance' && asked !== null && JSON.stringify(spanOfSource(n.source)) === JSON.stringify(asked);
    }
    return false;
  });
  return found?.id ?? null;
}

const minutesSettings = (s: Profile): Settings => s ?? { id: SETTINGS_ID, createdAt: '', updatedAt: '', createdBy: '', updatedBy: '' };

async function readMeeting(db: LinliDatabase, id: string | undefined): Promise<Meeting | null> {
  if (!id) return null;
  const doc = await db.meetings.findOne(id).exec();
  return doc ? (doc.toJSON() as unknown as Meeting) : null;
}

/** The 决议公告 of a finalised meeting: one decision, or all decisions put to the vote. */
export function resolutionContent(meeting: Meeting, settings: Profile, today: LocalDate, resolutionId?: string): Result<GeneratedNotice, GenerateErrorCode> {
  if (meeting.status !== 'final') return err('MEETING_NOT_FINAL');
  const s = minutesSettings(settings);
  if (resolutionId) {
    const r = meeting.topics.flatMap((t) => t.resolutions ?? []).find((x) => x.id === resolutionId);
    if (!r) return err('SOURCE_MISSING');
    return ok(resolutionNotice({ meeting, resolution: r, outcome: voteOutcome(meeting, r, s), settings: s, issueDate: today }));
  }
  const outcomes: Record<string, VoteOutcome> = {};
  for (const r of meeting.topics.flatMap((t) => t.resolutions ?? [])) {
    const o = voteOutcome(meeting, r, s);
    if (o.outcome !== 'no_vote') outcomes[r.id] = o;
  }
  const g = meetingResolutionsNotice({ meeting, outcomes, settings: s, issueDate: today });
  return g ? ok(g) : err('NO_DECISIONS');
}

/** 会议通知 of a meeting still to be held; posted from today until the meeting's day. */
export function meetingContent(meeting: Meeting, settings: Profile, today: LocalDate): Result<GeneratedNotice, GenerateErrorCode> {
  if (meeting.status === 'final') return err('MEETING_FINAL');
  const g = meetingNotice({ meeting, settings: settings ?? {}, issueDate: today });
  return ok(meeting.date >= today ? { ...g, postFrom: today, postUntil: meeting.date } : g);
}

/** month:2026-03, quarter:2026-1, half:2026-2 (as 财务台账's 生成公示公告 names it) → the span; null if not one. */
export function parseSpan(text: string | undefined): DisclosureSpan | null {
  const m = /^(month|quarter|half):(\d{4})-(\d{1,2})$/.exec(text ?? '');
  if (!m) return null;
  const year = Number(m[2]);
  const part = Number(m[3]);
  if (m[1] === 'month') return part >= 1 && part <= 12 ? { kind: 'month', period: `${m[2]}-${String(part).padStart(2, '0')}` } : null;
  if (m[1] === 'quarter') return part >= 1 && part <= 4 ? { kind: 'quarter', quarter: { year, quarter: part as 1 | 2 | 3 | 4 } } : null;
  return part === 1 || part === 2 ? { kind: 'half', year, half: part } : null;
}

/** The span a 财务收支公示 disclosed, from its source (a month, or the months from periodFrom to periodTo). */
export function spanOfSource(source: NoticeDoc['source']): DisclosureSpan | null {
  if (source?.period) return { kind: 'month', period: source.period };
  const from = source?.periodFrom;
  const to = source?.periodTo;
  if (!from || !to) return null;
  const [fy, fm] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const [ty, tm] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  if (fy !== ty) return null;
  if (tm - fm === 2 && fm % 3 === 1) return { kind: 'quarter', quarter: { year: fy, quarter: ((fm + 2) / 3) as 1 | 2 | 3 | 4 } };
  if (tm - fm === 5 && (fm === 1 || fm === 7)) return { kind: 'half', year: fy, half: fm === 1 ? 1 : 2 };
  if (fm === tm) return { kind: 'month', period: from };
  return null;
}

/** The usual 大额支出 threshold when none is named (¥1,000.00, as 财务公示 offers). */
export const DEFAULT_LARGE_ITEM_FEN = 100_000;

/** The books as the ledger's rules read them. */
export async function readBooks(db: LinliDatabase): Promise<{ accounts: Account[]; vouchers: Voucher[]; periods: LedgerPeriod[] }> {
  const [a, v, p] = await Promise.all([db.accounts.find().exec(), db.vouchers.find().exec(), db.periods.find().exec()]);
  return { accounts: a.map((d) => d.toJSON() as unknown as Account), vouchers: v.map((d) => d.toJSON() as unknown as Voucher), periods: p.map((d) => d.toJSON() as unknown as LedgerPeriod) };
}

/** The figures of a closed span, as 财务公示 computes them. */
export async function disclosureOf(db: LinliDatabase, span: DisclosureSpan, thresholdFen: number): Promise<Result<Disclosure, GenerateErrorCode>> {
  const books = await readBooks(db);
  const d = disclosureFigures({ accounts: books.accounts, vouchers: books.vouchers }, books.periods, span, thresholdFen);
  return d.ok ? ok(d.value) : err(d.error.code === 'PERIOD_NOT_CLOSED' ? 'PERIOD_NOT_CLOSED' : 'SOURCE_MISSING');
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 任务进展公示: the tasks a 六方联动 filter shows today (with 我的任务's person when named). */
export async function tasksOfQuery(db: LinliDatabase, query: Readonly<Record<string, string>>, settings: Profile, today: LocalDate): Promise<Task[]> {
  const tasks = (await db.tasks.find().exec()).map((d) => d.toJSON() as Task);
  const calendar = compoundCalendar(settings);
  const stage = (t: Task) => (isOpenStatus(t.status) && t.dueDate && t.dueDate < today ? escalationOf(t, today, calendar).stage : 'none');
  const { filter } = filterFromQuery(query);
  const who = query.who ? { name: query.who, ...(query.person ? { personId: query.person } : {}) } : null;
  const index = indexTasks(who ? tasks.filter((t) => isTaskOf(t, who)) : tasks, stage);
  return filterTasks(index, filter, today).matches.map((k) => k.task);
}

/** The draft the query asks for, generated from the data on this PC. */
export async function generateFrom(query: Readonly<Record<string, string>>, ctx: GenerateContext): Promise<Result<NewNotice, GenerateErrorCode>> {
  const { db, settings, today, id } = ctx;
  const made = (g: Result<GeneratedNotice, GenerateErrorCode>): Result<NewNotice, GenerateErrorCode> => (g.ok ? ok(fromGenerated(id, g.value, settings, today)) : g);
  switch (query.from) {
    case 'blank': {
      const kind = (NOTICE_KINDS as readonly string[]).includes(query.kind ?? '') ? (query.kind as NoticeKind) : 'notice';
      return ok(blankDraft(id, kind, settings, today));
    }
    case 'resolution': {
      const meeting = await readMeeting(db, query.meeting);
      if (!meeting) return err('SOURCE_MISSING');
      return made(resolutionContent(meeting, settings, today, query.resolution));
    }
    case 'meeting': {
      const meeting = await readMeeting(db, query.meeting);
      if (!meeting) return err('SOURCE_MISSING');
      return made(meetingContent(meeting, settings, today));
    }
    case 'finance': {
      const span = parseSpan(query.span);
      if (!span) return err('SOURCE_MISSING');
      const threshold = /^\d{1,15}$/.test(query.threshold ?? '') ? Number(query.threshold) : DEFAULT_LARGE_ITEM_FEN;
      const d = await disclosureOf(db, span, threshold);
      if (!d.ok) return d;
      const g = financeNotice({ disclosure: d.value, settings: settings ?? {}, issueDate: DATE.test(query.issueDate ?? '') ? (query.issueDate as string) : today });
      // The 公示期 and date chosen in 财务公示 come along.
      const dates = {
        ...(DATE.test(query.postFrom ?? '') ? { postFrom: query.postFrom } : {}),
        ...(DATE.test(query.postUntil ?? '') ? { postUntil: query.postUntil } : {}),
      };
      return ok({ ...fromGenerated(id, g, settings, today), ...dates });
    }
    case 'tasks': {
      const tasks = await tasksOfQuery(db, query, settings, today);
      if (tasks.length === 0) return err('NO_TASKS');
      return made(ok(taskProgressNotice({ tasks, date: today, settings: settings ?? {}, issueDate: today })));
    }
    case 'project': {
      // 项目公示: the typed 申报 details (before) or the books' receipts and spending for the project in a year (after).
      const issueDate = DATE.test(query.issueDate ?? '') ? (query.issueDate as string) : today;
      const projectName = (query.project ?? '').trim();
      if (projectName === '') return err('PROJECT_INVALID');
      if (query.stage === 'before') {
        const budgetFen = /^\d{1,15}$/.test(query.budget ?? '') ? Number(query.budget) : NaN;
        if ((query.content ?? '').trim() === '' || !Number.isSafeInteger(budgetFen)) return err('PROJECT_INVALID');
        return made(ok(projectNotice({ stage: 'before', projectName, content: query.content ?? '', budgetFen, fundingSource: query.funding ?? '', settings: settings ?? {}, issueDate })));
      }
      if (query.stage !== 'after' || !/^\d{4}$/.test(query.year ?? '') || (query.acceptance ?? '').trim() === '') return err('PROJECT_INVALID');
      const books = await readBooks(db);
      const range = { from: `${query.year}-01-01`, to: `${query.year}-12-31` };
      const funds = restrictedFunds({ accounts: books.accounts, vouchers: books.vouchers }, range).find((f) => f.projectId === projectName);
      const head = storedChain(books.periods).at(-1)?.hash;
      return made(
        ok(projectNotice({ stage: 'after', projectName, funds, range, acceptance: query.acceptance ?? '', ...(head ? { booksHash: head } : {}), settings: settings ?? {}, issueDate })),
      );
    }
    default:
      return err('UNKNOWN_SOURCE');
  }
}
