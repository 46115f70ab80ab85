import { useMemo } from 'react';
import { map } from 'rxjs';
import { filterRoster, sortRoster, type RosterFilter, type RosterRecord } from '../../../shared/domain/roster';
import { useDatabase } from '../../db/context';
import { useObservable, type Loadable } from '../../db/hooks';

/** Every roster record of a kind (or all), including those who left, as JSON; live. */
export function useRosterDocs(kind?: RosterRecord['kind']): Loadable<readonly RosterRecord[]> {
  const db = useDatabase();
  const source = useMemo(
    () =>
      db.roster
        .find(kind ? { selector: { kind } } : {})
        .$.pipe(map((docs): readonly RosterRecord[] => docs.map((d) => d.toJSON()))),
    [db, kind],
  );
  return useObservable(source);
}

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
