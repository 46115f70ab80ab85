import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP, setSecurityHeaders } from './respond';
import { cacheControlFor, createStaticHost, mimeType, pickEncoding } from './static-files';

let dir: string;
let servers: Server[] = [];

async function serve(root: string): Promise<string> {
  const host = createStaticHost(root);
  const server = createServer((req, res) => {
    setSecurityHeaders(res);
    void host.handle(req, res, (req.url ?? '/').split('?')[0] ?? '/');
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function raw(
  base: string,
  method: string,
  target: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string; bytes: Buffer }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path: target, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString(), bytes });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'linli-static-'));
  await mkdir(path.join(dir, 'web', 'assets'), { recursive: true });
  await writeFile(path.join(dir, 'web', 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(path.join(dir, 'web', 'assets', 'a-1.js'), 'x');
  await writeFile(path.join(dir, 'web', 'assets', 'big-2.js'), 'console.log("邻里工作台");\n'.repeat(5000));
  // What vite-plugin-pwa adds to a build (issue #16).
  await writeFile(path.join(dir, 'web', 'sw.js'), 'self.addEventListener("fetch", () => {});');
  await writeFile(path.join(dir, 'web', 'workbox-1a2b3c4d.js'), '// workbox runtime');
  await writeFile(path.join(dir, 'web', 'manifest.webmanifest'), JSON.stringify({ name: '邻里工作台', start_url: './' }));
  await mkdir(path.join(dir, 'web', 'icons'), { recursive: true });
  await writeFile(path.join(dir, 'web', 'icons', 'icon-192.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
});

afterAll(async () => {
  for (const s of servers) s.close();
  servers = [];
  await rm(dir, { recursive: true, force: true });
});

describe('web host', () => {
  it('answers a Chinese hint when the renderer is not built', async () => {
    const base = await serve(path.join(dir, 'missing'));
    const r = await raw(base, 'GET', '/');
    expect(r.status).toBe(503);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(CSP);
    expect(r.body).toContain('npm run build:renderer');
    expect(r.body).toContain('尚未构建');
  });

  it('revalidates with ETag, answers HEAD, refuses other methods', async () => {
    const base = await serve(path.join(dir, 'web'));
    const first = await raw(base, 'GET', '/assets/a-1.js');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\//);
    expect((await raw(base, 'GET', '/assets/a-1.js', { 'If-None-Match': etag })).status).toBe(304);
    const head = await raw(base, 'HEAD', '/');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await raw(base, 'POST', '/')).status).toBe(405);
    expect((await raw(base, 'GET', '/%E0%A4%A')).status).toBe(400);
    expect((await raw(base, 'GET', '/a/%00/b')).status).toBe(403);
  });

  it('compresses text with brotli or gzip as the browser accepts, with its own ETag', async () => {
    const base = await serve(path.join(dir, 'web'));
    const plain = await raw(base, 'GET', '/assets/big-2.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await raw(base, 'GET', '/assets/big-2.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.bytes.length).toBeLessThan(plain.bytes.length / 10);
    expect(brotliDecompressSync(br.bytes).equals(plain.bytes)).toBe(true);
    expect(br.headers.etag).not.toBe(plain.headers.etag);
    const gz = await raw(base, 'GET', '/assets/big-2.js', { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.bytes).equals(plain.bytes)).toBe(true);
    expect((await raw(base, 'GET', '/assets/big-2.js', { 'Accept-Encoding': 'br', 'If-None-Match': String(br.headers.etag) })).status).toBe(304);
    expect(pickEncoding('br;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('identity')).toBeUndefined();
  });

  // Issue #16: an open page learns of a new version only if the browser asks for sw.js again; the manifest and
  // index.html keep their names too. Hashed assets stay immutable.
  it('serves the service worker, the manifest and index.html with no-cache, hashed assets immutable', async () => {
    const base = await serve(path.join(dir, 'web'));
    const sw = await raw(base, 'GET', '/sw.js', { 'Accept-Encoding': 'br' });
    expect(sw.status).toBe(200);
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(sw.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(sw.headers['content-security-policy']).toBe(CSP);
    const manifest = await raw(base, 'GET', '/manifest.webmanifest');
    expect(manifest.status).toBe(200);
    expect(manifest.headers['cache-control']).toBe('no-cache');
    expect(manifest.headers['content-type']).toBe('application/manifest+json; charset=utf-8');
    expect(JSON.parse(manifest.body)).toMatchObject({ name: '邻里工作台' });
    expect((await raw(base, 'GET', '/')).headers['cache-control']).toBe('no-cache');
    expect((await raw(base, 'GET', '/index.html')).headers['cache-control']).toBe('no-cache');
    expect((await raw(base, 'GET', '/assets/a-1.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await raw(base, 'GET', '/icons/icon-192.png');
    expect(icon.headers['content-type']).toBe('image/png');
    expect(icon.headers['cache-control']).toBe('public, max-age=300');
    // A missing worker is a 404, never index.html served as a script.
    expect((await raw(base, 'GET', '/sw-missing.js')).status).toBe(404);
  });

  it.each([
    ['sw.js', 'no-cache'],
    ['manifest.webmanifest', 'no-cache'],
    ['index.html', 'no-cache'],
    ['assets/index-B8VrN7Z-.js', 'public, max-age=31536000, immutable'],
    ['workbox-1a2b3c4d.js', 'public, max-age=300'],
    ['fonts/FandolFang-Regular.woff2', 'public, max-age=300'],
    ['icons/sw.js', 'public, max-age=300'],
  ])('Cache-Control of %s: %s', (file, cache) => {
    expect(cacheControlFor(file)).toBe(cache);
  });

  it('knows the usual mime types', () => {
    expect(mimeType('x.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeType('x.WOFF2')).toBe('font/woff2');
    expect(mimeType('x.wasm')).toBe('application/wasm');
    expect(mimeType('x.unknown')).toBe('application/octet-stream');
  });
});
