// The login session for sync, kept on this device only (localStorage). The app works fully without one.
import type { StoredSession } from './api-client';

export const SESSION_KEY = 'linli.sync.session.v1';
export const SERVER_URL_KEY = 'linli.sync.server.v1';
export const REJECTED_KEY = 'linli.sync.rejected.v1';
export const LAST_SYNC_KEY = 'linli.sync.last.v1';
export const VERIFIED_KEY = 'linli.sync.verified.v1';
export const DIVERGENCES_KEY = 'linli.sync.divergences.v1';

export function loadSession(storage: Storage = localStorage): StoredSession | null {
  try {
    const raw = storage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  } catch {
    return null;
  }
}

export function saveSession(session: StoredSession | null, storage: Storage = localStorage): void {
  if (session) storage.setItem(SESSION_KEY, JSON.stringify(session));
  else storage.removeItem(SESSION_KEY);
}

/** The server address shown in 设置: what the user typed last, else this page's own origin on the web host. */
export function loadServerUrl(storage: Storage = localStorage): string {
  const saved = storage.getItem(SERVER_URL_KEY);
  if (saved) return saved;
  const origin = globalThis.location?.origin ?? '';
  return origin.startsWith('http') ? origin : '';
}

export function saveServerUrl(url: string, storage: Storage = localStorage): void {
  storage.setItem(SERVER_URL_KEY, url);
}

/** Normalises what a person typed as a server address; null when it cannot be one. */
export function normaliseServerUrl(text: string): string | null {
  const t = text.trim();
  if (!t) return null;
  const withScheme = /^https?:\/\//i.test(t) ? t : `http://${t}`;
  try {
    const u = new URL(withScheme);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    if (u.search || u.hash || u.username) return null;
    return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

/**
 * The desktop app is served from app://linli, a secure origin, so Chromium blocks plain-http requests to any host
 * but the loopback ones as mixed content. A district server must then be reached over https.
 */
export function blockedAsMixedContent(url: string, host: 'desktop' | 'web'): boolean {
  if (host !== 'desktop') return false;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}
