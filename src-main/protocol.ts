// Serves the built renderer (dist/renderer) under app://linli/. A privileged standard+secure scheme gives the page a
// real, stable origin, so IndexedDB (RxDB) persists across launches and module scripts load; file:// would not.
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DESKTOP_CSP } from '../shared/web/csp';
import { mimeTypeOf } from '../shared/web/mime';
import { APP_HOST, APP_SCHEME } from './app-origin';

/** The header of every app:// response (shared/web/csp.ts). */
export const CONTENT_SECURITY_POLICY = DESKTOP_CSP;

/** Must run before app 'ready' (Electron only accepts privileged schemes then). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    },
  ]);
}

const securityHeaders = (contentType: string): Record<string, string> => ({
  'Content-Type': contentType,
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
});

const textResponse = (status: number, body: string): Response =>
  new Response(body, { status, headers: securityHeaders('text/plain; charset=utf-8') });

/**
 * Maps a request URL to a file under root, or null when the path would leave root (../, encoded %2e%2e, %5c on
 * Windows, NUL bytes, absolute paths) or the request is not for app://linli.
 */
export function resolveRequestPath(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const base = path.resolve(root);
  const target = path.resolve(base, relative);
  if (target !== base && !target.startsWith(base + path.sep)) return null;
  return target;
}

const isMissing = (e: unknown): boolean => {
  const code = e instanceof Error && 'code' in e ? e.code : undefined;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
};

/** The app:// request handler, separate from protocol.handle so it can be tested against a real folder. */
export function createAppRequestHandler(root: string): (request: Request) => Promise<Response> {
  const indexPath = path.join(path.resolve(root), 'index.html');
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method Not Allowed');
    const filePath = resolveRequestPath(root, request.url);
    if (filePath === null) return textResponse(403, 'Forbidden');
    let servedPath = filePath;
    let body: Buffer;
    try {
      body = await readFile(filePath);
    } catch (e) {
      // Client-side routes (no file extension) get the app shell; missing assets stay 404.
      if (!isMissing(e)) return textResponse(500, 'Internal Error');
      if (path.extname(filePath) !== '') return textResponse(404, 'Not Found');
      servedPath = indexPath;
      try {
        body = await readFile(indexPath);
      } catch {
        return textResponse(404, 'Not Found');
      }
    }
    const headers = securityHeaders(mimeTypeOf(servedPath));
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

/** Call after app 'ready'. root is dist/renderer inside the app (asar paths work: Electron's fs reads them). */
export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(root));
}
