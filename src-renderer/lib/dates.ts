/** Today's calendar date on this device, YYYY-MM-DD (local time, not UTC: 8 a.m. in Beijing is still "today"). */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
