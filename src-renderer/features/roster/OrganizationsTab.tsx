import { isOrganizationType, PARTY_LABELS, type RosterRecord } from '../../../shared/domain/roster';
import { useUiStore } from '../../ui/ui-store';
import { useDatabase } from '../../db/context';
import { errorText } from '../../i18n/errors';
import { formatDate } from '../../i18n/format';
import { Badge } from '../../ui/Badge';
import { useRoster } from './hooks';
import { ORGANIZATION_TYPE_OPTIONS } from './options';
import { useRosterUi } from './roster-store';
import { FilterSelect, RosterList } from './RosterList';
import { reactivateRecord } from './roster-writes';

function OrganizationRow({ organization: o }: { organization: RosterRecord }) {
  const db = useDatabase();
  const openEditor = useRosterUi((s) => s.openEditor);
  const openDeactivate = useRosterUi((s) => s.openDeactivate);
  const showToast = useUiStore((s) => s.showToast);
  const left = o.status === 'left';

  async function restore() {
    const r = await reactivateRecord(db, o.id);
    showToast(r.ok ? `已恢复：${o.name}` : errorText(r.error.code, r.error.detail));
  }

  return (
    <tr data-testid="organization-row" data-id={o.id} data-status={o.status} className={left ? 'row-left' : undefined}>
      <td className="cell-name">
        <span data-testid="organization-name">{o.name}</span>
        {left && (
          <Badge tone="muted" testId="left-badge" title={o.leftAt ? `${formatDate(o.leftAt)}退出` : undefined}>
            已退出
          </Badge>
        )}
      </td>
      <td className="cell-nowrap">{PARTY_LABELS[o.party]}</td>
      <td>{o.contactName ?? ''}</td>
      <td className="cell-nowrap">{o.contactPhone ?? ''}</td>
      <td>{o.address ?? ''}</td>
      <td className="cell-service">
        {o.party === 'co_builder' && (
          <>
            {o.agreementDate && <div>签约：{formatDate(o.agreementDate)}</div>}
            {(o.serviceItems ?? []).length > 0 && <div>认领：{(o.serviceItems ?? []).join('、')}</div>}
          </>
        )}
      </td>
      <td className="cell-actions">
        <button type="button" className="link" onClick={() => openEditor('organization', o.id)}>
          编辑
        </button>
        {left ? (
          <button type="button" className="link" onClick={() => void restore()}>
            恢复
          </button>
        ) : (
          <button type="button" className="link danger" onClick={() => openDeactivate('organization', o.id)}>
            标记为已退出
          </button>
        )}
      </td>
    </tr>
  );
}

export function OrganizationsTab() {
  const filter = useRosterUi((s) => s.organizations);
  const setFilter = useRosterUi((s) => s.setOrganizationFilter);
  const openEditor = useRosterUi((s) => s.openEditor);
  const organizations = useRoster({
    kind: 'organization',
    query: filter.query,
    party: filter.party === '' ? undefined : filter.party,
    includeLeft: filter.includeLeft,
  });
  const filtering = filter.query.trim() !== '' || filter.party !== '';

  return (
    <RosterList
      name="organizations"
      search={{
        label: '搜索组织',
        placeholder: '搜索名称、联系人、电话或地址',
        value: filter.query,
        onChange: (query) => setFilter({ query }),
      }}
      filters={
        <FilterSelect
          label="按类别筛选"
          testId="organizations-type-filter"
          all="全部类型"
          options={ORGANIZATION_TYPE_OPTIONS}
          value={filter.party}
          onChange={(v) => setFilter({ party: isOrganizationType(v) ? v : '' })}
        />
      }
      leftToggle={{
        label: '显示已退出',
        testId: 'show-left-organizations-toggle',
        checked: filter.includeLeft,
        onChange: (includeLeft) => setFilter({ includeLeft }),
      }}
      add={{ label: '新增组织', onClick: () => openEditor('organization', null) }}
      records={organizations}
      loadError="读取组织名单失败，请重新打开此页面。"
      empty={
        filtering || filter.includeLeft
          ? '没有符合条件的组织。'
          : '还没有录入组织。物业公司、共建单位、社会组织、居民小组都在这里登记。'
      }
      countUnit="个"
      headers={['名称', '类型', '联系人', '联系电话', '地址', '共建信息', '操作']}
      row={(o) => <OrganizationRow key={o.id} organization={o} />}
    />
  );
}
