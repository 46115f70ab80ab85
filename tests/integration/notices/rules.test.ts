// The notices' rules on the real server (issue #13, SPEC N22–N29): the push judges notices with the pure core
// (shared/domain/notices, shared/collections/notice-rules.ts) over the compound's own documents. Clients here are the
// HTTP API and the pure functions the notices UI calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftNotice } from '../../../shared/domain/notices/fixtures';
import { issueNotice, markSuperseded, recordPrint, renumberNotice, supersedingDraft, withdrawNotice } from '../../../shared/domain/notices/issue';
import { issueNumberText } from '../../../shared/domain/notices/lifecycle';
import type { NoticeDoc } from '../../../shared/schema';
import { freshDatabase, loginAs, makeCompound, makeUser, pull, push, row, seqs, startServer, type Json, type TestDatabase, type TestServer } from '../server/helpers';

let tdb: TestDatabase;
let server: TestServer;
const tokens: Record<string, string> = {};
const T = (day: string, h = '02') => `${day}T${h}:00:00.000Z`;

/** The server's sequence of each document pushed, by id. */
const seqOf: Record<string, number> = {};

async function put(user: string, docs: readonly NoticeDoc[], deleted = false) {
  const rows = docs.map((d) => row({ ...(d as unknown as Json), _deleted: deleted }, seqOf[d.id] ?? 0));
  const r = await push(server.url, tokens[user]!, 'notices', rows);
  expect(r.status).toBe(200);
  Object.assign(seqOf, seqs(r.body));
  return r.body as { accepted: { id: string }[]; rejected: Json[]; conflicts: Json[] };
}

/** What a PC holds after pulling: every live notice of the compound. */
async function all(user: string): Promise<NoticeDoc[]> {
  const out: Json[] = [];
  let seq = 0;
  for (;;) {
    const r = await pull(server.url, tokens[user]!, 'notices', seq, 1000);
    const docs = r.body.documents as Json[];
    out.push(...docs.filter((d) => d._deleted !== true));
    if (docs.length === 0) return out.map(({ sync: _s, _deleted: _d, ...d }) => d) as unknown as NoticeDoc[];
    seq = (r.body.checkpoint as { seq: number }).seq;
  }
}

const unwrap = <V>(r: { ok: true; value: V } | { ok: false; error: unknown }): V => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

const issueAs = (by: string, draft: NoticeDoc, known: readonly NoticeDoc[], code: string, at = T('2026-11-28')) =>
  unwrap(issueNotice(draft, { notices: known, now: at, by, publicCode: code }));

beforeAll(async () => {
  tdb = await freshDatabase();
  server = await startServer(tdb.db);
  await makeCompound(tdb.db, 'HEMEI');
  for (const [u, role] of [['mishu', 'secretary'], ['shuji', 'branch_secretary'], ['kuaiji', 'treasurer']] as const) {
    await makeUser(tdb.db, 'HEMEI', u, role);
    tokens[u] = (await loginAs(server.url, 'HEMEI', u)).accessToken;
  }
});
afterAll(async () => {
  await server.close();
  await tdb.drop();
});

describe('an issued notice on the server', () => {
  let issued: NoticeDoc;

  it('takes a draft, then the same notice issued', async () => {
    const d = draftNotice({ id: 'n-road' });
    expect(await put('mishu', [d])).toMatchObject({ rejected: [], conflicts: [] });
    issued = issueAs('mishu', d, await all('mishu'), 'Road23456789');
    expect(issueNumberText(issued)).toBe('和美业委〔2026〕1号');
    expect(await put('mishu', [issued])).toMatchObject({ rejected: [], conflicts: [] });
  });

  it('refuses an edit with a structured error naming the field', async () => {
    const r = await put('mishu', [{ ...issued, body: `${issued.body}\n\n补充一句。`, updatedAt: T('2026-11-28', '03') }]);
    expect(r.rejected).toEqual([expect.objectContaining({ id: 'n-road', code: 'DOMAIN_INVALID', rule: 'ISSUED_IMMUTABLE', path: '/body' })]);
    const back = await put('shuji', [{ ...issued, status: 'draft' }]);
    expect(back.rejected).toEqual([expect.objectContaining({ rule: 'ISSUED_IMMUTABLE', path: '/status' })]);
  });

  it('refuses deleting it', async () => {
    const r = await put('mishu', [issued], true);
    expect(r.rejected).toEqual([expect.objectContaining({ id: 'n-road', code: 'DOMAIN_INVALID', rule: 'ISSUED_IMMUTABLE', path: '/_deleted' })]);
  });

  it('appends prints; refuses rewriting them', async () => {
    const once = recordPrint(issued, { at: T('2026-11-28', '04'), by: 'mishu', device: 'PC-1', copies: 3, paper: 'A4' });
    expect(await put('mishu', [once])).toMatchObject({ rejected: [] });
    const fewer = await put('mishu', [{ ...once, prints: [{ ...once.prints![0]!, copies: 1 }] }]);
    expect(fewer.rejected).toEqual([expect.objectContaining({ rule: 'ISSUED_IMMUTABLE', path: '/prints/0' })]);
    const twice = recordPrint(once, { at: T('2026-11-29'), by: 'shuji', copies: 1, paper: 'A3', pdf: true });
    expect(await put('shuji', [twice])).toMatchObject({ rejected: [] });
    issued = twice;
  });

  it('is superseded by a newer notice: the successor issued, then the old one pointing to it', async () => {
    const draft = { ...supersedingDraft(issued, 'n-road-2', { at: T('2026-11-30'), by: 'mishu' }), body: `${issued.body}\n\n（更正：预算不超过3万元。）`, issueDate: '2026-11-30' };
    expect(await put('mishu', [draft])).toMatchObject({ rejected: [] });
    const successor = issueAs('mishu', draft, await all('mishu'), 'Road2345678A', T('2026-11-30', '03'));
    expect(successor.issueSeq).toBe(2);
    const old = unwrap(markSuperseded(issued, successor.id));
    // Pushed together, in either order within the push.
    expect(await put('mishu', [old, successor])).toMatchObject({ rejected: [], conflicts: [] });
    // Once set, it stays.
    const again = await put('mishu', [{ ...old, supersededBy: 'n-other' }]);
    expect(again.rejected).toEqual([expect.objectContaining({ rule: 'ALREADY_SUPERSEDED', path: '/supersededBy' })]);
    issued = old;
  });

  it('is withdrawn with a reason; not by the treasurer; not without a reason', async () => {
    const other = issueAs('mishu', draftNotice({ id: 'n-fence', title: '关于围墙修缮的决议公告', issueDate: '2026-11-30' }), await all('mishu'), 'Fence2345678');
    expect(await put('mishu', [other])).toMatchObject({ rejected: [] });
    const w = unwrap(withdrawNotice(other, { now: T('2026-12-01'), by: 'shuji', reason: '决议内容需重新表决' }));
    expect((await put('kuaiji', [w])).rejected).toEqual([expect.objectContaining({ rule: 'NOTICE_ROLE_NOT_ALLOWED', path: '/status' })]);
    expect((await put('shuji', [{ ...w, withdrawReason: ' ' }])).rejected).toEqual([expect.objectContaining({ rule: 'NOTICE_REASON_REQUIRED' })]);
    expect(await put('shuji', [w])).toMatchObject({ rejected: [] });
    expect((await put('shuji', [{ ...w, status: 'issued' }])).rejected).toEqual([expect.objectContaining({ rule: 'ISSUED_IMMUTABLE', path: '/status' })]);
  });

  it('refuses an incomplete notice arriving issued', async () => {
    const bad = issueAs('mishu', draftNotice({ id: 'n-bad', issueDate: '2026-12-01' }), await all('mishu'), 'Bad234567890');
    const r = await put('mishu', [{ ...bad, postUntil: undefined } as NoticeDoc]);
    expect(r.rejected).toEqual([expect.objectContaining({ id: 'n-bad', rule: 'NOTICE_POST_PERIOD_REQUIRED', path: '/postUntil' })]);
  });
});

describe('two PCs issuing offline', () => {
  it('pick the same 文号; the second push is refused ISSUE_NO_TAKEN, its renumbering accepted', async () => {
    const known = await all('mishu');
    const year = (n: NoticeDoc) => n.issuerKey === 'branch' && n.issueYear === 2026;
    expect(known.filter(year)).toEqual([]);
    // Both PCs start from the same notices, offline, and issue a notice of the 党支部.
    const branch = { issuers: ['中共和美小区支部委员会'], issuerKey: 'branch' as const, issuePrefix: '和美党支', kind: 'notice' as const };
    const onA = issueAs('mishu', draftNotice({ id: 'n-pc-a', title: '关于开展主题党日活动的通知', ...branch }), known, 'PcA234567890');
    const onB = issueAs('shuji', draftNotice({ id: 'n-pc-b', title: '关于收缴党费的通知', ...branch }), known, 'PcB234567890');
    expect([onA.issueSeq, onB.issueSeq]).toEqual([1, 1]);

    expect(await put('mishu', [onA])).toMatchObject({ rejected: [] });
    const refused = await put('shuji', [onB]);
    expect(refused.rejected).toEqual([expect.objectContaining({ id: 'n-pc-b', code: 'DOMAIN_INVALID', rule: 'ISSUE_NO_TAKEN', path: '/issueSeq' })]);

    // PC B pulls, sees A's notice holding 〔2026〕1号, renumbers (its printed papers must be printed again).
    const pulled = await all('shuji');
    const renumbered = unwrap(renumberNotice(onB, [...pulled, onB]));
    expect(issueNumberText(renumbered)).toBe('和美党支〔2026〕2号');
    expect(await put('shuji', [renumbered])).toMatchObject({ rejected: [] });
    // Renumbering while nobody holds the number is refused.
    expect(renumberNotice(renumbered, [...(await all('shuji'))])).toEqual({ ok: false, error: { code: 'ISSUED_IMMUTABLE', detail: { field: 'issueSeq' } } });
    const moved = await put('shuji', [{ ...renumbered, issueSeq: 7 }]);
    expect(moved.rejected).toEqual([expect.objectContaining({ rule: 'ISSUED_IMMUTABLE', path: '/issueSeq' })]);
  });
});
