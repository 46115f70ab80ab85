import { describe, expect, it } from 'vitest';
import { DESKTOP_CSP, PAGE_META_CSP, PRINT_CSP, WEB_HOST_CSP, cspText, printCsp } from './csp';
import { extensionOf, mimeTypeOf } from './mime';

describe('CSP', () => {
  // The policies as each host wrote them before they had one home (issue #10): moving them changed nothing.
  it('keeps every policy as it was', () => {
    expect(DESKTOP_CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' http: https:; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
    expect(WEB_HOST_CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
    expect(PAGE_META_CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' http: https:; " +
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
