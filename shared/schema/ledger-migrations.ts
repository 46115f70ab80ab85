// Version 1 → 2 of accounts, vouchers and periods (issue #12): the shapes the ledger's rules need (SPEC "Schema
// changes needed"). Pure; run by RxDB on each stored document when the app opens, and mirrored by the server's
// 0004-ledger-v2.sql so that both sides hold the same content. No ledger UI wrote these before, so little or
// nothing is expected to migrate; the mapping still has to be total.
type Data = Record<string, unknown>;

/** isCash cannot tell 现金 from 银行; the level-1 code can: 1001 库存现金, anything else a 出纳 counted is a bank. */
export function migrateAccountV1ToV2(doc: Data): Data {
  const { isCash, ...out } = doc;
  if (isCash === true) out.cashKind = typeof doc.code === 'string' && doc.code.startsWith('1001') ? 'cash' : 'bank';
  return out;
}

/**
 * 'void' becomes 'draft': a voided voucher was never meant to count, and as a draft it still counts for nothing (no
 * report reads drafts) while staying visible until someone deletes it — 结账 refuses a month with drafts (L-P2), so
 * it cannot be forgotten. `number` goes (记-N is derived). preparedBy, now required, falls back to the author.
 */
export function migrateVoucherV1ToV2(doc: Data): Data {
  const { number: _n, ...out } = doc;
  if (out.status === 'void') out.status = 'draft';
  if (typeof out.preparedBy !== 'string') out.preparedBy = typeof doc.createdBy === 'string' ? doc.createdBy : '';
  return out;
}

/** The one reopen v1 could record becomes the first entry of `reopenings` (by whoever last wrote the period). */
export function migratePeriodV1ToV2(doc: Data): Data {
  const { reopenedAt, reopenReason, ...out } = doc;
  if (typeof reopenedAt === 'string') {
    out.reopenings = [{ at: reopenedAt, by: typeof doc.updatedBy === 'string' ? doc.updatedBy : '', reason: typeof reopenReason === 'string' ? reopenReason : '' }];
  }
  return out;
}

/**
 * Version 2 → 3 of vouchers adds the optional `attachments` (supporting documents by content hash): every v2 voucher
 * is a valid v3 voucher as it is. Identity, so the server needs no data migration (its 0005 only adds the blob
 * store); the fingerprint `vouchers@3` makes a v2 app update before it syncs (426), so no v3 voucher with attachments
 * ever reaches a PC that would drop them.
 */
export function migrateVoucherV2ToV3(doc: Data): Data {
  return doc;
}
