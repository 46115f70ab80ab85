import { useRosterDocs, useRosterIndex } from './hooks';
import { DeactivateDialog } from './DeactivateDialog';
import { OrganizationForm } from './OrganizationForm';
import { OrganizationsTab } from './OrganizationsTab';
import { PeopleTab } from './PeopleTab';
import { PersonForm } from './PersonForm';
import { useRosterUi, type RosterTab } from './roster-store';

const TABS: readonly { id: RosterTab; label: string }[] = [
  { id: 'people', label: '人员' },
  { id: 'organizations', label: '组织' },
];

/** The dialogs, opened from the UI store; a record that is not loaded yet shows nothing until it is. */
function RosterDialogs() {
  const editing = useRosterUi((s) => s.editing);
  const deactivating = useRosterUi((s) => s.deactivating);
  const closeEditor = useRosterUi((s) => s.closeEditor);
  const closeDeactivate = useRosterUi((s) => s.closeDeactivate);
  const index = useRosterIndex();
  const organizations = useRosterDocs('organization');

  if (editing) {
    const record = editing.id === null ? undefined : index.get(editing.id);
    if (editing.id !== null && !record) return null;
    if (editing.kind === 'person') {
      if (organizations.status !== 'ready') return null;
      return <PersonForm key={editing.id ?? 'new'} person={record} organizations={organizations.data} onClose={closeEditor} />;
    }
    return <OrganizationForm key={editing.id ?? 'new'} organization={record} onClose={closeEditor} />;
  }
  if (deactivating) {
    const record = index.get(deactivating.id);
    return record ? <DeactivateDialog key={record.id} record={record} onClose={closeDeactivate} /> : null;
  }
  return null;
}

export function RosterPage() {
  const tab = useRosterUi((s) => s.tab);
  const setTab = useRosterUi((s) => s.setTab);
  return (
    <div className="page">
      <header className="page-header">
        <h1>组织人员</h1>
        <p className="page-sub">小区党支部、业委会、物业公司、社会组织、共建单位、居民小组的人员与组织名册。</p>
      </header>
      <div className="tabs" role="tablist" aria-label="名册">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`roster-tab-${t.id}`}
            data-testid={`roster-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`roster-panel-${t.id}`}
            className={tab === t.id ? 'tab active' : 'tab'}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`roster-panel-${tab}`} aria-labelledby={`roster-tab-${tab}`}>
        {tab === 'people' ? <PeopleTab /> : <OrganizationsTab />}
      </div>
      <RosterDialogs />
    </div>
  );
}
