// 会议记录 UI state: list filters, how much of the list is shown, the open dialog, the editor's tab and current
// 议题. Never the meetings themselves (they live in RxDB), and not which meeting is open (that is in the URL hash).
import { create } from 'zustand';
import type { MeetingType } from '../../../shared/schema';

export type MeetingListFilter = {
  type: MeetingType | '';
  from: string;
  to: string;
  status: 'draft' | 'final' | '';
  query: string;
};

export type EditorTab = 'record' | 'summary';

/** Rows shown at first and added by 「显示更多」: the list stays quick with thousands of meetings. */
export const LIST_PAGE = 50;

type MinutesUiState = {
  filter: MeetingListFilter;
  visible: number;
  creating: boolean;
  /** The editor's tab, for the meeting it was chosen in: the next meeting opened starts on 记录 again. */
  editorTab: { meetingId: string; tab: EditorTab } | null;
  /** The 议题 the secretary is in (Alt+R adds a 决议 there). */
  currentTopicId: string | null;
  setFilter: (patch: Partial<MeetingListFilter>) => void;
  showMore: () => void;
  openCreate: () => void;
  closeCreate: () => void;
  setTab: (meetingId: string, tab: EditorTab) => void;
  setCurrentTopic: (id: string | null) => void;
};

const initial = {
  filter: { type: '', from: '', to: '', status: '', query: '' } satisfies MeetingListFilter as MeetingListFilter,
  visible: LIST_PAGE,
  creating: false,
  editorTab: null as { meetingId: string; tab: EditorTab } | null,
  currentTopicId: null,
};

export const useMinutesUi = create<MinutesUiState>()((set) => ({
  ...initial,
  // A new filter starts again from the first page.
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch }, visible: LIST_PAGE })),
  showMore: () => set((s) => ({ visible: s.visible + LIST_PAGE })),
  openCreate: () => set({ creating: true }),
  closeCreate: () => set({ creating: false }),
  setTab: (meetingId, tab) => set({ editorTab: { meetingId, tab } }),
  setCurrentTopic: (currentTopicId) => set({ currentTopicId }),
}));

/** The tab shown for a meeting: the one chosen in it, else 记录. */
export const tabOf =
  (meetingId: string) =>
  (s: Pick<MinutesUiState, 'editorTab'>): EditorTab =>
    s.editorTab?.meetingId === meetingId ? s.editorTab.tab : 'record';

export const resetMinutesUi = (): void => useMinutesUi.setState(initial);
