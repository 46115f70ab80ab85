// The chain check's links, remembered per voucher snapshot: the books' snapshots keep unchanged vouchers' objects
// (hooks.ts), so after a sync only the changed vouchers are hashed again. A cold check (after a restart: 50,000
// links, about 2 s of SHA-256) is computed in slices between frames, so the ledger shows and answers meanwhile.
import { GENESIS_HASH, linkHash, storedChain } from '../../../../shared/domain/ledger/hash-chain';
import type { LedgerPeriod, Voucher } from '../../../../shared/domain/ledger/types';

const links = new WeakMap<Voucher, { readonly number: number; readonly previous: string; readonly hash: string }>();

/** `linkHash`, remembered for the last place each voucher object was hashed at. */
export function memoLinkHash(v: Voucher, number: number, previous: string): string {
  const known = links.get(v);
  if (known && known.number === number && known.previous === previous) return known.hash;
  const hash = linkHash(v, number, previous);
  links.set(v, { number, previous, hash });
  return hash;
}

const SLICE_MS = 25;
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Hashes every stored link's voucher into the memo, yielding to the page every few milliseconds; false if cancelled. */
export async function warmLinks(
  vouchers: readonly Voucher[],
  periods: readonly LedgerPeriod[],
  cancelled: () => boolean,
  sliceMs = SLICE_MS,
): Promise<boolean> {
  const byId = new Map(vouchers.map((v) => [v.id, v]));
  let previous = GENESIS_HASH;
  let sliceStart = performance.now();
  for (const link of storedChain(periods)) {
    const v = byId.get(link.voucherId);
    if (v && v._deleted !== true) memoLinkHash(v, link.number, previous);
    previous = link.hash;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTask();
      if (cancelled()) return false;
      sliceStart = performance.now();
    }
  }
  return true;
}
