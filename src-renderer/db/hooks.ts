// Small hooks over RxDB observables. Components get plain JSON snapshots; they never keep documents in a store.
import { useEffect, useMemo, useState } from 'react';
import { map, type Observable } from 'rxjs';
import type { RosterRecord } from '../../shared/domain/roster';
import { SETTINGS_ID, type SettingsDoc } from '../../shared/schema';
import { useDatabase } from './context';

export type Loadable<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: unknown };

/** Subscribes to an observable; pass a memoised one (a new observable resubscribes). */
export function useObservable<T>(source: Observable<T>): Loadable<T> {
  const [state, setState] = useState<{ source: Observable<T>; value: Loadable<T> }>({
    source,
    value: { status: 'loading' },
  });
  useEffect(() => {
    const sub = source.subscribe({
      next: (data) => setState({ source, value: { status: 'ready', data } }),
      error: (error: unknown) => setState({ source, value: { status: 'error', error } }),
    });
    return () => sub.unsubscribe();
  }, [source]);
  // A new source shows 'loading' until its first value rather than the previous source's data.
  return state.source === source ? state.value : { status: 'loading' };
}

/** The compound settings document, or undefined before the first save. */
export function useSettings(): Loadable<SettingsDoc | undefined> {
  const db = useDatabase();
  const source = useMemo(
    () => db.settings.findOne(SETTINGS_ID).$.pipe(map((doc) => (doc ? doc.toMutableJSON() : undefined))),
    [db],
  );
  return useObservable(source);
}

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
