import { isParty, isPersonRole, PARTY_LABELS, ROLE_LABELS, type RosterRecord } from '../../../shared/domain/roster';
import { useUiStore } from '../../app/ui-store';
import { useDatabase } from '../../db/context';
import { errorText } from '../../i18n/errors';
import { formatDate } from '../../i18n/format';
import { Badge } from '../../ui/Badge';
import { useRoster, useRosterIndex } from './hooks';
import { addressOf, PARTY_OPTIONS, ROLE_OPTIONS } from './options';
import { useRosterUi } from './roster-store';
import { reactivateRecord } from './roster-writes';

function PersonRow({ person, organization }: { person: RosterRecord; organization: RosterRecord | undefined }) {
  const db = useDatabase();
  const openEditor = useRosterUi((s) => s.openEditor);
  const openDeactivate = useRosterUi((s) => s.openDeactivate);
  const showToast = useUiStore((s) => s.showToast);
  const left = person.status === 'left';

  async function restore() {
    const r = await reactivateRecord(db, person.id);
    showToast(r.ok ? `已恢复：${person.name}` : errorText(r.error.code, r.error.detail));
  }

  return (
    <tr data-testid="person-row" data-id={person.id} data-status={person.status} className={left ? 'row-left' : undefined}>
      <td className="cell-name">
        <span data-testid="person-name">{person.name}</span>
        {left && (
          <Badge tone="muted" testId="left-badge" title={person.leftAt ? `${formatDate(person.leftAt)}离开` : undefined}>
            已离开
          </Badge>
        )}
      </td>
      <td className="cell-nowrap">{person.phone ?? ''}</td>
      <td>{addressOf(person)}</td>
      <td className="cell-nowrap">{PARTY_LABELS[person.party]}</td>
      <td className="cell-roles">{(person.roles ?? []).map((r) => ROLE_LABELS[r]).join('、')}</td>
      <td>
        {[person.post, organization ? `${organization.name}${organization.status === 'left' ? '（已退出）' : ''}` : undefined]
          .filter((x) => x !== undefined && x !== '')
          .join(' · ')}
      </td>
      <td className="cell-actions">
        <button type="button" className="link" onClick={() => openEditor('person', person.id)}>
          编辑
        </button>
        {left ? (
          <button type="button" className="link" onClick={() => void restore()}>
            恢复
          </button>
        ) : (
          <button type="button" className="link danger" onClick={() => openDeactivate('person', person.id)}>
            标记为已离开
          </button>
        )}
      </td>
    </tr>
  );
}

export function PeopleTab() {
  const filter = useRosterUi((s) => s.people);
  const setFilter = useRosterUi((s) => s.setPeopleFilter);
  const openEditor = useRosterUi((s) => s.openEditor);
  const people = useRoster({
    kind: 'person',
    query: filter.query,
    party: filter.party === '' ? undefined : filter.party,
    role: filter.role === '' ? undefined : filter.role,
    includeLeft: filter.includeLeft,
  });
  const organizations = useRosterIndex('organization');
  const filtering = filter.query.trim() !== '' || filter.party !== '' || filter.role !== '';

  return (
    <div className="tab-panel">
      <div className="toolbar">
        <input
          type="search"
          className="search"
          aria-label="搜索人员"
          data-testid="people-search"
          placeholder="搜索姓名、手机或楼栋房号"
          value={filter.query}
          onChange={(e) => setFilter({ query: e.target.value })}
        />
        <select
          aria-label="按方别筛选"
          data-testid="people-party-filter"
          value={filter.party}
          onChange={(e) => {
            const v = e.target.value;
            setFilter({ party: isParty(v) ? v : '' });
          }}
        >
          <option value="">全部代表方</option>
          {PARTY_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <select
          aria-label="按身份筛选"
          data-testid="people-role-filter"
          value={filter.role}
          onChange={(e) => {
            const v = e.target.value;
            setFilter({ role: isPersonRole(v) ? v : '' });
          }}
        >
          <option value="">全部角色</option>
          {ROLE_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <label className="toggle">
          <input
            type="checkbox"
            data-testid="show-left-toggle"
            checked={filter.includeLeft}
            onChange={(e) => setFilter({ includeLeft: e.target.checked })}
          />
          显示已离开
        </label>
        <span className="toolbar-spacer" />
        <button type="button" className="primary" onClick={() => openEditor('person', null)}>
          新增人员
        </button>
      </div>

      {people.status === 'loading' && <p className="muted">正在加载……</p>}
      {people.status === 'error' && (
        <p className="form-error" role="alert">
          读取人员名单失败，请重新打开此页面。
        </p>
      )}
      {people.status === 'ready' && people.data.length === 0 && (
        <div className="empty" data-testid="people-empty">
          {filtering || filter.includeLeft ? '没有符合条件的人员。' : '还没有录入人员。点击「新增人员」开始录入。'}
        </div>
      )}
      {people.status === 'ready' && people.data.length > 0 && (
        <>
          <p className="count" data-testid="people-count">
            共 {people.data.length} 人
          </p>
          <div className="table-wrap">
            <table className="table" data-testid="people-table">
              <thead>
                <tr>
                  <th>姓名</th>
                  <th>手机</th>
                  <th>楼栋房号</th>
                  <th>代表方</th>
                  <th>角色</th>
                  <th>职务 / 所属组织</th>
                  <th>操作</th>
                </tr>
              </thead>
              <tbody>
                {people.data.map((p) => (
                  <PersonRow key={p.id} person={p} organization={p.organizationId ? organizations.get(p.organizationId) : undefined} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
