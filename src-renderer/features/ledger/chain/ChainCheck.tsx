// The books' hash-chain check on the ledger screen: 「账簿校验：一致」, or each voucher whose content no longer matches
// what was hashed at 结账, named by month and 记-N and — once the server's history has been read — by field.
import { voucherNo } from '../../../../shared/domain/ledger';
import { Badge } from '../../../ui/Badge';
import type { Books } from '../hooks';
import { chainProblemText } from '../messages';
import { useChainCheck } from './use-chain-check';

export function ChainCheck({ books, onlyProblems = false }: { books: Books; onlyProblems?: boolean }) {
  const { problems, looking } = useChainCheck(books);
  if (problems === null) {
    if (onlyProblems) return null;
    return (
      <p data-testid="chain-check-running" className="muted">
        正在校验账簿……
      </p>
    );
  }
  if (problems.length === 0) {
    if (onlyProblems) return null;
    return (
      <p data-testid="chain-check">
        <Badge tone="ok">账簿校验：一致</Badge>
      </p>
    );
  }
  const byId = new Map(books.vouchers.map((v) => [v.id, v]));
  return (
    <div className="form-error" role="alert" data-testid="chain-check">
      <strong>账簿校验：不一致</strong>
      <span> — 已结账的凭证与结账时记录的哈希链不符，账簿可能在结账后被改动。请勿据此公示，并联系管理员核查。</span>
      <ul>
        {problems.map((p) => {
          const lines = byId.get(p.voucherId)?.lines ?? [];
          const lineNo = (lineId: string) => {
            const i = lines.findIndex((l) => l.id === lineId);
            return i >= 0 ? i + 1 : undefined;
          };
          return (
            <li key={`${p.code}-${p.voucherId}`} data-testid={`chain-problem-${p.voucherId}`}>
              {chainProblemText(p, `${p.period} ${p.number ? voucherNo(p.number) : `凭证 ${p.voucherId}`}`, lineNo)}
            </li>
          );
        })}
      </ul>
      {looking && <p className="muted">正在从同步服务器读取这些凭证的历史，以查明改动了哪些内容……</p>}
    </div>
  );
}
