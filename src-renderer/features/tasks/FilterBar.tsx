// The list's filters, each value with how many tasks a click on it would show (F5). State lives in the address.
import { useEffect, useState } from 'react';
import { PARTY_LABELS } from '../../../shared/domain/roster';
import {
  TASK_SORTS,
  type FacetCounts,
  type StatusFilter,
  type TaskFilter,
  type TaskSort,
} from '../../../shared/domain/tasks/filters';
import { TASK_SOURCE_LABELS, TASK_STATUS_LABELS } from '../../../shared/domain/tasks/labels';
import type { RosterRecord } from '../../../shared/domain/roster';
import { PARTIES, TASK_SOURCE_KINDS, TASK_STATUSES } from '../../../shared/schema';

const SORT_LABELS: Record<TaskSort, string> = { due: '截止日期', priority: '优先级', updated: '最近更新', created: '最近创建' };
const DUE_CHOICES = [3, 7, 14, 30] as const;

type Props = {
  filter: TaskFilter;
  sort: TaskSort;
  counts: FacetCounts;
  shown: number;
  total: number;
  people: ReadonlyMap<string, RosterRecord>;
  onChange: (filter: TaskFilter, sort: TaskSort) => void;
  /** Views where a dimension is the board's columns leave its filter out. */
  hide?: readonly ('party' | 'status')[];
};

const withCount = (label: string, n: number): string => `${label}（${n}）`;

const without = (f: TaskFilter, key: keyof TaskFilter): TaskFilter =>
  Object.fromEntries(Object.entries(f).filter(([k]) => k !== key)) as TaskFilter;

export function FilterBar({ filter, sort, counts, shown, total, people, onChange, hide = [] }: Props) {
  const set = <K extends keyof TaskFilter>(key: K, value: TaskFilter[K] | undefined) =>
    onChange(value === undefined || value === '' ? without(filter, key) : { ...filter, [key]: value }, sort);
  // The search box keeps what is typed even while the address lags behind (e.g. trailing spaces).
  const [q, setQ] = useState(filter.q ?? '');
  useEffect(() => {
    setQ((old) => (old.trim() === (filter.q ?? '').trim() ? old : (filter.q ?? '')));
  }, [filter.q]);

  const ownerName = (key: string): string => people.get(key)?.name ?? key;
  const owners = [...counts.owner.entries()].filter(([k, n]) => n > 0 || k === filter.owner).sort((a, b) => b[1] - a[1]);
  if (filter.owner && !counts.owner.has(filter.owner)) owners.push([filter.owner, 0]);
  const tags = [...counts.tag.entries()].sort((a, b) => b[1] - a[1]);
  if (filter.tag && !counts.tag.has(filter.tag)) tags.push([filter.tag, 0]);
  const active = Object.keys(filter).length > 0;

  return (
    <div className="toolbar task-filters" data-testid="task-filters">
      <label className="toolbar-field grow">
        <span className="visually-hidden">搜索任务</span>
        <input
          type="search"
          aria-label="搜索任务"
          placeholder="搜索标题、描述、位置、人员……"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            set('q', e.target.value.trim() === '' ? undefined : e.target.value);
          }}
        />
      </label>
      {!hide.includes('party') && (
        <label className="toolbar-field">
          <span>六方</span>
          <select aria-label="按六方筛选" value={filter.party ?? ''} onChange={(e) => set('party', (e.target.value || undefined) as TaskFilter['party'])}>
            <option value="">全部</option>
            {PARTIES.map((p) => (
              <option key={p} value={p}>
                {withCount(PARTY_LABELS[p], counts.party[p])}
              </option>
            ))}
          </select>
        </label>
      )}
      {!hide.includes('status') && (
        <label className="toolbar-field">
          <span>状态</span>
          <select aria-label="按状态筛选" value={filter.status ?? ''} onChange={(e) => set('status', (e.target.value || undefined) as StatusFilter | undefined)}>
            <option value="">全部</option>
            <option value="open">{withCount('未办结', counts.status.open)}</option>
            {TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {withCount(TASK_STATUS_LABELS[s], counts.status[s])}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="toolbar-field">
        <span>来源</span>
        <select aria-label="按来源筛选" value={filter.source ?? ''} onChange={(e) => set('source', (e.target.value || undefined) as TaskFilter['source'])}>
          <option value="">全部</option>
          {TASK_SOURCE_KINDS.map((s) => (
            <option key={s} value={s}>
              {withCount(TASK_SOURCE_LABELS[s], counts.source[s])}
            </option>
          ))}
        </select>
      </label>
      <label className="toolbar-field">
        <span>责任人</span>
        <select aria-label="按责任人筛选" value={filter.owner ?? ''} onChange={(e) => set('owner', e.target.value || undefined)}>
          <option value="">全部</option>
          {owners.map(([k, n]) => (
            <option key={k} value={k}>
              {withCount(ownerName(k), n)}
            </option>
          ))}
        </select>
      </label>
      <label className="toolbar-field">
        <span>标签</span>
        <select aria-label="按标签筛选" value={filter.tag ?? ''} onChange={(e) => set('tag', e.target.value || undefined)}>
          <option value="">全部</option>
          {tags.map(([k, n]) => (
            <option key={k} value={k}>
              {withCount(k, n)}
            </option>
          ))}
        </select>
      </label>
      <label className="toolbar-field">
        <span>到期</span>
        <select
          aria-label="按到期时间筛选"
          value={filter.dueWithin === undefined ? '' : String(filter.dueWithin)}
          onChange={(e) => set('dueWithin', e.target.value === '' ? undefined : Number(e.target.value))}
        >
          <option value="">不限</option>
          {[...new Set<number>([...DUE_CHOICES, ...(filter.dueWithin === undefined ? [] : [filter.dueWithin])])].sort((a, b) => a - b).map((d) => (
            <option key={d} value={d}>
              {filter.dueWithin === d ? withCount(`${d} 天内到期`, counts.dueWithin) : `${d} 天内到期`}
            </option>
          ))}
        </select>
      </label>
      <label className="toolbar-field">
        <span>催办</span>
        <select aria-label="按催办筛选" value={filter.stage ?? ''} onChange={(e) => set('stage', (e.target.value || undefined) as TaskFilter['stage'])}>
          <option value="">全部</option>
          <option value="urged">{withCount('已催办', counts.stage.urged)}</option>
          <option value="escalated">{withCount('已上报支部书记', counts.stage.escalated)}</option>
        </select>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={filter.overdue === true} onChange={(e) => set('overdue', e.target.checked ? true : undefined)} />
        {withCount('已逾期', counts.overdue)}
      </label>
      <label className="toolbar-field">
        <span>排序</span>
        <select aria-label="排序" value={sort} onChange={(e) => onChange(filter, e.target.value as TaskSort)}>
          {TASK_SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <span className="toolbar-spacer" />
      <span className="muted" data-testid="task-count" aria-live="polite">
        {shown === total ? `共 ${total} 项` : `${shown} / ${total} 项`}
      </span>
      {active && (
        <button type="button" className="small" onClick={() => onChange({}, sort)} data-testid="clear-filters">
          清除筛选
        </button>
      )}
    </div>
  );
}
