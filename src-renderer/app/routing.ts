import { useEffect } from 'react';
import { sectionById } from './sections';
import { useUiStore, viewFromHash } from './ui-store';
import type { SectionId } from './section';

/** The registered section named by the hash, or the dashboard. */
export function registeredView(hash: string): SectionId {
  const view = viewFromHash(hash);
  return view !== undefined && sectionById(view) ? view : 'dashboard';
}

/** Keeps the current view and `location.hash` in step (back/forward and reload land on the same section). */
export function useHashRouting(): void {
  useEffect(() => {
    const sync = () => {
      const view = registeredView(window.location.hash);
      if (useUiStore.getState().view !== view) useUiStore.setState({ view });
    };
    sync();
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  }, []);
}
