// 六方联动 UI state: which dialog is open. Never the tasks themselves (RxDB), nor the filters (the address).
import { create } from 'zustand';

type TasksUiState = {
  /** The open task form; id null = a new task. */
  editing: { id: string | null } | null;
  importing: boolean;
  openEditor: (id: string | null) => void;
  closeEditor: () => void;
  setImporting: (open: boolean) => void;
};

export const useTasksUi = create<TasksUiState>()((set) => ({
  editing: null,
  importing: false,
  openEditor: (id) => set({ editing: { id } }),
  closeEditor: () => set({ editing: null }),
  setImporting: (importing) => set({ importing }),
}));

export const resetTasksUi = (): void => useTasksUi.setState({ editing: null, importing: false });
