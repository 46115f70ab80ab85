// 公告 (issue #13) as push and save rules (SPEC N22–N29): an issued notice is locked — it changes only by withdrawal,
// supersession, a print record or a renumbering after a 文号 clash — and a notice arrives issued only complete and
// with a 文号 nobody else of its issuer holds that year. The server runs this inside the push transaction over the
// compound's current documents, the app before saving over its local store; who acts is the actor.
import type { NoticeDoc, NoticeKind } from '../schema';
import { canonicalJson } from '../sync/canonical-json';
import type { Role } from '../sync/permissions';
import { isLockedStatus, noticeProblems, type NoticeProblemCode } from '../domain/notices/issue';
import type { DocLookup, DomainCheck, DomainProblem } from './index';

type Doc = Readonly<Record<string, unknown>>;

/** Rule codes the notices rule gives beyond the pure core's (NoticeProblemCode). */
export type NoticeRuleExtraCode = 'ISSUE_NO_INVALID' | 'WITHDRAWAL_INCOMPLETE' | 'SUPERSEDED_BY_INVALID' | 'PUBLIC_CODE_REQUIRED';

/** Codes kept as they are: unique among every collection's rules. */
const PLAIN = new Set<string>(['ISSUED_IMMUTABLE', 'ISSUE_NO_TAKEN', 'ALREADY_SUPERSEDED']);

/**
 * The rule code a push refusal carries: NOTICE_<code>, so that codes the tasks and the ledger also use
 * (REASON_REQUIRED, ROLE_NOT_ALLOWED, NOT_DRAFT…) keep their own sentences; the three named in the spec stay plain.
 */
export const noticeRuleCode = (code: NoticeProblemCode | NoticeRuleExtraCode): string => (PLAIN.has(code) ? code : `NOTICE_${code}`);

/** Every rule code noticeRules can give (for the Chinese table's test). */
export type NoticeRuleCode = 'ISSUED_IMMUTABLE' | 'ISSUE_NO_TAKEN' | 'ALREADY_SUPERSEDED' | `NOTICE_${Exclude<NoticeProblemCode, 'ISSUED_IMMUTABLE' | 'ISSUE_NO_TAKEN' | 'ALREADY_SUPERSEDED'> | NoticeRuleExtraCode}`;

/** Fields of a stored issued notice that change freely: bookkeeping and conflict copies. */
const BOOKKEEPING: ReadonlySet<string> = new Set(['updatedAt', 'updatedBy', 'conflicts', '_deleted']);
/** Changed only by the withdrawal itself (issued → withdrawn). */
const WITHDRAWAL: ReadonlySet<string> = new Set(['status', 'withdrawnAt', 'withdrawnBy', 'withdrawReason']);

const OFFICE: ReadonlySet<Role> = new Set<Role>(['admin', 'branch_secretary', 'secretary']);
const BOOKS_KINDS: ReadonlySet<NoticeKind> = new Set<NoticeKind>(['finance', 'project']);

/** N28: the office issues and withdraws every kind; the treasurer (财务) only the books' 公示 (finance, project). */
export const mayIssueKind = (role: Role, kind: NoticeKind): boolean => OFFICE.has(role) || (role === 'treasurer' && BOOKS_KINDS.has(kind));

const live = (d: Doc | undefined): Doc | undefined => (d && d._deleted !== true ? d : undefined);
const same = (a: unknown, b: unknown): boolean => canonicalJson(a ?? null) === canonicalJson(b ?? null);
const text = (x: unknown): string => (typeof x === 'string' ? x.trim() : '');

function refuse(id: string, code: NoticeProblemCode | NoticeRuleExtraCode, message: string, path?: string): DomainProblem {
  return { rule: noticeRuleCode(code), message: `notice ${id}: ${message}`, ...(path ? { path } : {}) };
}

/** N24: another issued or withdrawn notice holding this issuer's 文号 in that year, if any. */
async function holderOf(lookup: DocLookup, self: string, key: unknown, year: unknown, seq: unknown): Promise<Doc | undefined> {
  if (typeof key !== 'string' || typeof year !== 'number' || typeof seq !== 'number') return undefined;
  const found = await lookup.find('notices', { issuerKey: key, issueYear: year, issueSeq: seq }, 10);
  return found.find((d) => d.id !== self && isLockedStatus(d.status as string));
}

/** N25: a withdrawal names when, who and why. */
function withdrawalProblem(id: string, doc: Doc): DomainProblem | null {
  if (text(doc.withdrawReason) === '') return refuse(id, 'REASON_REQUIRED', 'a withdrawal needs a reason', '/withdrawReason');
  if (text(doc.withdrawnAt) === '' || text(doc.withdrawnBy) === '') return refuse(id, 'WITHDRAWAL_INCOMPLETE', 'a withdrawal names withdrawnAt and withdrawnBy', '/withdrawnAt');
  return null;
}

/**
 * N26: `supersededBy` names the notice that replaced this one, which says so itself (`supersedes` = this id). Its
 * own issue is judged when it arrives issued (N23): the successor and the old notice are written one after the
 * other and reach the server in any order — the successor may be here still as the draft synced earlier, or not yet.
 */
async function supersededByProblem(id: string, successorId: unknown, lookup: DocLookup): Promise<DomainProblem | null> {
  if (typeof successorId !== 'string') return null;
  if (successorId === id) return refuse(id, 'SUPERSEDED_BY_INVALID', 'a notice does not supersede itself', '/supersededBy');
  const successor = await lookup.get('notices', successorId);
  if (!successor) return null;
  if (successor.supersedes !== id) {
    return refuse(id, 'SUPERSEDED_BY_INVALID', `${successorId} is not a notice superseding this one`, '/supersededBy');
  }
  return null;
}

/**
 * N23: a notice arriving issued (new, or from a draft; also one issued and withdrawn before it reached the server):
 * complete (N15 forIssue), numbered in the year of its 成文日期, public only with a code, its 文号 free (N24), issued
 * by a role that may (N28), and the notice it supersedes not already superseded by another.
 */
async function arrivalProblem(doc: Doc, lookup: DocLookup, role: Role): Promise<DomainProblem | null> {
  const id = String(doc.id);
  const n = doc as unknown as NoticeDoc;
  const problem = noticeProblems(n, { forIssue: true })[0];
  if (problem) return refuse(id, problem.code, `not issuable: ${problem.code}`, problem.field ? `/${problem.field}` : undefined);
  if (!mayIssueKind(role, n.kind)) return refuse(id, 'ROLE_NOT_ALLOWED', `role ${role} does not issue ${n.kind} notices`, '/status');
  if (n.issueYear === undefined || n.issueSeq === undefined || n.issueYear !== Number(n.issueDate?.slice(0, 4))) {
    return refuse(id, 'ISSUE_NO_INVALID', 'an issued notice carries issueYear (the year of its issueDate) and issueSeq', '/issueSeq');
  }
  if (text(n.issuedAt) === '' || text(n.issuedBy) === '') return refuse(id, 'ISSUE_NO_INVALID', 'an issued notice names issuedAt and issuedBy', '/issuedAt');
  if (n.public === true && n.publicCode === undefined) return refuse(id, 'PUBLIC_CODE_REQUIRED', 'a public notice carries its public code', '/publicCode');
  const holder = await holderOf(lookup, id, n.issuerKey, n.issueYear, n.issueSeq);
  if (holder) return refuse(id, 'ISSUE_NO_TAKEN', `${n.issuerKey}/${n.issueYear}/${n.issueSeq} is held by ${String(holder.id)}`, '/issueSeq');
  if (n.status === 'withdrawn') {
    const w = withdrawalProblem(id, doc);
    if (w) return w;
  }
  if (n.supersedes !== undefined) {
    const old = await lookup.get('notices', n.supersedes);
    if (old && typeof old.supersededBy === 'string' && old.supersededBy !== id) {
      return refuse(id, 'ALREADY_SUPERSEDED', `${n.supersedes} is already superseded by ${old.supersededBy}`, '/supersedes');
    }
  }
  return supersededByProblem(id, n.supersededBy, lookup);
}

/** N22: what may change on a stored issued or withdrawn notice, each change checked. */
async function lockedChangeProblem(before: Doc, doc: Doc, lookup: DocLookup, role: Role): Promise<DomainProblem | null> {
  const id = String(doc.id);
  const withdrawing = before.status === 'issued' && doc.status === 'withdrawn';
  for (const k of new Set([...Object.keys(before), ...Object.keys(doc)])) {
    if (BOOKKEEPING.has(k) || same(before[k], doc[k])) continue;
    if (WITHDRAWAL.has(k) && withdrawing) continue;
    if (k === 'supersededBy') {
      if (before.supersededBy === undefined) continue;
      return refuse(id, 'ALREADY_SUPERSEDED', `already superseded by ${String(before.supersededBy)}`, '/supersededBy');
    }
    if (k === 'prints' || k === 'printedAt' || k === 'issueSeq') continue;
    return refuse(id, 'ISSUED_IMMUTABLE', `an issued notice does not change ${k}`, `/${k}`);
  }
  if (withdrawing) {
    if (!mayIssueKind(role, doc.kind as NoticeKind)) return refuse(id, 'ROLE_NOT_ALLOWED', `role ${role} does not withdraw ${String(doc.kind)} notices`, '/status');
    const w = withdrawalProblem(id, doc);
    if (w) return w;
  }
  if (!same(before.prints, doc.prints) || !same(before.printedAt, doc.printedAt)) {
    const old = Array.isArray(before.prints) ? before.prints : [];
    const now = Array.isArray(doc.prints) ? doc.prints : [];
    const i = old.findIndex((p, j) => !same(p, now[j]));
    if (i >= 0) return refuse(id, 'ISSUED_IMMUTABLE', 'the print log is appended to, never rewritten', `/prints/${i}`);
    if (now.length === old.length) return refuse(id, 'ISSUED_IMMUTABLE', 'printedAt changes only with a new print record', '/printedAt');
    if (text(doc.printedAt) === '') return refuse(id, 'ISSUED_IMMUTABLE', 'a new print record sets printedAt', '/printedAt');
  }
  if (!same(before.issueSeq, doc.issueSeq)) {
    const holder = await holderOf(lookup, id, before.issuerKey, before.issueYear, before.issueSeq);
    if (!holder) return refuse(id, 'ISSUED_IMMUTABLE', 'the 文号 changes only when another notice holds it', '/issueSeq');
    const taken = await holderOf(lookup, id, doc.issuerKey, doc.issueYear, doc.issueSeq);
    if (taken) return refuse(id, 'ISSUE_NO_TAKEN', `${String(doc.issueSeq)} is held by ${String(taken.id)}`, '/issueSeq');
  }
  if (before.supersededBy === undefined) return supersededByProblem(id, doc.supersededBy, lookup);
  return null;
}

/**
 * Notices (N22–N29). Drafts are free (the schema holds them); an issued or withdrawn notice is never deleted and
 * changes only as N22 allows; a notice becoming issued keeps N23.
 */
export const noticeRules: DomainCheck = async ({ doc, previous, lookup, actor }) => {
  const before = live(previous);
  const id = String(doc.id);
  const locked = before !== undefined && isLockedStatus(before.status as string);
  if (doc._deleted === true) return locked ? refuse(id, 'ISSUED_IMMUTABLE', 'an issued notice is never deleted', '/_deleted') : null;
  if (locked) return lockedChangeProblem(before, doc, lookup, actor.role);
  if (isLockedStatus(doc.status as string)) return arrivalProblem(doc, lookup, actor.role);
  return null;
};
