// The hash chain over posted vouchers in final numbered order (SPEC L-H1–L-H6): each link is SHA-256 of the previous
// hash and the voucher's canonical content, so an after-the-fact edit anywhere is detected and named. SHA-256 is
// @noble/hashes (kept, as in shared/sync/digest.ts): synchronous, and present where crypto.subtle is not (a web host
// over plain http); a year of 50,000 links through crypto.subtle, one await per link, takes seconds.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from '../../sync/canonical-json';
import type { LedgerPeriod, Voucher } from './types';

/** The hash before the first voucher of the books. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * L-H1: what a link covers: everything a posted voucher says, with its place; not `reversedBy` (added later, L-V19).
 * L-S4: the attached files' hashes, in order, only when there are some — so every link made before attachments
 * existed (and every voucher without them) hashes exactly as it did.
 */
export function hashedContent(v: Voucher, number: number): Record<string, unknown> {
  const files = v.attachments ?? [];
  return {
    id: v.id,
    period: v.period,
    number,
    date: v.date,
    summary: v.summary,
    lines: v.lines.map((l) => ({
      id: l.id,
      accountId: l.accountId,
      summary: l.summary,
      debitFen: l.debitFen,
      creditFen: l.creditFen,
      projectId: l.projectId,
    })),
    attachmentCount: v.attachmentCount,
    counterparty: v.counterparty,
    status: v.status,
    preparedBy: v.preparedBy,
    reviewedBy: v.reviewedBy,
    postedBy: v.postedBy,
    postedAt: v.postedAt,
    reversalOf: v.reversalOf,
    ...(files.length > 0 ? { attachments: files.map((a) => a.hash) } : {}),
  };
}

export const sha256Hex = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)));

/** L-H2: link = SHA-256(previous hash + "\n" + canonical JSON of the content). */
export const linkHash = (v: Voucher, number: number, previous: string): string =>
  sha256Hex(`${previous}\n${canonicalJson(hashedContent(v, number))}`);

export type ChainLink = { readonly voucherId: string; readonly period: string; readonly number: number; readonly hash: string };

/** L-H3: the chain over vouchers given in final order (months in order, 记-1 first), starting from `previous`. */
export function chainOf(numbered: readonly { readonly voucher: Voucher; readonly number: number }[], previous = GENESIS_HASH): ChainLink[] {
  const out: ChainLink[] = [];
  let prev = previous;
  for (const { voucher, number } of numbered) {
    prev = linkHash(voucher, number, prev);
    out.push({ voucherId: voucher.id, period: voucher.period, number, hash: prev });
  }
  return out;
}

/** The stored chain: the closed months' numbering, months in order. */
export function storedChain(periods: readonly LedgerPeriod[]): ChainLink[] {
  return [...periods]
    .filter((p) => p.status === 'closed' && p.numbering)
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .flatMap((p) => (p.numbering ?? []).map((e, i) => ({ voucherId: e.voucherId, period: p.id, number: i + 1, hash: e.hash })));
}

export type ChainProblemCode =
  | 'VOUCHER_MISSING' // a chained voucher is gone (deleted, or never arrived here)
  | 'VOUCHER_ALTERED' // its content is not what was hashed; `fields` names what changed when the hashed content is known
  | 'VOUCHER_UNCHAINED'; // a posted voucher in a closed month that the chain does not hold (injected)

export type ChainProblem = {
  readonly code: ChainProblemCode;
  readonly voucherId: string;
  readonly period: string;
  readonly number?: number;
  readonly fields?: readonly string[];
};

/** L-H5: the fields (dotted, lines by id) whose value differs between two hashed contents. */
export function changedFields(before: Voucher, after: Voucher, number: number): string[] {
  const a = hashedContent(before, number);
  const b = hashedContent(after, number);
  const out: string[] = [];
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (k === 'lines') continue;
    if (canonicalJson(a[k] ?? null) !== canonicalJson(b[k] ?? null)) out.push(k);
  }
  const la = new Map(before.lines.map((l) => [l.id, l]));
  const lb = new Map(after.lines.map((l) => [l.id, l]));
  for (const [id, l] of la) {
    const m = lb.get(id);
    if (!m) {
      out.push(`lines.${id}`);
      continue;
    }
    for (const f of ['accountId', 'summary', 'debitFen', 'creditFen', 'projectId'] as const) if (l[f] !== m[f]) out.push(`lines.${id}.${f}`);
  }
  for (const id of lb.keys()) if (!la.has(id)) out.push(`lines.${id}`);
  if (out.length === 0 && canonicalJson(before.lines.map((l) => l.id)) !== canonicalJson(after.lines.map((l) => l.id))) out.push('lines');
  return out;
}

/**
 * L-H4–L-H6: checks each stored link against the voucher as it is now, each from the stored previous hash (so one
 * edit names one voucher). `hashedVersion` gives the content the hash was computed from (e.g. the history's version
 * at posting), to name the fields; without it `fields` is absent. Posted vouchers in the chain's months that it does
 * not hold are VOUCHER_UNCHAINED.
 */
export function verifyChain(
  vouchers: readonly Voucher[],
  stored: readonly ChainLink[],
  options: {
    readonly genesis?: string;
    readonly hashedVersion?: (voucherId: string) => Voucher | undefined;
    /** Closed months, including empty ones, where no posted voucher may sit outside the chain. */
    readonly closedPeriods?: readonly string[];
    /** The link function; a caller that checks the same books often passes a memo of `linkHash`. */
    readonly linkHash?: typeof linkHash;
  } = {},
): ChainProblem[] {
  const hashOf = options.linkHash ?? linkHash;
  const byId = new Map(vouchers.filter((v) => v._deleted !== true).map((v) => [v.id, v]));
  const out: ChainProblem[] = [];
  let prev = options.genesis ?? GENESIS_HASH;
  const chained = new Set<string>();
  for (const link of stored) {
    chained.add(link.voucherId);
    const v = byId.get(link.voucherId);
    if (!v) out.push({ code: 'VOUCHER_MISSING', voucherId: link.voucherId, period: link.period, number: link.number });
    else if (hashOf(v, link.number, prev) !== link.hash) {
      const original = options.hashedVersion?.(link.voucherId);
      const fields = original && linkHash(original, link.number, prev) === link.hash ? changedFields(original, v, link.number) : undefined;
      out.push({ code: 'VOUCHER_ALTERED', voucherId: v.id, period: link.period, number: link.number, ...(fields ? { fields } : {}) });
    }
    prev = link.hash;
  }
  const months = new Set([...stored.map((l) => l.period), ...(options.closedPeriods ?? [])]);
  for (const v of byId.values()) {
    if (v.status === 'posted' && months.has(v.period) && !chained.has(v.id)) out.push({ code: 'VOUCHER_UNCHAINED', voucherId: v.id, period: v.period });
  }
  return out;
}
