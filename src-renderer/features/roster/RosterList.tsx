// The scaffold both roster tabs share: toolbar (search, filters, "show who left", add button), then the
// loading / error / empty states, the count and the table. Test ids derive from `name` ("people-search", …).
import type { ReactNode } from 'react';
import type { RosterRecord } from '../../../shared/domain/roster';
import type { Loadable } from '../../db/hooks';
import type { Option } from '../../ui/fields';

/** A toolbar filter whose first option ("全部…") is the empty value. */
export function FilterSelect({
  label,
  testId,
  all,
  options,
  value,
  onChange,
}: {
  label: string;
  testId: string;
  all: string;
  options: readonly Option[];
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <select aria-label={label} data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{all}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export function RosterList({
  name,
  search,
  filters,
  leftToggle,
  add,
  records,
  loadError,
  empty,
  countUnit,
  headers,
  row,
}: {
  name: 'people' | 'organizations';
  search: { label: string; placeholder: string; value: string; onChange: (value: string) => void };
  filters: ReactNode;
  leftToggle: { label: string; testId: string; checked: boolean; onChange: (checked: boolean) => void };
  add: { label: string; onClick: () => void };
  records: Loadable<readonly RosterRecord[]>;
  loadError: string;
  empty: string;
  countUnit: string;
  headers: readonly string[];
  row: (record: RosterRecord) => ReactNode;
}) {
  return (
    <div className="tab-panel">
      <div className="toolbar">
        <input
          type="search"
          className="search"
          aria-label={search.label}
          data-testid={`${name}-search`}
          placeholder={search.placeholder}
          value={search.value}
          onChange={(e) => search.onChange(e.target.value)}
        />
        {filters}
        <label className="toggle">
          <input
            type="checkbox"
            data-testid={leftToggle.testId}
            checked={leftToggle.checked}
            onChange={(e) => leftToggle.onChange(e.target.checked)}
          />
          {leftToggle.label}
        </label>
        <span className="toolbar-spacer" />
        <button type="button" className="primary" onClick={add.onClick}>
          {add.label}
        </button>
      </div>

      {records.status === 'loading' && <p className="muted">正在加载……</p>}
      {records.status === 'error' && (
        <p className="form-error" role="alert">
          {loadError}
        </p>
      )}
      {records.status === 'ready' && records.data.length === 0 && (
        <div className="empty" data-testid={`${name}-empty`}>
          {empty}
        </div>
      )}
      {records.status === 'ready' && records.data.length > 0 && (
        <>
          <p className="count" data-testid={`${name}-count`}>
            共 {records.data.length} {countUnit}
          </p>
          <div className="table-wrap">
            <table className="table" data-testid={`${name}-table`}>
              <thead>
                <tr>
                  {headers.map((h) => (
                    <th key={h}>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>{records.data.map(row)}</tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
