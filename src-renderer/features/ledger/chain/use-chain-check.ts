// The books' hash-chain check as this PC sees them (SPEC L-H7), recomputed whenever the books change — that is,
// after every sync. It runs after the ledger has shown (link-memo.ts), so a cold check never holds the screen. A
// voucher whose content no longer matches its link is named at once; which fields changed is learnt from the
// server's history when this PC is signed in and can reach the server.
import { useEffect, useMemo, useState } from 'react';
import { alteredIds, auditChain } from '../../../../shared/domain/ledger/chain-audit';
import type { ChainProblem } from '../../../../shared/domain/ledger/hash-chain';
import type { Voucher } from '../../../../shared/domain/ledger/types';
import { useSyncService, useSyncStatus } from '../../../sync/context';
import type { Books } from '../hooks';
import { memoLinkHash, warmLinks } from './link-memo';

export type ChainCheckState = {
  /** null while the check runs. */
  readonly problems: readonly ChainProblem[] | null;
  /** Altered vouchers whose history is being read from the server. */
  readonly looking: boolean;
};

export function useChainCheck(books: Books): ChainCheckState {
  const service = useSyncService();
  const signedIn = useSyncStatus((s) => s.session !== null);
  // voucherId → its accepted versions on the server (empty when none could be read).
  const [versions, setVersions] = useState<ReadonlyMap<string, readonly Voucher[]>>(new Map());
  const [looking, setLooking] = useState(false);
  const [plain, setPlain] = useState<{ readonly of: Books; readonly problems: readonly ChainProblem[] } | null>(null);

  useEffect(() => {
    let cancelled = false;
    void warmLinks(books.vouchers, books.periods, () => cancelled).then((done) => {
      if (done && !cancelled) setPlain({ of: books, problems: auditChain(books.vouchers, books.periods, undefined, memoLinkHash) });
    });
    return () => {
      cancelled = true;
    };
  }, [books]);

  // The last finished check stays shown while the next one runs, unless there has been none yet.
  const current = plain?.problems ?? null;
  const key = current ? alteredIds(current).join(',') : '';
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
    () =>
      current === null || key === '' || versions.size === 0 || !plain
        ? current
        : auditChain(plain.of.vouchers, plain.of.periods, (id) => versions.get(id) ?? [], memoLinkHash),
    [current, key, versions, plain],
  );
  return { problems, looking };
}
