// 组织人员 UI state: tab, filters, which record a dialog is open for. Never the records themselves.
import { create } from 'zustand';
import type { OrganizationType } from '../../../shared/domain/roster';
import type { Party, PersonRole } from '../../../shared/schema';

export type RosterTab = 'people' | 'organizations';
export type PeopleFilterState = { query: string; party: Party | ''; role: PersonRole | ''; includeLeft: boolean };
export type OrganizationFilterState = { query: string; party: OrganizationType | ''; includeLeft: boolean };
export type RecordKind = 'person' | 'organization';

type RosterUiState = {
  tab: RosterTab;
  people: PeopleFilterState;
  organizations: OrganizationFilterState;
  /** The open add/edit form; id null = a new record. */
  editing: { kind: RecordKind; id: string | null } | null;
  /** The open 标记为已离开 dialog. */
  deactivating: { kind: RecordKind; id: string } | null;
  setTab: (tab: RosterTab) => void;
  setPeopleFilter: (patch: Partial<PeopleFilterState>) => void;
  setOrganizationFilter: (patch: Partial<OrganizationFilterState>) => void;
  openEditor: (kind: RecordKind, id: string | null) => void;
  closeEditor: () => void;
  openDeactivate: (kind: RecordKind, id: string) => void;
  closeDeactivate: () => void;
};

const initial = {
  tab: 'people' as RosterTab,
  people: { query: '', party: '', role: '', includeLeft: false } satisfies PeopleFilterState as PeopleFilterState,
  organizations: { query: '', party: '', includeLeft: false } satisfies OrganizationFilterState as OrganizationFilterState,
  editing: null,
  deactivating: null,
};

export const useRosterUi = create<RosterUiState>()((set) => ({
  ...initial,
  setTab: (tab) => set({ tab }),
  setPeopleFilter: (patch) => set((s) => ({ people: { ...s.people, ...patch } })),
  setOrganizationFilter: (patch) => set((s) => ({ organizations: { ...s.organizations, ...patch } })),
  openEditor: (kind, id) => set({ editing: { kind, id }, deactivating: null }),
  closeEditor: () => set({ editing: null }),
  openDeactivate: (kind, id) => set({ deactivating: { kind, id }, editing: null }),
  closeDeactivate: () => set({ deactivating: null }),
}));

export const resetRosterUi = (): void => useRosterUi.setState(initial);
