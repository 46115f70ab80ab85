// Writes of 公告打印. The pure rules (shared/domain/notices) decide and build every document; each write is stamped
// and judged again by the database's rule hook (db/domain-check.ts), as the server judges the push. A rule is checked
// on the stored notice first and applied again to the latest revision inside the write, so a change made meanwhile
// (another window, a sync) is never overwritten with a stale copy. Ids and public codes are made here.
import { localDate } from '../../../shared/domain/common/dates';
import { updatedFields, type Stamp } from '../../../shared/domain/common/stamp';
import {
  issueNotice,
  markSuperseded,
  noticeProblems,
  recordPrint,
  renumberNotice,
  supersedingDraft,
  withdrawNotice,
  type NoticeError,
  type NoticeProblem,
  type PrintRecord,
} from '../../../shared/domain/notices/issue';
import { PUBLIC_CODE_LENGTH, publicCodeFrom } from '../../../shared/domain/notices/public';
import { err, ok, type Result } from '../../../shared/result';
import type { NoticeDoc } from '../../../shared/schema';
import type { LinliDatabase } from '../../db/database';
import { deviceId } from '../../db/device';
import { currentStamp } from '../../db/operator';
import { attemptWrite, type WriteError } from '../../db/write-error';

export type NoticeFailure =
  | { readonly kind: 'fields'; readonly problems: readonly NoticeProblem[] }
  | { readonly kind: 'rule'; readonly error: NoticeError }
  | { readonly kind: 'write'; readonly error: WriteError };
export type NoticeResult<T> = Result<T, NoticeFailure>;

const fields = (problems: readonly NoticeProblem[]): NoticeResult<never> => err({ kind: 'fields', problems });
const rule = (error: NoticeError): NoticeResult<never> => err({ kind: 'rule', error });
const writeFailed = (error: WriteError): NoticeResult<never> => err({ kind: 'write', error });

/** A fresh unguessable code for the public check page (/n/<code>). */
export function newPublicCode(): string {
  return publicCodeFrom(crypto.getRandomValues(new Uint8Array(PUBLIC_CODE_LENGTH)));
}

/** Stored documents carry RxDB's own fields and the sync mark; the rules see and return the rest. */
type Stored = NoticeDoc & Record<string, unknown>;

const stamped = (n: NoticeDoc, stamp: Stamp): NoticeDoc => ({ ...n, ...updatedFields(stamp) });

async function read(db: LinliDatabase, id: string): Promise<Result<NoticeDoc, WriteError>> {
  const r = await attemptWrite(() => db.notices.findOne(id).exec());
  if (!r.ok) return r;
  return r.value ? ok(r.value.toMutableJSON() as NoticeDoc) : err({ code: 'NOT_FOUND' });
}

async function readAll(db: LinliDatabase): Promise<Result<NoticeDoc[], WriteError>> {
  return attemptWrite(async () => (await db.notices.find().exec()).map((d) => d.toMutableJSON() as NoticeDoc));
}

/**
 * Modifies the latest revision with `change`: its rule result becomes the stored document (stamped); a refusal there
 * leaves the notice as it is and is returned.
 */
async function modify(db: LinliDatabase, id: string, change: (old: NoticeDoc) => Result<NoticeDoc, NoticeError>): Promise<NoticeResult<NoticeDoc>> {
  const stamp = currentStamp();
  const seen: { written: NoticeDoc | null; refusal: NoticeError | null } = { written: null, refusal: null };
  const r = await attemptWrite(async () => {
    const doc = await db.notices.findOne(id).exec();
    if (!doc) return false;
    await doc.incrementalModify((old) => {
      const next = change(old as NoticeDoc);
      if (!next.ok) {
        seen.refusal = next.error;
        return old;
      }
      seen.written = stamped(next.value, stamp);
      return seen.written as Stored;
    });
    return true;
  });
  if (!r.ok) return writeFailed(r.error);
  if (!r.value) return writeFailed({ code: 'NOT_FOUND' });
  if (seen.refusal) return rule(seen.refusal);
  return seen.written ? ok(seen.written) : writeFailed({ code: 'WRITE_CONFLICT' });
}

/** A new notice (a blank one, or a draft generated from data), stamped; written as given. */
export async function createNotice(db: LinliDatabase, doc: Omit<NoticeDoc, 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy'>): Promise<NoticeResult<NoticeDoc>> {
  const stamp = currentStamp();
  const full = { ...doc, createdAt: stamp.at, createdBy: stamp.by, updatedAt: stamp.at, updatedBy: stamp.by } as NoticeDoc;
  const r = await attemptWrite(() => db.notices.insert(full));
  return r.ok ? ok(full) : writeFailed(r.error);
}

/** Problems of a draft as it would be stored (those even a draft may not have, e.g. an end before the start). */
export const draftProblems = (n: NoticeDoc): NoticeProblem[] => noticeProblems(n, { forIssue: false });

/** 保存 a draft: refused whole when the form has a problem or the notice is no longer a draft. */
export async function saveDraft(db: LinliDatabase, draft: NoticeDoc): Promise<NoticeResult<NoticeDoc>> {
  const problems = draftProblems(draft);
  if (problems.length > 0) return fields(problems);
  return modify(db, draft.id, (old) => {
    if (old.status !== 'draft') return err({ code: old.status === 'issued' ? 'ISSUED_IMMUTABLE' : 'NOT_DRAFT' });
    // The form's fields over the latest revision (a field the form emptied is removed): bookkeeping, prints and
    // links stay as stored.
    return ok(compact({ ...old, ...contentFields(draft) }));
  });
}

/** What the form edits (everything but bookkeeping, lifecycle and links). */
function contentFields(n: NoticeDoc): Partial<NoticeDoc> {
  const keys = ['kind', 'title', 'body', 'tables', 'addressees', 'issuers', 'issuerKey', 'issuePrefix', 'issueDate', 'postFrom', 'postUntil', 'contactName', 'contactPhone', 'attachmentNames', 'sealed', 'paper', 'public'] as const;
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = n[k];
  return out as Partial<NoticeDoc>;
}

/** Removes fields the form left empty (undefined after the spread) so the schema never sees them. */
function compact(n: NoticeDoc): NoticeDoc {
  const out = { ...n } as Record<string, unknown>;
  for (const [k, v] of Object.entries(out)) if (v === undefined) delete out[k];
  return out as NoticeDoc;
}

/**
 * 发布: the form as typed is saved and issued in one write — numbered (the next 文号 of its issuer and year known on
 * this PC), locked, given its public code. Refused whole, at the fields, when it is not ready. A notice that
 * supersedes another then marks the old one (its successor exists now, locally and in the next push).
 */
export async function issue(db: LinliDatabase, draft: NoticeDoc, by: string): Promise<NoticeResult<NoticeDoc>> {
  const problems = noticeProblems(compact(draft), { forIssue: true });
  if (problems.length > 0) return fields(problems);
  const all = await readAll(db);
  if (!all.ok) return writeFailed(all.error);
  const publicCode = newPublicCode();
  const now = new Date().toISOString();
  const issued = await modify(db, draft.id, (old) => {
    if (old.status !== 'draft') return err({ code: old.status === 'issued' ? 'ISSUED_IMMUTABLE' : 'NOT_DRAFT' });
    const n = compact({ ...old, ...contentFields(draft) });
    return issueNotice(n, { notices: all.value, now, by, publicCode });
  });
  if (!issued.ok) return issued;
  if (issued.value.supersedes) {
    const marked = await markPredecessor(db, issued.value);
    if (!marked.ok) return marked;
  }
  return issued;
}

/**
 * The notice an issued one supersedes, pointed at it (N19). Part of 发布; also offered again should that second
 * write have failed (the new notice is issued, the old one not yet marked).
 */
export async function markPredecessor(db: LinliDatabase, successor: Pick<NoticeDoc, 'id' | 'supersedes'>): Promise<NoticeResult<NoticeDoc>> {
  if (!successor.supersedes) return rule({ code: 'NOT_ISSUED' });
  return modify(db, successor.supersedes, (old) => markSuperseded(old, successor.id));
}

/** 撤下 with a reason (also marks an expired or superseded paper as taken down). */
export async function withdraw(db: LinliDatabase, id: string, reason: string, by: string): Promise<NoticeResult<NoticeDoc>> {
  const before = await read(db, id);
  if (!before.ok) return writeFailed(before.error);
  const now = new Date().toISOString();
  const check = withdrawNotice(before.value, { now, by, reason });
  if (!check.ok) return rule(check.error);
  return modify(db, id, (old) => withdrawNotice(old, { now, by, reason }));
}

/**
 * 发布新公告取代本公告: a new draft pointing at `oldId`, its content copied — or, for a notice generated from data
 * that has changed since, regenerated (`content`: title, body, tables, source as the generator makes them now).
 */
export async function supersede(db: LinliDatabase, oldId: string, content?: Partial<NoticeDoc>): Promise<NoticeResult<NoticeDoc>> {
  const old = await read(db, oldId);
  if (!old.ok) return writeFailed(old.error);
  if (old.value.status !== 'issued') return rule({ code: 'NOT_ISSUED' });
  if (old.value.supersededBy) return rule({ code: 'ALREADY_SUPERSEDED' });
  const stamp = currentStamp();
  // A new 成文日期 (today): the old one's is not carried over.
  const draft = { ...supersedingDraft(old.value, crypto.randomUUID(), { at: stamp.at, by: stamp.by }), issueDate: localDate(new Date()) };
  const regenerated = content ? compact({ ...draft, ...content, id: draft.id, status: 'draft', supersedes: oldId }) : draft;
  const r = await attemptWrite(() => db.notices.insert(regenerated));
  return r.ok ? ok(regenerated) : writeFailed(r.error);
}

/** A print or PDF, appended to the notice's log: when, who, which PC, copies, paper. */
export async function logPrint(db: LinliDatabase, id: string, print: { copies: number; paper: 'A4' | 'A3'; pdf: boolean; by: string }): Promise<NoticeResult<NoticeDoc>> {
  let device: string | undefined;
  try {
    device = deviceId();
  } catch {
    device = undefined; // storage blocked: the print is still logged with who and when
  }
  const record: PrintRecord = { at: new Date().toISOString(), by: print.by, copies: print.copies, paper: print.paper, ...(print.pdf ? { pdf: true } : {}), ...(device ? { device } : {}) };
  return modify(db, id, (old) => ok(recordPrint(old, record)));
}

/** 重新编号 after the server refused the 文号 (another PC issued the same one first). */
export async function renumber(db: LinliDatabase, id: string): Promise<NoticeResult<NoticeDoc>> {
  const all = await readAll(db);
  if (!all.ok) return writeFailed(all.error);
  return modify(db, id, (old) => renumberNotice(old, all.value));
}

/** 删除草稿: only a draft; an issued notice stays for the record. */
export async function deleteDraft(db: LinliDatabase, id: string): Promise<NoticeResult<void>> {
  const before = await read(db, id);
  if (!before.ok) return writeFailed(before.error);
  if (before.value.status !== 'draft') return rule({ code: 'NOT_DRAFT' });
  const r = await attemptWrite(async () => {
    const doc = await db.notices.findOne(id).exec();
    if (doc) await doc.remove();
  });
  return r.ok ? ok(undefined) : writeFailed(r.error);
}
