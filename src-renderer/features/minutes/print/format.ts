// Number, date and vote wording for printed minutes. Pure: no clock, no locale lookups.
import {
  ART278_LABELS,
  ATTENDANCE_LABELS,
  OUTCOME_LABELS,
  formatDateCn,
  formatTimeCn,
  formatTimeRange,
  type Art278Matter,
  type AttendeeLine,
  type Meeting,
  type VoteOutcome,
} from '../../../../shared/domain/minutes';
import { chinaDateTimeOf } from '../../../../shared/domain/common/dates';
import { formatAreaM2 } from '../../../../shared/domain/minutes/vote-text';
import { RECORD_WORDS } from './print-labels';

// The vote's wording is one for the minutes and the notices (shared/domain/minutes/vote-text.ts).
export {
  arithmeticLine,
  formatAreaM2,
  formatAreaNumber,
  participationText,
  percentText,
  stepText,
  tallyText,
} from '../../../../shared/domain/minutes/vote-text';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** 1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (for 议题一, 决议（二）); outside 1–999 the Arabic number. */
export function cnNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999) return String(n);
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  let s = h > 0 ? `${DIGITS[h]}百` : '';
  if (t > 0) s += h === 0 && t === 1 ? '十' : `${DIGITS[t]}十`;
  else if (h > 0 && u > 0) s += '零';
  if (u > 0) s += DIGITS[u];
  return s;
}

/** '2026-11-26T09:00:00.000Z' → '2026年11月26日 17时00分' (Beijing time); null if not a timestamp. */
export function formatTimestampCn(iso: string): string | null {
  const at = chinaDateTimeOf(iso);
  const date = at && formatDateCn(at.date);
  const time = at && formatTimeCn(at.time);
  return date && time ? `${date} ${time}` : null;
}

/** '2026年11月25日 19时30分至21时05分'; the date alone without a start time; the raw text when malformed. */
export function meetingTimeLine(m: Pick<Meeting, 'date' | 'startTime' | 'endTime'>): string {
  const date = formatDateCn(m.date) ?? m.date;
  if (!m.startTime) return date;
  const time = formatTimeRange(m.startTime, m.endTime);
  return `${date} ${time ?? [m.startTime, m.endTime].filter(Boolean).join('–')}`;
}

/** 张伟（业委会主任）: the name with the post, or with the reason for 请假/缺席 lines. */
export function personText(line: AttendeeLine, show: 'post' | 'reason'): string {
  const extra = show === 'post' ? line.post : line.reason;
  return extra ? `${line.name}（${extra}）` : line.name;
}

/** Names joined with 、, or 无 when nobody. */
export function namesText(lines: readonly AttendeeLine[], show: 'post' | 'reason'): string {
  return lines.length === 0 ? RECORD_WORDS.none : lines.map((l) => personText(l, show)).join('、');
}

/** 通过 / 未通过 / 未达到法定人数 / 未表决 / 表决数据有误 (labels.ts). */
export const outcomeLabel = (o: VoteOutcome): string => OUTCOME_LABELS[o.outcome];

/** '一般事项', or '民法典第二百七十八条第（五）项：使用建筑物及其附属设施的维修资金'. */
export function matterText(matter: Art278Matter): string {
  if (matter === 'general') return ART278_LABELS.general;
  const item = Number(matter.slice('art278_'.length));
  return `民法典第二百七十八条第（${cnNumeral(item)}）项：${ART278_LABELS[matter]}`;
}

/** "应到7人，实到5人，请假1人，缺席1人，列席1人" (未登记 only while someone is). */
export function attendanceCountsText(c: { expected: number; present: number; leave: number; absent: number; unknown: number; observers: number }): string {
  const p = RECORD_WORDS.person;
  const parts = [
    `${ATTENDANCE_LABELS.expected}${c.expected}${p}`,
    `${ATTENDANCE_LABELS.actual}${c.present}${p}`,
    `${ATTENDANCE_LABELS.leave}${c.leave}${p}`,
    `${ATTENDANCE_LABELS.absent}${c.absent}${p}`,
  ];
  if (c.unknown > 0) parts.push(`${ATTENDANCE_LABELS.unknown}${c.unknown}${p}`);
  parts.push(`${ATTENDANCE_LABELS.observer}${c.observers}${p}`);
  return parts.join('，');
}

/** 754 (tenths of a percent) → "75.4%". */
/** "业主610人，专有部分总面积45,026.28 m²" (what the compound has; parts missing are left out). */
export function totalsText(totals: { totalOwners: number | undefined; totalAreaDm2: number | undefined }): string {
  return [
    totals.totalOwners === undefined ? '' : `业主${totals.totalOwners}${RECORD_WORDS.person}`,
    totals.totalAreaDm2 === undefined ? '' : `专有部分总面积${formatAreaM2(totals.totalAreaDm2)}`,
  ]
    .filter(Boolean)
    .join('，');
}
