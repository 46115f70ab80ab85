// App-wide UI state only (current view, a passing notice). Documents stay in RxDB; never copy them here.
import { create } from 'zustand';
import { isSectionId, type SectionId } from './section';

export type Toast = { id: number; text: string };

type UiState = {
  view: SectionId;
  toast: Toast | null;
  navigate: (view: SectionId) => void;
  showToast: (text: string) => void;
  dismissToast: (id: number) => void;
};

/** `#/roster` → 'roster'; anything else → undefined. */
export function viewFromHash(hash: string): SectionId | undefined {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return isSectionId(id) ? id : undefined;
}

export const hashOf = (view: SectionId): string => `#/${view}`;

let nextToastId = 1;

export const useUiStore = create<UiState>()((set) => ({
  view: 'dashboard',
  toast: null,
  navigate: (view) => {
    // The hash keeps the section across a reload; a hashchange from it finds the view already set.
    if (typeof window !== 'undefined' && window.location.hash !== hashOf(view)) window.location.hash = hashOf(view);
    set({ view });
  },
  showToast: (text) => set({ toast: { id: nextToastId++, text } }),
  dismissToast: (id) => set((s) => (s.toast?.id === id ? { toast: null } : s)),
}));

/** Tests start from a clean slate. */
export const resetUiStore = (): void => useUiStore.setState({ view: 'dashboard', toast: null });
