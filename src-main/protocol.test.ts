import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeElectron, protocol } from '../tests/unit/fakes/electron';
import { CONTENT_SECURITY_POLICY, createAppRequestHandler, registerAppScheme, resolveRequestPath, serveRenderer } from './protocol';

vi.mock('electron', () => import('../tests/unit/fakes/electron'));

// <tmp>/dist/renderer is served; <tmp>/secret.txt and <tmp>/dist/main/main.cjs must never be.
let base = '';
let root = '';
let serve: (r: Request) => Promise<Response>;
const get = (url: string, method = 'GET') => serve(new Request(url, { method }));
const INDEX = '<!doctype html><html><head><script type="module" src="./assets/index-abc.js"></script></head></html>';

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'linli-protocol-'));
  root = path.join(base, 'dist', 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await mkdir(path.join(base, 'dist', 'main'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), INDEX);
  await writeFile(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  await writeFile(path.join(root, 'assets', 'font.woff2'), 'w');
  await writeFile(path.join(root, 'assets', '图标.svg'), '<svg/>');
  await writeFile(path.join(base, 'secret.txt'), 'SECRET');
  await writeFile(path.join(base, 'dist', 'main', 'main.cjs'), 'SECRET-MAIN');
  serve = createAppRequestHandler(root);
});
afterAll(() => rm(base, { recursive: true, force: true }));
beforeEach(() => fakeElectron.reset());

describe('serving dist/renderer', () => {
  it.each([
    ['app://linli/', 'text/html; charset=utf-8', INDEX],
    ['app://linli/index.html', 'text/html; charset=utf-8', INDEX],
    ['app://linli/assets/index-abc.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['app://linli/assets/index-abc.css', 'text/css; charset=utf-8', 'body{}'],
    ['app://linli/assets/font.woff2', 'font/woff2', 'w'],
    ['app://linli/assets/%E5%9B%BE%E6%A0%87.svg', 'image/svg+xml', '<svg/>'],
    ['app://linli/index.html?v=2#/tasks', 'text/html; charset=utf-8', INDEX],
  ])('%s → 200 %s', async (url, type, body) => {
    const r = await get(url);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(type);
    expect(await r.text()).toBe(body);
  });

  it('client-side routes without an extension get index.html', async () => {
    const r = await get('app://linli/tasks/42');
    expect(r.status).toBe(200);
    expect(await r.text()).toBe(INDEX);
  });

  it('a missing asset is 404, not the app shell', async () => {
    expect((await get('app://linli/assets/missing.js')).status).toBe(404);
  });

  it('HEAD has headers and no body; POST is refused', async () => {
    const head = await get('app://linli/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('app://linli/index.html', 'POST')).status).toBe(405);
  });
});

describe('headers', () => {
  it.each(['app://linli/index.html', 'app://linli/assets/index-abc.js', 'app://linli/assets/missing.js', 'app://linli/..%2f..%2fsecret.txt'])(
    '%s carries the CSP and nosniff',
    async (url) => {
      const r = await get(url);
      expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    },
  );

  it('the CSP is strict', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'worker-src': ["'self'"],
      'manifest-src': ["'self'"],
      'connect-src': ["'self'", 'http:', 'https:'],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'frame-ancestors': ["'none'"],
      'form-action': ["'none'"],
    });
  });
});

describe('path traversal', () => {
  it.each([
    'app://linli/..%2f..%2fsecret.txt',
    'app://linli/..%2F..%2F..%2Fsecret.txt',
    'app://linli/assets/..%2f..%2f..%2fsecret.txt',
    'app://linli/%2e%2e/%2e%2e/secret.txt',
    'app://linli/../../secret.txt',
    'app://linli/..%5c..%5csecret.txt',
    'app://linli/%2e%2e%2f%2e%2e%2fdist%2fmain%2fmain.cjs',
    'app://linli/..%2fmain%2fmain.cjs',
    'app://linli/%2fetc%2fpasswd',
    `app://linli/${encodeURIComponent(path.join(base, 'secret.txt'))}`,
    'app://linli/index.html%00.js',
    'app://linli/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
  ])('%s never serves a file outside dist/renderer', async (url) => {
    const r = await get(url);
    const body = await r.text();
    expect(body).not.toContain('SECRET');
    // Either refused, or (extension-less paths that stay inside the root) the app shell.
    if (r.status === 200) expect(body).toBe(INDEX);
    else expect([403, 404]).toContain(r.status);
  });

  it('resolveRequestPath refuses what would leave the root', () => {
    expect(resolveRequestPath(root, 'app://linli/..%2fsecret.txt')).toBeNull();
    expect(resolveRequestPath(root, 'app://linli/a%00b')).toBeNull();
    expect(resolveRequestPath(root, 'app://linli/assets/x.js')).toBe(path.join(root, 'assets', 'x.js'));
  });
});

describe('registration', () => {
  it('app:// is privileged as standard, secure, fetch- and CORS-enabled (IndexedDB needs a real origin)', () => {
    registerAppScheme();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true, corsEnabled: true }) },
    ]);
  });

  it('serveRenderer hands protocol.handle a handler for app', async () => {
    serveRenderer(root);
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const handler = protocol.handle.mock.calls[0]?.[1];
    const r = await handler?.(new Request('app://linli/index.html'));
    expect(r?.status).toBe(200);
  });
});
