// App-wide UI state only (current view, a passing notice). Documents stay in RxDB; never copy them here.
import { create } from 'zustand';
import { parseRoute, type Route } from './route';
import type { SectionId } from './section';

export type Toast = { id: number; text: string };

type UiState = {
  view: SectionId;
  /** The parsed hash (ui/route.ts); kept in step by the shell's one hashchange listener (app/routing.ts). */
  route: Route;
  toast: Toast | null;
  navigate: (view: SectionId) => void;
  /** Goes to a place inside a section, e.g. routeHash('meetings', [id]). */
  goTo: (hash: string) => void;
  /**
   * Changes the address without a new history entry (a list's filters: typing in a search box must not make Back
   * step through every letter). No hashchange fires, so the parsed route is stored here.
   */
  replaceRoute: (hash: string) => void;
  showToast: (text: string) => void;
  dismissToast: (id: number) => void;
};

/** `#/roster` → 'roster'; anything else → undefined. */
export const viewFromHash = (hash: string): SectionId | undefined => parseRoute(hash).section;

export const hashOf = (view: SectionId): string => `#/${view}`;

let nextToastId = 1;

export const useUiStore = create<UiState>()((set) => ({
  view: 'dashboard',
  route: parseRoute(''),
  toast: null,
  navigate: (view) => {
    // The hash keeps the section across a reload; a hashchange from it finds the view already set.
    if (typeof window !== 'undefined' && window.location.hash !== hashOf(view)) window.location.hash = hashOf(view);
    set({ view });
  },
  goTo: (hash) => {
    if (typeof window !== 'undefined' && window.location.hash !== hash) window.location.hash = hash;
    set((s) => (s.route.hash === hash ? s : { route: parseRoute(hash) }));
  },
  replaceRoute: (hash) => {
    if (typeof window !== 'undefined' && window.location.hash !== hash) window.history.replaceState(window.history.state, '', hash);
    set((s) => (s.route.hash === hash ? s : { route: parseRoute(hash) }));
  },
  showToast: (text) => set({ toast: { id: nextToastId++, text } }),
  dismissToast: (id) => set((s) => (s.toast?.id === id ? { toast: null } : s)),
}));

/** Tests start from a clean slate. */
export const resetUiStore = (): void => useUiStore.setState({ view: 'dashboard', route: parseRoute(''), toast: null });
