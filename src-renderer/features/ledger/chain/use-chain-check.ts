// The books' hash-chain check as this PC sees them (SPEC L-H7), recomputed whenever the books change — that is,
// after every sync. A voucher whose content no longer matches its link is named at once; which fields changed is
// learnt from the server's history when this PC is signed in and can reach the server.
import { useEffect, useMemo, useState } from 'react';
import { alteredIds, auditChain } from '../../../../shared/domain/ledger/chain-audit';
import type { ChainProblem } from '../../../../shared/domain/ledger/hash-chain';
import type { Voucher } from '../../../../shared/domain/ledger/types';
import { useSyncService, useSyncStatus } from '../../../sync/context';
import type { Books } from '../hooks';

export type ChainCheckState = {
  readonly problems: readonly ChainProblem[];
  /** Altered vouchers whose history is being read from the server. */
  readonly looking: boolean;
};

export function useChainCheck(books: Books): ChainCheckState {
  const service = useSyncService();
  const signedIn = useSyncStatus((s) => s.session !== null);
  // voucherId → its accepted versions on the server (empty when none could be read).
  const [versions, setVersions] = useState<ReadonlyMap<string, readonly Voucher[]>>(new Map());
  const [looking, setLooking] = useState(false);

  const plain = useMemo(() => auditChain(books.vouchers, books.periods), [books.vouchers, books.periods]);
  const key = alteredIds(plain).join(',');
  useEffect(() => {
    const wanted = key === '' ? [] : key.split(',');
    if (wanted.length === 0 || !signedIn) return;
    let live = true;
    setLooking(true);
    void Promise.all(
      wanted.map(async (id) => {
        const r = await service.history('vouchers', id);
        return [id, r.ok ? r.value.versions.map((v) => v.document as unknown as Voucher) : []] as const;
      }),
    ).then((pairs) => {
      if (!live) return;
      setVersions(new Map(pairs));
      setLooking(false);
    });
    return () => {
      live = false;
      setLooking(false);
    };
  }, [key, signedIn, service]);

  const problems = useMemo(
    () => (key === '' || versions.size === 0 ? plain : auditChain(books.vouchers, books.periods, (id) => versions.get(id) ?? [])),
    [key, versions, plain, books.vouchers, books.periods],
  );
  return { problems, looking };
}
