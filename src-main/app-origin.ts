// Where the renderer lives inside the desktop app. One place, so window.ts, ipc.ts and protocol.ts agree.
export const APP_SCHEME = 'app';
export const APP_HOST = 'linli';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const parse = (url: string): URL | null => {
  try {
    return new URL(url);
  } catch {
    return null;
  }
};

/**
 * True when url belongs to the app's own origin (app://linli/...).
 * Compares protocol and host instead of URL#origin: Node's WHATWG URL reports origin 'null' for non-special
 * schemes, while Chromium (scheme registered as standard) reports 'app://linli'.
 */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/** Only plain web links may leave the app, and only to the system browser. */
export function isExternalWebUrl(url: string): boolean {
  const u = parse(url);
  return u !== null && (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
}
