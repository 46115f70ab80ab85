// L-H7: the books' chain audit as the server and every PC run it after sync — the stored chain of the closed months
// checked against the vouchers as they are now, and each altered voucher's fields named from its accepted versions
// (the server's history), among which is the one that was hashed at 结账.
import { GENESIS_HASH, linkHash, storedChain, verifyChain, type ChainLink, type ChainProblem } from './hash-chain';
import type { LedgerPeriod, Voucher } from './types';

/** The version of a voucher that was hashed into `link` (from `previous`), among the candidates. */
export function hashedAmong(candidates: readonly Voucher[], link: ChainLink, previous: string): Voucher | undefined {
  return candidates.find((c) => linkHash(c, link.number, previous) === link.hash);
}

/**
 * Every chain problem of the books. `versionsOf` gives a voucher's accepted versions (any order); without it, or when
 * none of them is the hashed one, an altered voucher is named without its fields.
 */
export function auditChain(
  vouchers: readonly Voucher[],
  periods: readonly LedgerPeriod[],
  versionsOf?: (voucherId: string) => readonly Voucher[],
  hash: typeof linkHash = linkHash,
): ChainProblem[] {
  const stored = storedChain(periods);
  const closedPeriods = periods.filter((p) => p.status === 'closed').map((p) => p.id);
  if (!versionsOf) return verifyChain(vouchers, stored, { closedPeriods, linkHash: hash });
  const places = new Map<string, { link: ChainLink; previous: string }>();
  let previous = GENESIS_HASH;
  for (const link of stored) {
    places.set(link.voucherId, { link, previous });
    previous = link.hash;
  }
  return verifyChain(vouchers, stored, {
    closedPeriods,
    linkHash: hash,
    hashedVersion: (id) => {
      const place = places.get(id);
      return place ? hashedAmong(versionsOf(id), place.link, place.previous) : undefined;
    },
  });
}

/** The vouchers an audit found altered (whose versions are worth reading to name the fields). */
export const alteredIds = (problems: readonly ChainProblem[]): string[] => problems.filter((p) => p.code === 'VOUCHER_ALTERED' && !p.fields).map((p) => p.voucherId);
