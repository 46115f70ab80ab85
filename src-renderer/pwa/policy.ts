// Pure decisions of the web host's offline support (issue #16), tested in policy.test.ts.
import { assertNever } from '../../shared/result';
import { webHostOrigin, type PageHost } from '../bridge/host';

export type WorkerEnvironment = PageHost & {
  /** navigator.serviceWorker exists (a secure context: https, or http on localhost / 127.0.0.1). */
  hasServiceWorkerApi: boolean;
  /** vite's dev server: its modules are not the build the worker precaches. */
  dev: boolean;
};

/**
 * The service worker is registered only by the built app on the web host. Never in the desktop app: its page comes
 * from app://linli inside the package, which is already offline, and a worker there would only hold a stale copy.
 */
export const shouldRegisterServiceWorker = (env: WorkerEnvironment): boolean =>
  !env.dev && env.hasServiceWorkerApi && webHostOrigin(env) !== null;

/** What the update banner says, if anything. */
export type UpdateState =
  /** Nothing to offer (no worker, or this page runs the newest version). */
  | 'none'
  /** A new version is installed and waiting: it starts when the user says so or when every tab has been closed. */
  | 'waiting'
  /** The user asked for the new version in this tab: it reloads once the new worker has taken over. */
  | 'updating'
  /** Another tab started the new version: this page still runs the old code and should be reopened. */
  | 'activated-elsewhere';

export type UpdateEvent = 'need-refresh' | 'update-requested' | 'controller-changed' | 'dismissed';

/**
 * The banner's state machine. A new worker never takes over on its own while a page of the old version is open
 * (registerType 'prompt', no skipWaiting), so the code never changes under a half-typed form; a controller change this
 * tab did not ask for means another tab's 立即更新.
 */
export function nextUpdateState(state: UpdateState, event: UpdateEvent): UpdateState {
  switch (event) {
    case 'need-refresh':
      return state === 'none' ? 'waiting' : state;
    case 'update-requested':
      return 'updating';
    case 'controller-changed':
      return state === 'updating' ? 'updating' : 'activated-elsewhere';
    case 'dismissed':
      return state === 'updating' ? 'updating' : 'none';
    default:
      return assertNever(event);
  }
}

/** How often an open page asks the server whether a new version is out (browsers check only on navigation). */
export const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;
/** …and on coming back to the page, at most this often. */
export const UPDATE_CHECK_ON_FOCUS_MIN_MS = 10 * 60 * 1000;
