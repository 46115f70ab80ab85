/** Today's calendar date on this device, YYYY-MM-DD (local time, not UTC: 8 a.m. in Beijing is still "today"). */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A moment as this device's local date and time, YYYY-MM-DD HH:MM. */
export function localDateTime(at: string | number | Date): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${localToday(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
