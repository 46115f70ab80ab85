// A long table (a year's 明细账, a month of 4,000 vouchers) that draws only the rows in view: still one real table for
// screen readers (aria-rowcount / aria-rowindex), its header sticky in its own scroller, and the tbody holding the
// visible rows between two spacer rows that stand for the rest. Columns have fixed widths so that they do not shift as
// rows scroll in and out. Short tables stay plain tables; the caller decides where the line is.
import { measureElement, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState, type HTMLAttributes, type ReactNode } from 'react';
import { observeWithFallback } from './VirtualRows';

/** A compact row: 5 px padding twice, one 14 px line at 1.6, 1 px border. Rows that wrap are measured. */
const ROW_HEIGHT = 34;

/** A row whose layout is not known (a test page without layout measures 0) counts as the estimate, not as nothing. */
const measureRow = (el: HTMLTableRowElement, entry: ResizeObserverEntry | undefined, instance: Virtualizer<HTMLDivElement, HTMLTableRowElement>): number => {
  const h = measureElement(el, entry, instance);
  return h > 0 ? h : ROW_HEIGHT;
};

export type VirtualTableProps = {
  readonly count: number;
  /** Column widths in `ch`. */
  readonly widths: readonly number[];
  /** The header cells (<th>…). */
  readonly header: ReactNode;
  /** The cells (<td>…) of row `index`. */
  readonly cells: (index: number) => ReactNode;
  /** Attributes of row `index`'s <tr> (test id, class, click). */
  readonly rowProps?: (index: number) => HTMLAttributes<HTMLTableRowElement> & { readonly [data: `data-${string}`]: string | undefined };
  readonly label: string;
  readonly testId?: string;
  readonly scrollTestId?: string;
  readonly className?: string;
};

export function VirtualTable({ count, widths, header, cells, rowProps, label, testId, scrollTestId, className = 'table compact' }: VirtualTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLTableSectionElement>(null);
  const [headHeight, setHeadHeight] = useState(0);
  useLayoutEffect(() => {
    setHeadHeight(head.current?.offsetHeight ?? 0);
  }, [widths]);
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLTableRowElement>({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The rows start below the sticky header, inside the same scroller.
    scrollMargin: headHeight,
    observeElementRect: observeWithFallback,
    measureElement: measureRow,
  });
  const items = virtualizer.getVirtualItems();
  const totalSize = virtualizer.getTotalSize();
  const first = items[0];
  const last = items[items.length - 1];
  const topSpace = first ? first.start - headHeight : 0;
  const bottomSpace = last ? Math.max(totalSize - (last.end - headHeight), 0) : totalSize;
  const span = widths.length;

  return (
    <div ref={scroller} className="virtual-table" data-testid={scrollTestId}>
      <table
        className={className}
        data-testid={testId}
        aria-label={label}
        aria-rowcount={count + 1}
        data-rows={count}
        style={{ width: `max(100%, ${widths.reduce((a, b) => a + b, 0)}ch)` }}
      >
        <colgroup>
          {widths.map((w, j) => (
            <col key={j} style={{ width: `${w}ch` }} />
          ))}
        </colgroup>
        <thead ref={head}>
          <tr aria-rowindex={1}>{header}</tr>
        </thead>
        <tbody>
          {topSpace > 0 && (
            <tr className="virtual-spacer" aria-hidden="true">
              <td colSpan={span} style={{ height: topSpace }} />
            </tr>
          )}
          {items.map((item) => (
            <tr key={item.key} ref={virtualizer.measureElement} data-index={item.index} aria-rowindex={item.index + 2} {...rowProps?.(item.index)}>
              {cells(item.index)}
            </tr>
          ))}
          {bottomSpace > 0 && (
            <tr className="virtual-spacer" aria-hidden="true">
              <td colSpan={span} style={{ height: bottomSpace }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
