// `verify` (issue #9): every current document of a compound must equal the last accepted version in its history —
// same seq, same deleted flag, same content — and every document in history must have a current version. Issue
// #12: the ledger's hash chain is audited too (SPEC L-H7), naming each altered voucher's fields from its history.
import { alteredIds, auditChain } from '../../shared/domain/ledger/chain-audit';
import type { ChainProblem } from '../../shared/domain/ledger/hash-chain';
import type { LedgerPeriod, Voucher } from '../../shared/domain/ledger/types';
import type { Queryable } from '../db/db';

export type Mismatch = {
  collection: string;
  id: string;
  /** The current version's seq, or null when history has a document the documents table lacks. */
  seq: number | null;
  /** The seq of the last version in history, or null when there is none. */
  historySeq: number | null;
  problem: 'NO_HISTORY' | 'SEQ_DIFFERS' | 'CONTENT_DIFFERS' | 'DELETED_DIFFERS' | 'NO_DOCUMENT';
};

export type VerifyReport = { documents: number; versions: number; mismatches: Mismatch[]; ledger: LedgerAudit };

/** The books' chain audit: how many closed months and chained vouchers were checked, and what failed. */
export type LedgerAudit = { closedPeriods: number; chained: number; problems: ChainProblem[] };

export async function auditLedger(q: Queryable, tenantId: string): Promise<LedgerAudit> {
  const rows = await q.query<{ collection: string; data: unknown }>(
    `SELECT collection, data FROM documents WHERE tenant_id = $1 AND collection IN ('vouchers', 'periods') AND NOT deleted`,
    [tenantId],
  );
  const vouchers = rows.rows.filter((r) => r.collection === 'vouchers').map((r) => r.data as Voucher);
  const periods = rows.rows.filter((r) => r.collection === 'periods').map((r) => r.data as LedgerPeriod);
  const closed = periods.filter((p) => p.status === 'closed');
  const chained = closed.reduce((n, p) => n + (p.numbering?.length ?? 0), 0);
  const first = auditChain(vouchers, periods);
  const altered = alteredIds(first);
  if (altered.length === 0) return { closedPeriods: closed.length, chained, problems: first };
  const history = await q.query<{ id: string; data: unknown }>(
    `SELECT id, data FROM history WHERE tenant_id = $1 AND collection = 'vouchers' AND id = ANY($2::text[]) AND NOT deleted ORDER BY seq`,
    [tenantId, altered],
  );
  const versions = new Map<string, Voucher[]>();
  for (const r of history.rows) versions.set(r.id, [...(versions.get(r.id) ?? []), r.data as Voucher]);
  return { closedPeriods: closed.length, chained, problems: auditChain(vouchers, periods, (id) => versions.get(id) ?? []) };
}

export async function verifyTenant(q: Queryable, tenantId: string): Promise<VerifyReport> {
  const counts = await q.query<{ documents: number; versions: number }>(
    `SELECT (SELECT count(*)::int FROM documents WHERE tenant_id = $1) AS documents,
            (SELECT count(*)::int FROM history WHERE tenant_id = $1) AS versions`,
    [tenantId],
  );
  // jsonb equality compares content, not formatting or key order.
  const current = await q.query<{ collection: string; id: string; seq: number; hseq: number | null; same_data: boolean | null; same_deleted: boolean | null }>(
    `SELECT d.collection, d.id, d.seq, h.seq AS hseq, h.data = d.data AS same_data, h.deleted = d.deleted AS same_deleted
       FROM documents d
       LEFT JOIN LATERAL (
         SELECT seq, data, deleted FROM history
          WHERE tenant_id = d.tenant_id AND collection = d.collection AND id = d.id
          ORDER BY seq DESC LIMIT 1
       ) h ON true
      WHERE d.tenant_id = $1
        AND (h.seq IS NULL OR h.seq <> d.seq OR h.data <> d.data OR h.deleted <> d.deleted)
      ORDER BY d.collection, d.id`,
    [tenantId],
  );
  const orphans = await q.query<{ collection: string; id: string; hseq: number }>(
    `SELECT h.collection, h.id, max(h.seq) AS hseq FROM history h
      WHERE h.tenant_id = $1
        AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.tenant_id = h.tenant_id AND d.collection = h.collection AND d.id = h.id)
      GROUP BY h.collection, h.id
      ORDER BY h.collection, h.id`,
    [tenantId],
  );
  const mismatches: Mismatch[] = current.rows.map((r) => ({
    collection: r.collection,
    id: r.id,
    seq: r.seq,
    historySeq: r.hseq,
    problem: r.hseq === null ? 'NO_HISTORY' : r.hseq !== r.seq ? 'SEQ_DIFFERS' : r.same_data === false ? 'CONTENT_DIFFERS' : 'DELETED_DIFFERS',
  }));
  for (const r of orphans.rows) mismatches.push({ collection: r.collection, id: r.id, seq: null, historySeq: r.hseq, problem: 'NO_DOCUMENT' });
  return { documents: counts.rows[0]?.documents ?? 0, versions: counts.rows[0]?.versions ?? 0, mismatches, ledger: await auditLedger(q, tenantId) };
}
