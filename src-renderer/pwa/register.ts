/// <reference types="vite-plugin-pwa/vanillajs" />
// The web host's offline support (issue #16): registers the service worker that vite-plugin-pwa generates
// (vite.config.ts: it precaches the built app, answers navigations with index.html except /api/ and /n/, and caches
// no API call) and offers new versions with the update banner. main.tsx calls startPwa() once.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { currentPageHost } from '../bridge/host';
import { shouldRegisterServiceWorker, UPDATE_CHECK_INTERVAL_MS, UPDATE_CHECK_ON_FOCUS_MIN_MS } from './policy';
import { UpdateBanner } from './UpdateBanner';
import { usePwaStore } from './update-store';

/** vite.config.ts defines it (LINLI_BUILD_ID, else the package version); the e2e tests read it from the page. */
declare const __LINLI_BUILD_ID__: string;
export const BUILD_ID = typeof __LINLI_BUILD_ID__ === 'string' ? __LINLI_BUILD_ID__ : 'dev';

/** If the new worker has not taken over this long after 立即更新, reload anyway (it may have done so already). */
const UPDATE_RELOAD_FALLBACK_MS = 10_000;

export function startPwa(): void {
  document.documentElement.dataset.build = BUILD_ID;
  const env = { ...currentPageHost(), hasServiceWorkerApi: 'serviceWorker' in navigator, dev: import.meta.env.DEV };
  if (!shouldRegisterServiceWorker(env)) return;
  const host = document.createElement('div');
  host.id = 'pwa-root';
  document.body.append(host);
  createRoot(host).render(createElement(UpdateBanner));
  register().catch((e: unknown) => console.error('service worker registration failed', e));
}

async function register(): Promise<void> {
  const container = navigator.serviceWorker;
  const { send, setApplyUpdate } = usePwaStore.getState();
  // The first install claims this page (clientsClaim): a change from no controller is not a new version.
  let controlled = container.controller !== null;
  container.addEventListener('controllerchange', () => {
    if (!controlled) {
      controlled = true;
      return;
    }
    send('controller-changed');
    // Only the tab whose user asked reloads; any other keeps its page (and what is typed in it) and says so.
    if (usePwaStore.getState().update === 'updating') window.location.reload();
  });

  // The generated module loads workbox-window; on the desktop it is never imported.
  const { registerSW } = await import('virtual:pwa-register');
  const updateSW = registerSW({
    // Also when another tab installed the version (workbox-window's "external" waiting worker).
    onNeedRefresh: () => send('need-refresh'),
    // The controllerchange listener above decides whether to reload; workbox-window's default would reload every tab.
    onNeedReload: () => {},
    onRegisteredSW: (_url, registration) => {
      if (registration) watchForUpdates(registration);
    },
    onRegisterError: (e: unknown) => console.error('service worker registration failed', e),
  });
  setApplyUpdate(() => {
    // Tells the waiting worker to skip waiting; its takeover fires controllerchange, which reloads this tab.
    updateSW().catch((e: unknown) => console.error('update failed', e));
    setTimeout(() => window.location.reload(), UPDATE_RELOAD_FALLBACK_MS);
  });
}

/** Browsers look for a new sw.js only on navigation; a page kept open all day asks hourly and when shown again. */
function watchForUpdates(registration: ServiceWorkerRegistration): void {
  let last = Date.now();
  const check = () => {
    if (!navigator.onLine) return;
    last = Date.now();
    registration.update().catch(() => {
      // Offline or the server is down: the next check tries again.
    });
  };
  setInterval(check, UPDATE_CHECK_INTERVAL_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && Date.now() - last >= UPDATE_CHECK_ON_FOCUS_MIN_MS) check();
  });
  window.addEventListener('online', check);
}
