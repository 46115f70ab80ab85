// A scrolling list that renders only the rows in view (@tanstack/react-virtual), so 10,000 tasks scroll smoothly.
import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';

/**
 * A container that has not been laid out yet (or a test page without layout) reports no height; it still shows a
 * first screenful rather than nothing.
 */
export const observeWithFallback = <T extends Element>(instance: Virtualizer<HTMLDivElement, T>, cb: (rect: { width: number; height: number }) => void) =>
  observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width || 960, height: 640 }));

export function VirtualRows({
  count,
  rowHeight,
  renderRow,
  label,
  testId,
  className,
}: {
  count: number;
  rowHeight: number;
  renderRow: (index: number) => ReactNode;
  label: string;
  testId?: string;
  className?: string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    observeElementRect: observeWithFallback,
  });
  return (
    <div ref={scroller} className={`virtual-scroll${className ? ` ${className}` : ''}`} data-testid={testId} role="list" aria-label={label}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div
            key={item.key}
            role="listitem"
            className="virtual-row"
            style={{ position: 'absolute', top: 0, left: 0, right: 0, height: item.size, transform: `translateY(${item.start}px)` }}
          >
            {renderRow(item.index)}
          </div>
        ))}
      </div>
    </div>
  );
}
