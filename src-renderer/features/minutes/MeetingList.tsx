// 会议记录 list: newest first, filtered by type, date range and status, searched over titles, notes and decisions.
// Quick with thousands of records: the search runs on a deferred query (typing stays responsive) and only a page of
// rows is rendered at a time.
import { useDeferredValue, useMemo } from 'react';
import { filterMeetings, MEETING_TYPE_LABELS, type Meeting } from '../../../shared/domain/minutes';
import { MEETING_TYPES, type MeetingType } from '../../../shared/schema';
import { formatDate } from '../../i18n/format';
import { Badge } from '../../ui/Badge';
import { useMeetingList } from './hooks';
import { MEETING_STATUS_LABELS } from './labels';
import { useMinutesUi } from './minutes-store';
import { NewMeetingDialog } from './NewMeetingDialog';
import { openMeeting } from './route';

const isMeetingType = (s: string): s is MeetingType => (MEETING_TYPES as readonly string[]).includes(s);

const decisionCount = (m: Meeting): number => m.topics.reduce((n, t) => n + (t.resolutions ?? []).length, 0);

function MeetingRow({ m }: { m: Meeting }) {
  return (
    <tr data-testid="meeting-row" data-id={m.id} data-status={m.status}>
      <td className="cell-nowrap">
        {formatDate(m.date)}
        {m.startTime && <span className="muted"> {m.startTime}</span>}
      </td>
      <td className="cell-name">
        <button type="button" className="link meeting-open" onClick={() => openMeeting(m.id)} data-testid="meeting-open">
          {m.title.trim() || '未命名会议'}
        </button>
      </td>
      <td className="cell-nowrap">{MEETING_TYPE_LABELS[m.type]}</td>
      <td>{m.location ?? ''}</td>
      <td className="num">{decisionCount(m)}</td>
      <td className="cell-nowrap">
        <Badge tone={m.status === 'final' ? 'ok' : 'warn'}>{MEETING_STATUS_LABELS[m.status]}</Badge>
      </td>
    </tr>
  );
}

export function MeetingList() {
  const list = useMeetingList();
  const filter = useMinutesUi((s) => s.filter);
  const setFilter = useMinutesUi((s) => s.setFilter);
  const visible = useMinutesUi((s) => s.visible);
  const showMore = useMinutesUi((s) => s.showMore);
  const creating = useMinutesUi((s) => s.creating);
  const openCreate = useMinutesUi((s) => s.openCreate);
  const closeCreate = useMinutesUi((s) => s.closeCreate);
  const query = useDeferredValue(filter.query);
  const { type, from, to, status } = filter;

  const results = useMemo(
    () =>
      list.status === 'ready'
        ? filterMeetings(list.data, {
            type: type === '' ? undefined : type,
            status: status === '' ? undefined : status,
            from,
            to,
            query,
          })
        : [],
    [list, type, status, from, to, query],
  );
  const filtering = filter.query.trim() !== '' || type !== '' || status !== '' || from !== '' || to !== '';

  return (
    <div className="page">
      <header className="page-header">
        <h1>会议记录</h1>
        <p className="page-sub">共建理事会、业主大会、业委会、党支部和六方联动协调会的会议记录、表决、纪要与打印。</p>
      </header>
      <div className="toolbar">
        <input
          type="search"
          className="search"
          aria-label="搜索会议"
          data-testid="meeting-search"
          placeholder="搜索会议名称、讨论内容、决议"
          value={filter.query}
          onChange={(e) => setFilter({ query: e.target.value })}
        />
        <select aria-label="按类型筛选" data-testid="meeting-type-filter" value={type} onChange={(e) => setFilter({ type: isMeetingType(e.target.value) ? e.target.value : '' })}>
          <option value="">全部类型</option>
          {MEETING_TYPES.map((t) => (
            <option key={t} value={t}>
              {MEETING_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
        <label className="toolbar-field">
          从
          <input type="date" aria-label="开始日期" value={from} onChange={(e) => setFilter({ from: e.target.value })} />
        </label>
        <label className="toolbar-field">
          至
          <input type="date" aria-label="结束日期" value={to} onChange={(e) => setFilter({ to: e.target.value })} />
        </label>
        <select
          aria-label="按状态筛选"
          data-testid="meeting-status-filter"
          value={status}
          onChange={(e) => setFilter({ status: e.target.value === 'draft' || e.target.value === 'final' ? e.target.value : '' })}
        >
          <option value="">全部状态</option>
          <option value="draft">草稿</option>
          <option value="final">已定稿</option>
        </select>
        <span className="toolbar-spacer" />
        <button type="button" className="primary" onClick={openCreate} data-testid="new-meeting-button">
          新建会议
        </button>
      </div>

      {list.status === 'loading' && <p className="muted">正在加载……</p>}
      {list.status === 'error' && (
        <p className="form-error" role="alert">
          读取会议记录失败，请重新打开此页面。
        </p>
      )}
      {list.status === 'ready' && results.length === 0 && (
        <div className="empty" data-testid="meetings-empty">
          {filtering ? '没有符合条件的会议记录。' : '还没有会议记录。点击「新建会议」开始记录。'}
        </div>
      )}
      {results.length > 0 && (
        <>
          <p className="count" data-testid="meetings-count">
            共 {results.length} 次会议{results.length > visible ? `，显示最近 ${visible} 次` : ''}
          </p>
          <div className="table-wrap">
            <table className="table" data-testid="meetings-table">
              <thead>
                <tr>
                  <th>日期</th>
                  <th>会议名称</th>
                  <th>类型</th>
                  <th>地点</th>
                  <th className="num">决议</th>
                  <th>状态</th>
                </tr>
              </thead>
              <tbody>
                {results.slice(0, visible).map((m) => (
                  <MeetingRow key={m.id} m={m} />
                ))}
              </tbody>
            </table>
          </div>
          {results.length > visible && (
            <button type="button" className="show-more" onClick={showMore} data-testid="show-more">
              显示更多（还有 {results.length - visible} 次）
            </button>
          )}
        </>
      )}
      {creating && <NewMeetingDialog onClose={closeCreate} />}
    </div>
  );
}
