import { useMemo } from 'react';
import { filterRoster, sortRoster, type RosterFilter, type RosterRecord } from '../../../shared/domain/roster';
import { useRosterDocs, type Loadable } from '../../db/hooks';

// useRosterDocs lives in db/hooks: minutes and the dashboard read the roster too, without importing this feature.
export { useRosterDocs };

/** The roster filtered (R11) and sorted (R12); live. */
export function useRoster(filter: RosterFilter): Loadable<readonly RosterRecord[]> {
  const all = useRosterDocs(filter.kind);
  const { kind, party, role, includeLeft, query } = filter;
  return useMemo(
    () =>
      all.status === 'ready'
        ? { status: 'ready', data: sortRoster(filterRoster(all.data, { kind, party, role, includeLeft, query })) }
        : all,
    [all, kind, party, role, includeLeft, query],
  );
}

/** id → record, for showing names of linked records (an organisation that left still resolves). */
export function useRosterIndex(kind?: RosterRecord['kind']): ReadonlyMap<string, RosterRecord> {
  const all = useRosterDocs(kind);
  return useMemo(() => new Map(all.status === 'ready' ? all.data.map((d) => [d.id, d]) : []), [all]);
}
