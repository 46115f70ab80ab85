import { isParty, isPersonRole, PARTY_LABELS, ROLE_LABELS, type RosterRecord } from '../../../shared/domain/roster';
import { useUiStore } from '../../ui/ui-store';
import { useDatabase } from '../../db/context';
import { errorText } from '../../i18n/errors';
import { formatDate } from '../../i18n/format';
import { Badge } from '../../ui/Badge';
import { useRoster, useRosterIndex } from './hooks';
import { addressOf, PARTY_OPTIONS, ROLE_OPTIONS } from './options';
import { useRosterUi } from './roster-store';
import { FilterSelect, RosterList } from './RosterList';
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
    <RosterList
      name="people"
      search={{
        label: '搜索人员',
        placeholder: '搜索姓名、手机或楼栋房号',
        value: filter.query,
        onChange: (query) => setFilter({ query }),
      }}
      filters={
        <>
          <FilterSelect
            label="按方别筛选"
            testId="people-party-filter"
            all="全部代表方"
            options={PARTY_OPTIONS}
            value={filter.party}
            onChange={(v) => setFilter({ party: isParty(v) ? v : '' })}
          />
          <FilterSelect
            label="按身份筛选"
            testId="people-role-filter"
            all="全部角色"
            options={ROLE_OPTIONS}
            value={filter.role}
            onChange={(v) => setFilter({ role: isPersonRole(v) ? v : '' })}
          />
        </>
      }
      leftToggle={{
        label: '显示已离开',
        testId: 'show-left-toggle',
        checked: filter.includeLeft,
        onChange: (includeLeft) => setFilter({ includeLeft }),
      }}
      add={{ label: '新增人员', onClick: () => openEditor('person', null) }}
      records={people}
      loadError="读取人员名单失败，请重新打开此页面。"
      empty={filtering || filter.includeLeft ? '没有符合条件的人员。' : '还没有录入人员。点击「新增人员」开始录入。'}
      countUnit="人"
      headers={['姓名', '手机', '楼栋房号', '代表方', '角色', '职务 / 所属组织', '操作']}
      row={(p) => (
        <PersonRow key={p.id} person={p} organization={p.organizationId ? organizations.get(p.organizationId) : undefined} />
      )}
    />
  );
}
