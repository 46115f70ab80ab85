import { describe, expect, it } from 'vitest';
import { DESKTOP_CSP, PAGE_META_CSP, PRINT_CSP, WEB_HOST_CSP, cspText, printCsp } from './csp';
import { extensionOf, mimeTypeOf } from './mime';

describe('CSP', () => {
  // The policies as each host wrote them before they had one home (issue #10), plus worker-src and manifest-src
  // 'self' for the web host's service worker and manifest (issue #16): nothing else widened.
  it('keeps every policy as it was', () => {
    expect(DESKTOP_CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self'; manifest-src 'self'; connect-src 'self' http: https:; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
    expect(WEB_HOST_CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self'; manifest-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
    expect(PAGE_META_CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self'; manifest-src 'self'; connect-src 'self' http: https:; " +
        "object-src 'none'; base-uri 'none'",
    );
    expect(PRINT_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  });

  it('never allows eval or remote scripts, and fits in a double-quoted attribute', () => {
    for (const csp of [DESKTOP_CSP, WEB_HOST_CSP, PAGE_META_CSP, PRINT_CSP]) {
      expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*(https?:|\*)/);
      expect(csp).not.toMatch(/["&<>]/);
    }
  });

  it('a print document with bundled fonts may load fonts from those sources only, and still nothing else', () => {
    expect(printCsp(["'self'", 'app://linli'])).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'self' app://linli");
    expect(printCsp([])).toBe(PRINT_CSP);
  });

  it("allows the service worker and the manifest from the app's own origin only, on every page", () => {
    const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));
    for (const csp of [DESKTOP_CSP, WEB_HOST_CSP, PAGE_META_CSP]) {
      expect(directive(csp, 'worker-src')).toBe("worker-src 'self'");
      expect(directive(csp, 'manifest-src')).toBe("manifest-src 'self'");
    }
    // The web host's page reaches only its own server: the worker changes nothing there.
    expect(directive(WEB_HOST_CSP, 'connect-src')).toBe("connect-src 'self'");
    expect(PRINT_CSP).not.toMatch(/worker-src|manifest-src/);
  });

  it('writes directives in order', () => {
    expect(cspText({ 'default-src': ["'none'"], 'img-src': ['data:', 'blob:'] })).toBe("default-src 'none'; img-src data: blob:");
  });
});

describe('MIME types', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['C:\\app\\dist\\renderer\\assets\\x.CSS', 'text/css; charset=utf-8'],
    ['/srv/web/assets/font.WOFF2', 'font/woff2'],
    ['x.wasm', 'application/wasm'],
    ['图标.svg', 'image/svg+xml'],
    ['x.unknown', 'application/octet-stream'],
    ['README', 'application/octet-stream'],
    ['.env', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(mimeTypeOf(file)).toBe(type);
  });

  it('finds the extension as path.extname does', () => {
    expect(extensionOf('a/b.c/d')).toBe('');
    expect(extensionOf('a/.hidden')).toBe('');
    expect(extensionOf('a/x.tar.GZ')).toBe('.gz');
    expect(extensionOf('x.')).toBe('.');
  });
});
