import { useEffect } from 'react';
import { sectionById } from './sections';
import { parseRoute } from '../ui/route';
import { useUiStore, viewFromHash } from '../ui/ui-store';
import type { SectionId } from '../ui/section';

/** The registered section named by the hash, or the dashboard. */
export function registeredView(hash: string): SectionId {
  const view = viewFromHash(hash);
  return view !== undefined && sectionById(view) ? view : 'dashboard';
}

/**
 * The one hashchange listener: keeps the current view and the parsed route in step with `location.hash` (back/forward
 * and reload land on the same section and record).
 */
export function useHashRouting(): void {
  useEffect(() => {
    const sync = () => {
      const hash = window.location.hash;
      const view = registeredView(hash);
      const state = useUiStore.getState();
      if (state.view !== view) useUiStore.setState({ view });
      if (state.route.hash !== hash) useUiStore.setState({ route: parseRoute(hash) });
    };
    sync();
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  }, []);
}
