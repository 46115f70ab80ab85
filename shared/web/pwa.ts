// The web host's service worker and web app manifest (issue #16): the names the build (vite.config.ts, vite-plugin-pwa)
// writes, the server (src-server/http/static-files.ts) serves without caching, and the renderer registers.
import { PUBLIC_NOTICE_PATH } from '../domain/notices/public';

/** At the root of the built renderer, so its scope is the whole app. */
export const SERVICE_WORKER_FILE = 'sw.js';
export const MANIFEST_FILE = 'manifest.webmanifest';

/** Files whose name does not change with their content: browsers must ask the server each time (Cache-Control:
 * no-cache), or a deployed version would go unnoticed for as long as the cached copy lives. */
export const REVALIDATED_FILES: readonly string[] = ['index.html', SERVICE_WORKER_FILE, MANIFEST_FILE];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const underPath = (path: string): RegExp => new RegExp(`^${escapeRegExp(path.replace(/\/$/, ''))}(/|$)`);

/**
 * Navigations the service worker must leave to the network instead of answering with the app's index.html: the sync
 * API (also outside its current version) and the server's own pages (a notice's check page, /n/<code>).
 */
export const NAVIGATE_FALLBACK_DENYLIST: readonly RegExp[] = [underPath('/api'), underPath(PUBLIC_NOTICE_PATH)];
