// Which host serves this page: the desktop app (Electron, app://linli, with the preload's window.linli) or the web
// host (src-server, http(s)). Pure over a snapshot of the page so that tests can ask for either. (window.linli is
// declared in ./index.ts.)
export type PageHost = { protocol: string; origin: string; hasDesktopBridge: boolean };

export const currentPageHost = (): PageHost => ({
  protocol: globalThis.location?.protocol ?? '',
  origin: globalThis.location?.origin ?? '',
  hasDesktopBridge: typeof window !== 'undefined' && window.linli !== undefined,
});

/**
 * The origin of the server that served this page when it is the web host, else null (the desktop app, or a page
 * opened some other way). The web host's CSP allows connect-src 'self' only, so that origin is the one server the
 * page can reach.
 */
export function webHostOrigin(host: PageHost = currentPageHost()): string | null {
  if (host.hasDesktopBridge) return null;
  return host.protocol === 'http:' || host.protocol === 'https:' ? host.origin : null;
}
