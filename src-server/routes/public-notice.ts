// GET/HEAD /n/:code: the public, read-only check page of an issued notice (issue #13, N30–N33). Residents scan the QR
// code (or type the short code) printed on the paper and see the notice as issued and whether it is still current.
//
// Only a notice that is issued or withdrawn, marked public and not deleted is served, from any compound (the code is
// unguessable: 12 letters of 55); nothing else of the compound is reachable, and the page carries no id but the
// code. Requests are counted per client address with the login throttle's table (auth/throttle.ts), so that every
// server process counts the same. Pages are cached briefly (the status changes with the date) and revalidated by
// an ETag made from the document's seq.
//
// The handler writes its own HTML response and returns 'streaming' (the router's "the handler took over").
import { createHash } from 'node:crypto';
import { noticeDisplayStatus } from '../../shared/domain/notices/lifecycle';
import { isPublicCode, normalizePublicCode, shortCodeText } from '../../shared/domain/notices/public';
import { addressKey, countAttempt } from '../auth/throttle';
import { clientIp, header } from '../http/request-headers';
import type { ApiContext } from './context';
import {
  PUBLIC_PAGE_CSP,
  isServable,
  readPublicNotice,
  renderMessagePage,
  renderNoticePage,
  shanghaiDateTime,
  type MessagePage,
  type PublicNotice,
  type SuccessorLink,
} from './public-notice-page';
import type { Handler, RouteRequest } from './route';

export type PublicNoticeLimits = {
  /** Page requests per client address (IPv6: per /64) and window; 0 turns the limit off. */
  perAddress: number;
  windowSeconds: number;
};

export const PUBLIC_NOTICE_LIMITS: PublicNoticeLimits = { perAddress: 60, windowSeconds: 60 };

/** How long browsers and proxies may keep a notice page without asking again: short, since the status changes. */
const CACHE_FOUND = 'public, max-age=60';
/** A missing notice may arrive with the next sync; a refusal is about this moment. Neither is kept. */
const CACHE_NONE = 'no-store';
/** Bumped when the page's HTML changes, so that no cached page of an older layout is confirmed by its ETag. */
const PAGE_VERSION = 1;

/** The throttle key of an address (login keys are ip:, ua:, ud:, u:). */
const throttleKey = (address: string): string => `pn:${address}`;

type Found = { tenantId: string; seq: string; compoundName: string; notice: PublicNotice };
type Lookup = { kind: 'none' } | { kind: 'found'; found: Found } | { kind: 'ambiguous' };

type Row = { tenant_id: string; seq: number | string | bigint; data: unknown; compound_name: string };

// Uses the partial expression index documents_public_code (migration 0007): the predicate names the collection.
const FIND_BY_CODE = `SELECT d.tenant_id, d.seq, d.data, c.name AS compound_name
  FROM documents d JOIN compounds c ON c.id = d.tenant_id
 WHERE d.collection = 'notices' AND (d.data->>'publicCode') = $1 AND NOT d.deleted
   AND d.data->>'status' IN ('issued', 'withdrawn') AND d.data->'public' = 'true'::jsonb
 LIMIT 2`;

const FIND_BY_ID = `SELECT seq, data FROM documents WHERE tenant_id = $1 AND collection = 'notices' AND id = $2 AND NOT deleted`;

export function publicNoticeRoutes(c: ApiContext, limits: PublicNoticeLimits = PUBLIC_NOTICE_LIMITS): { page: Handler; index: Handler } {
  /**
   * The notice of a code. Two servable notices under one code (a clash, or a code copied from another compound's
   * paper) are never resolved by picking one: the page must not show one compound's text under another's code.
   */
  async function lookup(code: string): Promise<Lookup> {
    const r = await c.db.query<Row>(FIND_BY_CODE, [code]);
    const servable = r.rows
      .map((row) => ({ row, notice: readPublicNotice(row.data) }))
      .filter((x): x is { row: Row; notice: PublicNotice } => x.notice !== null && isServable(x.notice) && x.notice.publicCode === code);
    if (servable.length > 1) return { kind: 'ambiguous' };
    const one = servable[0];
    if (!one) return { kind: 'none' };
    return { kind: 'found', found: { tenantId: one.row.tenant_id, seq: String(one.row.seq), compoundName: one.row.compound_name, notice: one.notice } };
  }

  /** The successor a superseded notice points to (same compound), and whether the page may link it. */
  async function successorOf(tenantId: string, id: string): Promise<{ seq: string; link: SuccessorLink | null } | null> {
    const r = await c.db.query<{ seq: number | string | bigint; data: unknown }>(FIND_BY_ID, [tenantId, id]);
    const row = r.rows[0];
    if (!row) return null;
    const n = readPublicNotice(row.data);
    const linkable = n !== null && n.public && n.status === 'issued' && n.publicCode !== undefined && isPublicCode(n.publicCode);
    return { seq: String(row.seq), link: linkable ? { code: n.publicCode as string, title: n.title } : null };
  }

  function send(r: RouteRequest, status: number, html: string | null, headers: Record<string, string>): 'streaming' {
    const body = html === null ? undefined : Buffer.from(html, 'utf8');
    r.res.writeHead(status, {
      'Content-Security-Policy': PUBLIC_PAGE_CSP,
      'X-Robots-Tag': 'noindex, nofollow',
      ...(body !== undefined ? { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(body.length) } : {}),
      ...headers,
    });
    r.res.end(r.method === 'HEAD' ? undefined : body);
    return 'streaming';
  }

  function message(r: RouteRequest, status: number, page: MessagePage, headers: Record<string, string> = {}): 'streaming' {
    r.ctx.code = status === 429 ? 'RATE_LIMITED' : status === 409 ? 'PUBLIC_CODE_AMBIGUOUS' : 'NOT_FOUND';
    return send(r, status, renderMessagePage(page, c.now()), { 'Cache-Control': CACHE_NONE, ...headers });
  }

  /** Counts the request against its address; the seconds to wait when it is over the limit. */
  async function overLimit(r: RouteRequest): Promise<number | null> {
    if (limits.perAddress <= 0) return null;
    const key = throttleKey(addressKey(clientIp(r.req, c.config.trustProxy)));
    const counted = await countAttempt(c.db, [{ key, limit: limits.perAddress, windowSeconds: limits.windowSeconds }], c.now());
    return counted.ok ? null : counted.retryAfter;
  }

  return {
    async page(r) {
      let typed: string;
      try {
        typed = decodeURIComponent(r.params.code ?? '');
      } catch {
        typed = '';
      }
      // A code that cannot be one is answered at once, without counting it or touching the documents.
      const code = normalizePublicCode(typed);
      if (code === null) return message(r, 404, { kind: 'not_found', typed });
      const wait = await overLimit(r);
      if (wait !== null) return message(r, 429, { kind: 'rate_limited', retryAfter: wait }, { 'Retry-After': String(wait) });

      const found = await lookup(code);
      if (found.kind === 'ambiguous') return message(r, 409, { kind: 'ambiguous', code });
      if (found.kind === 'none') return message(r, 404, { kind: 'not_found', typed: shortCodeText(code) });
      const { tenantId, seq, compoundName, notice } = found.found;
      r.ctx.tenant = tenantId;

      const now = c.now();
      const status = noticeDisplayStatus(notice, shanghaiDateTime(now).date);
      if (status === 'draft') return message(r, 404, { kind: 'not_found', typed: shortCodeText(code) });
      const successor = status === 'superseded' && notice.supersededBy !== undefined ? await successorOf(tenantId, notice.supersededBy) : null;

      // What the page depends on: the notice's version, its status today, its successor's version, the compound's name.
      const nameTag = createHash('sha256').update(compoundName).digest('hex').slice(0, 8);
      const etag = `W/"n${PAGE_VERSION}-${seq}-${status}-${successor?.seq ?? 0}-${nameTag}"`;
      const cache = { 'Cache-Control': CACHE_FOUND, ETag: etag };
      if (matchesEtag(header(r.req, 'if-none-match'), etag)) return send(r, 304, null, cache);

      const html = renderNoticePage({ compoundName, notice, code, status, successor: successor?.link ?? null, generatedAt: now });
      return send(r, 200, html, cache);
    },

    // /n/ and /n: there is nothing to list.
    async index(r) {
      return message(r, 404, { kind: 'not_found', typed: '' });
    },
  };
}

/** If-None-Match against the page's ETag (weak comparison, as for GET): a list of tags, or *. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const bare = (t: string): string => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}
