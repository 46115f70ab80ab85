import { PARTIES, type Party } from '../../schema';
import type { RosterRecord } from './record';

export type PartyCount = { people: number; organizations: number };

/** R17: active people and organisations for each of the six parties. */
export function countActiveByParty(docs: readonly RosterRecord[]): Record<Party, PartyCount> {
  const counts = Object.fromEntries(PARTIES.map((p) => [p, { people: 0, organizations: 0 }])) as Record<Party, PartyCount>;
  for (const d of docs) {
    if (d.status !== 'active') continue;
    if (d.kind === 'person') counts[d.party].people += 1;
    else counts[d.party].organizations += 1;
  }
  return counts;
}
