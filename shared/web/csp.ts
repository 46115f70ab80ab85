// The Content-Security-Policies of the app's pages, in one place: the desktop app's app:// responses
// (src-main/protocol.ts), the web host's responses (src-server/http/respond.ts), the <meta> of the built index.html
// (vite.config.ts) and the print documents (src-renderer/print). Pure TypeScript: main, server, renderer and the
// build all import it.

/** Directive name → its sources, in the order they are written. */
export type CspDirectives = Readonly<Record<string, readonly string[]>>;

export const cspText = (directives: CspDirectives): string =>
  Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');

/** What every page of the app may load: its own scripts, styles, workers and manifest, no eval, no plugins, no <base>. */
const PAGE = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // React's style={…} attributes are inline styles.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  // The web host's service worker (sw.js, issue #16) and web app manifest, from the app's own origin only. Both would
  // fall back to script-src / default-src 'self' anyway; naming them keeps that true if those ever widen.
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
} as const;
const NO_PLUGINS_NO_BASE = { 'object-src': ["'none'"], 'base-uri': ["'none'"] } as const;

/** The desktop app talks to a sync server whose address the user configures: any http(s) host may be the one. */
const CONNECT_ANY_SERVER = ["'self'", 'http:', 'https:'];
/** A page served by the web host talks only to the server that served it. */
const CONNECT_SELF = ["'self'"];

/** The header of every app:// response of the desktop app. */
export const DESKTOP_CSP = cspText({
  ...PAGE,
  'connect-src': CONNECT_ANY_SERVER,
  ...NO_PLUGINS_NO_BASE,
  'frame-ancestors': ["'none'"],
  'form-action': ["'none'"],
});

/** The header of every response of the web host (src-server). */
export const WEB_HOST_CSP = cspText({
  ...PAGE,
  'connect-src': CONNECT_SELF,
  ...NO_PLUGINS_NO_BASE,
  'frame-ancestors': ["'none'"],
});

/**
 * The <meta> of index.html, written at build time. One build serves both hosts, so it allows what the desktop app
 * needs and each host's header narrows it (a page obeys every policy it is given). frame-ancestors is left out:
 * browsers ignore it in a <meta> and warn.
 */
export const PAGE_META_CSP = cspText({ ...PAGE, 'connect-src': CONNECT_ANY_SERVER, ...NO_PLUGINS_NO_BASE });

/**
 * A print document: stricter than any page, it runs nothing and loads only its inline styles and data: images, and
 * fonts from `fontSrc` when given (the printed notice's bundled fonts: the app's origin, or 'self' for copies
 * beside the document in the desktop print window).
 */
export const printCsp = (fontSrc: readonly string[] = []): string =>
  cspText({ 'default-src': ["'none'"], 'style-src': ["'unsafe-inline'"], 'img-src': ['data:'], ...(fontSrc.length ? { 'font-src': fontSrc } : {}) });

export const PRINT_CSP = printCsp();
