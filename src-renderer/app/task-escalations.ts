// 催办 and 上报 are log entries written when they fall due (db/task-escalation.ts): on start, then every hour, so a
// PC left on overnight raises them the next working day without anyone opening 六方联动.
import { useEffect, useMemo } from 'react';
import { localDate } from '../../shared/domain/common/dates';
import { compoundCalendar } from '../../shared/domain/tasks';
import { useDatabase } from '../db/context';
import { useSettings } from '../db/hooks';
import { writeDueEscalations } from '../db/task-escalation';

export const ESCALATION_INTERVAL_MS = 60 * 60 * 1000;

export function useTaskEscalations(): void {
  const db = useDatabase();
  const settings = useSettings();
  const ready = settings.status !== 'loading';
  const doc = settings.status === 'ready' ? settings.data : undefined;
  const calendar = useMemo(() => compoundCalendar(doc), [doc]);
  useEffect(() => {
    if (!ready) return undefined; // the compound's own days off count: wait for them
    let running = false;
    const run = () => {
      if (running || db.closed) return;
      running = true;
      writeDueEscalations(db, localDate(new Date()), calendar)
        .catch((e: unknown) => {
          // Retried within the hour; a database closing under it (window closing) is not worth a word.
          if (!db.closed) console.warn('escalation entries not written', e);
        })
        .finally(() => {
          running = false;
        });
    };
    run();
    const t = setInterval(run, ESCALATION_INTERVAL_MS);
    return () => clearInterval(t);
  }, [db, calendar, ready]);
}
