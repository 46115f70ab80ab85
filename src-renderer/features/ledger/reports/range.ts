// The report range picker's state → a DateRange (SPEC L-R0), and back to a label.
import { halfYearRange, monthRange, quarterRange, yearRange } from '../../../../shared/domain/ledger/reports';
import type { DateRange } from '../../../../shared/domain/ledger/types';

export type RangeKind = 'month' | 'quarter' | 'half' | 'year' | 'custom';
export type RangePick = {
  readonly kind: RangeKind;
  readonly year: number;
  /** 1–12 for a month, 1–4 for a quarter, 1–2 for a half year. */
  readonly part: number;
  readonly from: string;
  readonly to: string;
};

export const RANGE_KIND_LABELS: Readonly<Record<RangeKind, string>> = { month: '月度', quarter: '季度', half: '半年度', year: '年度', custom: '自定义' };

/** null when the custom dates are missing or reversed. */
export function rangeOf(p: RangePick): DateRange | null {
  switch (p.kind) {
    case 'month':
      return monthRange(`${p.year}-${String(p.part).padStart(2, '0')}`);
    case 'quarter':
      return quarterRange({ year: p.year, quarter: Math.min(Math.max(p.part, 1), 4) as 1 | 2 | 3 | 4 });
    case 'half':
      return halfYearRange(p.year, p.part === 2 ? 2 : 1);
    case 'year':
      return yearRange(p.year);
    case 'custom':
      return /^\d{4}-\d{2}-\d{2}$/.test(p.from) && /^\d{4}-\d{2}-\d{2}$/.test(p.to) && p.from <= p.to ? { from: p.from, to: p.to } : null;
  }
}

export function partOptions(kind: RangeKind): readonly { value: number; label: string }[] {
  if (kind === 'month') return Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月` }));
  if (kind === 'quarter') return ['一', '二', '三', '四'].map((q, i) => ({ value: i + 1, label: `第${q}季度` }));
  if (kind === 'half') return [{ value: 1, label: '上半年' }, { value: 2, label: '下半年' }];
  return [];
}

/** The picker's start: this month. */
export function initialPick(today: string): RangePick {
  return { kind: 'month', year: Number(today.slice(0, 4)), part: Number(today.slice(5, 7)), from: `${today.slice(0, 7)}-01`, to: today };
}
