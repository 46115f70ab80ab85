import { partOptions, RANGE_KIND_LABELS, type RangeKind, type RangePick } from './range';

/** 月度 / 季度 / 半年度 / 年度 / 自定义 with the year and the part, or two dates. */
export function RangePicker({ value, onChange, kinds = ['month', 'quarter', 'half', 'year', 'custom'] }: { value: RangePick; onChange: (p: RangePick) => void; kinds?: readonly RangeKind[] }) {
  const parts = partOptions(value.kind);
  return (
    <span className="range-picker" style={{ display: 'inline-flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
      <select aria-label="期间类型" value={value.kind} onChange={(e) => onChange({ ...value, kind: e.target.value as RangeKind, part: 1 })}>
        {kinds.map((k) => (
          <option key={k} value={k}>
            {RANGE_KIND_LABELS[k]}
          </option>
        ))}
      </select>
      {value.kind === 'custom' ? (
        <>
          <input type="date" aria-label="开始日期" value={value.from} onChange={(e) => onChange({ ...value, from: e.target.value })} />
          <span>至</span>
          <input type="date" aria-label="结束日期" value={value.to} onChange={(e) => onChange({ ...value, to: e.target.value })} />
        </>
      ) : (
        <>
          <input
            type="number"
            aria-label="年度"
            min={2000}
            max={2100}
            style={{ width: '6em' }}
            value={value.year}
            onChange={(e) => {
              const y = Number(e.target.value);
              if (Number.isInteger(y) && y >= 1000 && y <= 9999) onChange({ ...value, year: y });
            }}
          />
          <span>年</span>
          {parts.length > 0 && (
            <select aria-label="期间" value={value.part} onChange={(e) => onChange({ ...value, part: Number(e.target.value) })}>
              {parts.map((p) => (
                <option key={p.value} value={p.value}>
                  {p.label}
                </option>
              ))}
            </select>
          )}
        </>
      )}
    </span>
  );
}
