// Saving and undoing a bank reconciliation: the pure rule first (a coded refusal), then the insert/patch, which the
// store checks again (shared/collections/ledger-rules.ts) exactly as the server will.
import { reconcile, undoReconciliation } from '../../../../shared/domain/ledger/bank-reconciliation';
import type { Account, BankReconciliation, Book, LineRef } from '../../../../shared/domain/ledger/types';
import type { LinliDatabase } from '../../../db/database';
import { DomainRuleError, localActor } from '../../../db/domain-check';
import { currentStamp } from '../../../db/operator';
import { LEDGER_RULE_TEXT } from '../../../i18n/ledger-rules';

export type WriteOutcome = { ok: true } | { ok: false; message: string };

const EXTRA_TEXT: Readonly<Record<string, string>> = {
  NOTHING_TICKED: '请至少勾选一笔银行分录',
  STATEMENT_INVALID: '请填写对账单日期和余额（精确到分）',
  DIFFERENCE_REMAINS: '勾选的分录与对账单余额不符，差额不为零，不能保存',
};

export const refusalText = (code: string): string =>
  (LEDGER_RULE_TEXT as Readonly<Record<string, string>>)[code] ?? EXTRA_TEXT[code] ?? '保存失败，请重试。';

function failure(e: unknown): WriteOutcome {
  if (e instanceof DomainRuleError) return { ok: false, message: refusalText(e.problem.rule) };
  console.error('reconciliation write failed', e);
  return { ok: false, message: '保存失败，请重试。' };
}

export async function saveReconciliation(
  db: LinliDatabase,
  book: Book,
  bankAccount: Account,
  reconciliations: readonly BankReconciliation[],
  input: { statementDate: string; statementBalanceFen: number; items: readonly LineRef[] },
): Promise<WriteOutcome> {
  const stamp = currentStamp();
  const by = localActor().name;
  const r = reconcile(book, bankAccount, reconciliations, { id: crypto.randomUUID(), ...input, by, at: stamp.at });
  if (!r.ok) return { ok: false, message: refusalText(r.error.code) };
  try {
    await db.bank_reconciliations.insert({ ...r.value, items: r.value.items.map((i) => ({ ...i })), createdAt: stamp.at, updatedAt: stamp.at, createdBy: by, updatedBy: by });
    return { ok: true };
  } catch (e) {
    return failure(e);
  }
}

export async function undoSavedReconciliation(db: LinliDatabase, rec: BankReconciliation): Promise<WriteOutcome> {
  const stamp = currentStamp();
  const by = localActor().name;
  const r = undoReconciliation(rec, by, stamp.at);
  if (!r.ok) return { ok: false, message: refusalText(r.error.code) };
  try {
    const doc = await db.bank_reconciliations.findOne(rec.id).exec();
    if (!doc) return { ok: false, message: '找不到这次对账记录，请先同步' };
    await doc.incrementalPatch({ undoneAt: stamp.at, undoneBy: by, updatedAt: stamp.at, updatedBy: by });
    return { ok: true };
  } catch (e) {
    return failure(e);
  }
}
