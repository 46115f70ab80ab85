// The books' hash-chain check (SPEC L-H4–L-H6): the closed months' stored numbering recomputed from the vouchers on
// this PC.
import { useMemo } from 'react';
import { storedChain, verifyChain, voucherNo } from '../../../../shared/domain/ledger';
import { Badge } from '../../../ui/Badge';
import type { Books } from '../hooks';
import { chainProblemText } from '../messages';

/** 「账簿校验：一致」, or each voucher whose content no longer matches the chain. */
export function ChainCheck({ books }: { books: Books }) {
  const problems = useMemo(() => {
    const closed = books.periods.filter((p) => p.status === 'closed').map((p) => p.id);
    return verifyChain(books.vouchers, storedChain(books.periods), { closedPeriods: closed });
  }, [books]);
  if (problems.length === 0) {
    return (
      <p data-testid="chain-check">
        <Badge tone="ok">账簿校验：一致</Badge>
      </p>
    );
  }
  return (
    <div className="form-error" role="alert" data-testid="chain-check">
      <strong>账簿校验：不一致</strong>
      <ul>
        {problems.map((p) => (
          <li key={`${p.code}-${p.voucherId}`}>{chainProblemText(p, `${p.period} ${p.number ? voucherNo(p.number) : `凭证 ${p.voucherId}`}`)}</li>
        ))}
      </ul>
    </div>
  );
}

