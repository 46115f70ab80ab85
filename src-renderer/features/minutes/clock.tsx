// The meeting clock in the editor header: how long the meeting has been going, from the start time on the meeting
// date and this PC's clock; the duration once it has ended.
import { useEffect, useState } from 'react';
import { formatDurationCn, formatElapsed, localTime } from '../../../shared/domain/common/dates';
import type { Meeting } from '../../../shared/domain/minutes';

/** This PC's wall-clock time, HH:MM. */
export const nowHHMM = (d: Date = new Date()): string => localTime(d);

export function useNow(intervalMs = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

const at = (date: string, time: string): Date | null => {
  const d = new Date(`${date}T${time}:00`); // local time, as typed
  return Number.isNaN(d.getTime()) ? null : d;
};

/** A clock runs for a meeting started within this long; older records show their duration only. */
const RUNNING_LIMIT_MS = 12 * 60 * 60 * 1000;

export function clockText(m: Pick<Meeting, 'date' | 'startTime' | 'endTime'>, now: Date): string {
  const start = m.startTime ? at(m.date, m.startTime) : null;
  const end = m.endTime ? at(m.date, m.endTime) : null;
  if (!start) return '未填写开始时间';
  if (end && end > start && now >= end) {
    const mins = Math.round((end.getTime() - start.getTime()) / 60_000);
    return `会议时长 ${formatDurationCn(mins)}`;
  }
  const elapsed = now.getTime() - start.getTime();
  if (elapsed < 0) return '会议尚未开始';
  if (elapsed > RUNNING_LIMIT_MS) return end ? '' : '未填写结束时间';
  return `已进行 ${formatElapsed(elapsed / 1000)}`;
}

export function MeetingClock({ meeting }: { meeting: Pick<Meeting, 'date' | 'startTime' | 'endTime'> }) {
  const now = useNow();
  const text = clockText(meeting, now);
  if (text === '') return null;
  return (
    <span className="meeting-clock" data-testid="meeting-clock" aria-live="off">
      {text}
    </span>
  );
}
