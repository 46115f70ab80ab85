// The public check page of a notice (GET /n/:code, issue #13): only issued or withdrawn public notices, from any
// compound by their own code, as escaped plain HTML with its status; 404 with the 尚未同步 hint otherwise; rate
// limited per address; cached with an ETag; a strict CSP. Notices reach the server as the app sends them: pushed
// through the sync API by an office user.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicCodeFrom, shortCodeText } from '../../../shared/domain/notices/public';
import { PUBLIC_NOTICE_LIMITS } from '../../../src-server/routes/public-notice';
import { shanghaiDateTime } from '../../../src-server/routes/public-notice-page';
import { freshDatabase, loginAs, makeCompound, makeUser, push, seqs, startServer, type Json, type TestDatabase, type TestServer } from './helpers';

const AT = '2026-11-25T08:30:00.000Z';
const DAY = 24 * 3600 * 1000;

let tdb: TestDatabase;
let server: TestServer;
let hemei: string;
let qinghe: string;
let hemeiId: string;

/** The date `days` from today in Asia/Shanghai (the server's "today"). */
const day = (days: number): string => shanghaiDateTime(Date.now() + days * DAY).date;
const newCode = (): string => publicCodeFrom(randomBytes(12));

let issueSeq = 0;
let ipCounter = 0;
/** Each test asks from its own address (the server trusts X-Forwarded-For here), so the rate limit stays per test. */
const newIp = (): string => `198.51.100.${++ipCounter}`;

/** A valid issued, public notice (as issueNotice leaves it). */
function issued(id: string, fields: Json = {}): Json & { id: string } {
  issueSeq += 1;
  const issueDate = typeof fields.issueDate === 'string' ? fields.issueDate : day(-3);
  return {
    id,
    createdAt: AT,
    updatedAt: AT,
    createdBy: 'mishu',
    updatedBy: 'mishu',
    kind: 'notice',
    title: `关于 ${id} 的通知`,
    body: '各位业主：\n\n　　本周六上午九时在小区广场召开业主大会。\n请准时参加。\n\n特此通知。',
    issuers: ['和美小区业主委员会'],
    issuerKey: 'owners_committee',
    issuePrefix: '和美业委',
    issueYear: Number(issueDate.slice(0, 4)),
    issueSeq,
    issueDate: day(-3),
    postFrom: day(-3),
    postUntil: day(10),
    contactName: '李主任',
    contactPhone: '0571-88886666',
    status: 'issued',
    issuedAt: AT,
    issuedBy: 'mishu-username',
    public: true,
    publicCode: newCode(),
    _deleted: false,
    ...fields,
  };
}

type Page = { status: number; headers: Headers; text: string };

async function page(path: string, opts: { ip?: string; headers?: Record<string, string>; method?: string } = {}): Promise<Page> {
  const res = await fetch(`${server.url}${path}`, {
    method: opts.method ?? 'GET',
    headers: { 'X-Forwarded-For': opts.ip ?? newIp(), ...opts.headers },
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Pushes documents and returns their seqs; fails the test on any conflict or rejection. */
async function pushAll(token: string, rows: { baseSeq: number; document: Json }[]): Promise<Record<string, number>> {
  const r = await push(server.url, token, 'notices', rows);
  expect(r.status).toBe(200);
  expect(r.body.rejected).toEqual([]);
  expect(r.body.conflicts).toEqual([]);
  return seqs(r.body);
}

beforeAll(async () => {
  tdb = await freshDatabase();
  server = await startServer(tdb.db, { trustProxy: true });
  hemeiId = (await makeCompound(tdb.db, 'HEMEI')).id;
  await makeCompound(tdb.db, 'QINGHE');
  await makeUser(tdb.db, 'HEMEI', 'mishu', 'secretary');
  await makeUser(tdb.db, 'QINGHE', 'mishu', 'secretary');
  hemei = (await loginAs(server.url, 'HEMEI', 'mishu')).accessToken;
  qinghe = (await loginAs(server.url, 'QINGHE', 'mishu')).accessToken;
});
afterAll(async () => {
  await server?.close();
  await tdb?.drop();
});

describe('the public notice page', () => {
  it('shows an issued public notice as plain escaped HTML with 公示中, its number, issuers, dates and contact', async () => {
    const n = issued('n-secret-id-1', {
      title: '<script>alert(1)</script>停水通知',
      body: '因管道检修，<img src=x onerror=alert(2)> 本周停水。\n\n　　请提前储水。',
      addressees: '全体业主',
      attachmentNames: ['停水范围示意图'],
    });
    await pushAll(hemei, [{ baseSeq: 0, document: n }]);
    const p = await page(`/n/${n.publicCode as string}`);
    expect(p.status).toBe(200);
    expect(p.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(p.text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(p.text).toContain('HEMEI 小区');
    expect(p.text).toContain('公示中');
    expect(p.text).toContain('通知'); // the kind
    expect(p.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;停水通知');
    expect(p.text).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(p.text).not.toMatch(/<script|<img/i);
    expect(p.text).toContain(`和美业委〔2026〕${n.issueSeq as number}号`);
    expect(p.text).toContain('和美小区业主委员会');
    const cn = (d: string): string => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
    expect(p.text).toContain(`${cn(n.postFrom as string)}至${cn(n.postUntil as string)}`);
    expect(p.text).toContain(cn(n.issueDate as string));
    expect(p.text).toContain('全体业主');
    expect(p.text).toContain('停水范围示意图');
    expect(p.text).toContain('李主任 0571-88886666');
    // Paragraphs as stored: split at blank lines, the full-width indent kept.
    expect(p.text).toContain('<p>　　请提前储水。</p>');
    expect(p.text).toContain(shortCodeText(n.publicCode as string));
    expect(p.text).toContain('本页面由 邻里工作台 同步服务器提供，内容与张贴的纸质公告一致方为有效');
    expect(p.text).toMatch(/页面生成时间：\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}（北京时间）/);
    // No id but the code: not the notice's, not the compound's, not who issued it.
    expect(p.text).not.toContain('n-secret-id-1');
    expect(p.text).not.toContain(hemeiId);
    expect(p.text).not.toContain('mishu');
  });

  it('sends a strict CSP, no scripts, and caches briefly with an ETag that answers 304', async () => {
    const n = issued('n-cache');
    await pushAll(hemei, [{ baseSeq: 0, document: n }]);
    const ip = newIp();
    const first = await page(`/n/${n.publicCode as string}`, { ip });
    expect(first.status).toBe(200);
    const csp = first.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src data:/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('script-src');
    expect(csp).toContain("frame-ancestors 'none'");
    // The hash in the policy is the page's own style block.
    const style = /<style>([\s\S]*?)<\/style>/.exec(first.text)?.[1] ?? '';
    expect(csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(first.text).not.toMatch(/ style=/);
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first.headers.get('referrer-policy')).toBe('no-referrer');
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^W\/".+"$/);

    const again = await page(`/n/${n.publicCode as string}`, { ip, headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('public, max-age=60');
    expect((await page(`/n/${n.publicCode as string}`, { ip, headers: { 'If-None-Match': `"other", ${etag}` } })).status).toBe(304);
    expect((await page(`/n/${n.publicCode as string}`, { ip, headers: { 'If-None-Match': 'W/"other"' } })).status).toBe(200);

    const head = await page(`/n/${n.publicCode as string}`, { ip, method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers.get('etag')).toBe(etag);
  });

  it('answers 404 for a draft, a notice not marked public and a deleted one', async () => {
    const draft = issued('n-draft', { status: 'draft' });
    delete draft.issuedAt;
    delete draft.issuedBy;
    const privateOne = issued('n-private', { public: false });
    const gone = issued('n-gone');
    await pushAll(hemei, [draft, privateOne, gone].map((document) => ({ baseSeq: 0, document })));
    // The domain rules never let a client delete an issued notice; a tombstone is still never served.
    await tdb.db.query("UPDATE documents SET deleted = true WHERE collection = 'notices' AND id = 'n-gone'");
    for (const n of [draft, privateOne, gone]) {
      const p = await page(`/n/${n.publicCode as string}`);
      expect(p.status, n.id).toBe(404);
      expect(p.text).toContain('未找到该公告');
      expect(p.text).toContain('尚未同步');
      expect(p.text).not.toContain(n.title as string);
      expect(p.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('answers an unknown code with 404 and the 尚未同步 hint, and a malformed one the same way', async () => {
    const code = newCode();
    const unknown = await page(`/n/${code}`);
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain(`没有找到核验码为“${shortCodeText(code)}”的公告`);
    expect(unknown.text).toContain('未找到该公告');
    expect(unknown.text).toContain('可能尚未同步到服务器，请稍后再试，或向小区办公室咨询');
    expect(unknown.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    for (const bad of ['abc', '0000OOOOIIII', '%E4%BD%A0%E5%A5%BD', '%ZZ', 'ABCDEFGHJKMNP', encodeURIComponent('<b>x</b>')]) {
      const p = await page(`/n/${bad}`);
      expect(p.status, bad).toBe(404);
      expect(p.text).toContain('尚未同步');
      expect(p.text).not.toContain('<b>x');
    }
  });

  it('lists nothing at /n/ and /n, is not the web app, and refuses other methods', async () => {
    for (const path of ['/n/', '/n']) {
      const p = await page(path);
      expect(p.status, path).toBe(404);
      expect(p.text).toContain('未找到该公告');
    }
    const post = await page(`/n/${newCode()}`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('accepts the code as printed under the QR (4-4-4 with hyphens)', async () => {
    const n = issued('n-typed');
    await pushAll(hemei, [{ baseSeq: 0, document: n }]);
    const p = await page(`/n/${shortCodeText(n.publicCode as string)}`);
    expect(p.status).toBe(200);
    expect(p.text).toContain(n.title as string);
  });

  it('shows 已发布（尚未到公示期） before the 公示期 and 已到期 after it', async () => {
    const early = issued('n-early', { postFrom: day(2), postUntil: day(9) });
    const over = issued('n-over', { issueDate: day(-20), postFrom: day(-20), postUntil: day(-1) });
    await pushAll(hemei, [early, over].map((document) => ({ baseSeq: 0, document })));
    const e = await page(`/n/${early.publicCode as string}`);
    expect(e.status).toBe(200);
    expect(e.text).toContain('已发布（尚未到公示期）');
    expect(e.text).not.toContain('公示中');
    const o = await page(`/n/${over.publicCode as string}`);
    expect(o.status).toBe(200);
    expect(o.text).toContain('已到期');
    expect(o.text).toContain('s-expired');
  });

  it('shows a withdrawn notice as 已撤下 with its date and reason, under a new ETag', async () => {
    const n = issued('n-withdrawn');
    const s = await pushAll(hemei, [{ baseSeq: 0, document: n }]);
    const ip = newIp();
    const before = await page(`/n/${n.publicCode as string}`, { ip });
    expect(before.text).toContain('公示中');
    const withdrawn = { ...n, status: 'withdrawn', withdrawnAt: '2026-11-26T17:30:00.000Z', withdrawnBy: 'mishu', withdrawReason: '会议时间调整，<另行通知>', updatedAt: '2026-11-26T17:30:00.000Z' };
    await pushAll(hemei, [{ baseSeq: s['n-withdrawn'] as number, document: withdrawn }]);
    const after = await page(`/n/${n.publicCode as string}`, { ip, headers: { 'If-None-Match': before.headers.get('etag') ?? '' } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(after.text).toContain('已撤下');
    expect(after.text).toContain('2026年11月27日'); // 17:30 UTC is the next day in Beijing
    expect(after.text).toContain('撤下原因：会议时间调整，&lt;另行通知&gt;');
    expect(after.text).not.toContain('公示中');
  });

  it('points a superseded notice to its successor, linking it only when that is issued and public', async () => {
    // 1: succeeded by a public notice: linked.
    const old = issued('n-old', { title: '旧公告' });
    const succ = issued('n-new', { title: '新公告（更正）', supersedes: 'n-old' });
    // 2: succeeded by a notice not marked public: no link.
    const old2 = issued('n-old2', { title: '旧公告二' });
    const succ2 = issued('n-new2', { title: '不公开的新公告', supersedes: 'n-old2', public: false });
    const s = await pushAll(hemei, [old, old2].map((document) => ({ baseSeq: 0, document })));
    const ip = newIp();
    const before = await page(`/n/${old.publicCode as string}`, { ip });
    expect(before.text).toContain('公示中');
    await pushAll(hemei, [
      { baseSeq: 0, document: succ },
      { baseSeq: s['n-old'] as number, document: { ...old, supersededBy: 'n-new' } },
      { baseSeq: 0, document: succ2 },
      { baseSeq: s['n-old2'] as number, document: { ...old2, supersededBy: 'n-new2' } },
    ]);

    const linked = await page(`/n/${old.publicCode as string}`, { ip, headers: { 'If-None-Match': before.headers.get('etag') ?? '' } });
    expect(linked.status).toBe(200);
    expect(linked.text).toContain('已被新公告取代');
    expect(linked.text).toContain(`<a href="/n/${succ.publicCode as string}">《新公告（更正）》</a>`);
    expect(linked.text).not.toContain('n-new');
    const follow = await page(`/n/${succ.publicCode as string}`, { ip });
    expect(follow.status).toBe(200);
    expect(follow.text).toContain('新公告（更正）');
    expect(follow.text).toContain('公示中');

    const unlinked = await page(`/n/${old2.publicCode as string}`, { ip });
    expect(unlinked.status).toBe(200);
    expect(unlinked.text).toContain('已被新公告取代');
    expect(unlinked.text).toContain('新公告尚未在网上公布');
    expect(unlinked.text).not.toContain('href=');
    expect(unlinked.text).not.toContain('不公开的新公告');
    expect(unlinked.text).not.toContain(succ2.publicCode as string);
  });

  it('shows a 财务收支公示 with its figures and the books hash, explained', async () => {
    const booksHash = 'ab'.repeat(32);
    const n = issued('n-finance', {
      kind: 'finance',
      title: '2026年10月财务收支公示',
      body: '现将本月收支情况公示如下：',
      source: { period: '2026-10', booksHash },
      tables: [{ caption: '收支明细', columns: ['项目', '金额'], rows: [['停车费收入', '¥1,234.56'], ['<保洁费>', '¥300.00']], numericFrom: 1 }],
    });
    await pushAll(hemei, [{ baseSeq: 0, document: n }]);
    const p = await page(`/n/${n.publicCode as string}`);
    expect(p.status).toBe(200);
    expect(p.text).toContain('财务收支公示');
    expect(p.text).toContain(`账簿校验码：<code>${booksHash}</code>`);
    expect(p.text).toContain('校验码由生成本公示时的账簿数据计算得出');
    expect(p.text).toContain('2026年10月');
    expect(p.text).toContain('<caption>收支明细</caption>');
    expect(p.text).toContain('<th>项目</th><th class="num">金额</th>');
    expect(p.text).toContain('<td class="num">¥1,234.56</td>');
    expect(p.text).toContain('<td>&lt;保洁费&gt;</td>');
  });

  it("serves another compound's notice only by its own code, with its own compound, and never an ambiguous code", async () => {
    const mine = issued('n-shared-id', { title: '和美的公告' });
    const theirs = issued('n-shared-id', { title: '清河的公告', issuers: ['清河社区居委会'] });
    await pushAll(hemei, [{ baseSeq: 0, document: mine }]);
    await pushAll(qinghe, [{ baseSeq: 0, document: theirs }]);
    const a = await page(`/n/${mine.publicCode as string}`);
    expect(a.text).toContain('和美的公告');
    expect(a.text).toContain('HEMEI 小区');
    expect(a.text).not.toContain('清河');
    expect(a.text).not.toContain('QINGHE');
    const b = await page(`/n/${theirs.publicCode as string}`);
    expect(b.text).toContain('清河的公告');
    expect(b.text).toContain('QINGHE 小区');
    expect(b.text).not.toContain('和美的公告');
    expect(b.text).not.toContain('HEMEI');

    // A compound that copies another's printed code gets neither notice shown under it.
    const copied = issued('n-copy', { title: '伪造的公告', publicCode: mine.publicCode });
    await pushAll(qinghe, [{ baseSeq: 0, document: copied }]);
    const c = await page(`/n/${mine.publicCode as string}`);
    expect(c.status).toBe(409);
    expect(c.text).toContain('无法核验该公告');
    expect(c.text).not.toContain('伪造的公告');
    expect(c.text).not.toContain('和美的公告');
  });

  it('limits each address to its requests per minute with a Chinese 429 and Retry-After; malformed codes are not counted', async () => {
    const n = issued('n-busy');
    await pushAll(hemei, [{ baseSeq: 0, document: n }]);
    const ip = newIp();
    // Malformed codes are answered without the database, and cost nothing.
    for (let i = 0; i < 20; i++) expect((await page('/n/nope', { ip })).status).toBe(404);
    for (let i = 0; i < PUBLIC_NOTICE_LIMITS.perAddress; i++) {
      const p = await page(i % 2 === 0 ? `/n/${n.publicCode as string}` : `/n/${newCode()}`, { ip });
      expect(p.status, `request ${i + 1}`).toBe(i % 2 === 0 ? 200 : 404);
    }
    const refused = await page(`/n/${n.publicCode as string}`, { ip });
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('访问过于频繁');
    expect(refused.text).not.toContain(n.title as string);
    const retry = Number(refused.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(PUBLIC_NOTICE_LIMITS.windowSeconds);
    expect(refused.headers.get('cache-control')).toBe('no-store');
    // Another address is not affected; this one may ask again once its window is over.
    expect((await page(`/n/${n.publicCode as string}`)).status).toBe(200);
    server.advance((PUBLIC_NOTICE_LIMITS.windowSeconds + 1) * 1000);
    expect((await page(`/n/${n.publicCode as string}`, { ip })).status).toBe(200);
  });

  it('finds the notice through the partial expression index of migration 0007', async () => {
    const idx = await tdb.db.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE indexname = 'documents_public_code'");
    expect(idx.rows[0]?.indexdef).toMatch(/\(\(data ->> 'publicCode'::text\)\).*WHERE \(collection = 'notices'::text\)/);
    const plan = await tdb.db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      const r = await tx.query<{ 'QUERY PLAN': string }>(
        "EXPLAIN SELECT id FROM documents WHERE collection = 'notices' AND (data->>'publicCode') = 'abcdefghjkmn' AND NOT deleted",
      );
      return r.rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('documents_public_code');
  });

  it('turns 公示中 into 已到期 when the 公示期 ends, under a new ETag', async () => {
    const n = issued('n-ending', { postFrom: day(-1), postUntil: day(1) });
    await pushAll(hemei, [{ baseSeq: 0, document: n }]);
    const ip = newIp();
    const now = await page(`/n/${n.publicCode as string}`, { ip });
    expect(now.text).toContain('公示中');
    server.advance(3 * DAY);
    const later = await page(`/n/${n.publicCode as string}`, { ip, headers: { 'If-None-Match': now.headers.get('etag') ?? '' } });
    expect(later.status).toBe(200);
    expect(later.text).toContain('已到期');
  });
});
