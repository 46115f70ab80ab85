// Today on this PC, shared by the sections that date things (六方联动, 财务台账).
import { useEffect, useState } from 'react';
import { localDate, type LocalDate } from '../../shared/domain/common/dates';

/** Today on this PC, moving on at midnight (checked every minute). */
export function useToday(): LocalDate {
  const [today, setToday] = useState(() => localDate(new Date()));
  useEffect(() => {
    const t = setInterval(() => setToday(localDate(new Date())), 60_000);
    return () => clearInterval(t);
  }, []);
  return today;
}
