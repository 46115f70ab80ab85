// The web host: serves the built renderer (vite build → dist/renderer) with an SPA fallback to index.html.
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { mimeTypeOf } from '../../shared/web/mime';
import { REVALIDATED_FILES } from '../../shared/web/pwa';
import { failure, sendFailure, sendJson } from './respond';

/** The content type of a file, by its extension (shared/web/mime.ts, as the desktop app serves it). */
export const mimeType = (file: string): string => mimeTypeOf(file);

const MISSING_BUILD_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>邻里工作台</title>
<style>body{font-family:system-ui,"Microsoft YaHei",sans-serif;max-width:40em;margin:4em auto;padding:0 1em;line-height:1.7}code{background:#f2f2f2;padding:.1em .4em}</style>
</head><body><h1>邻里工作台网页版尚未构建</h1>
<p>服务器已经启动，但找不到网页文件。请在项目目录中先运行：</p>
<p><code>npm run build:renderer</code></p>
<p>然后刷新本页面。（同步接口 <code>/api/v1/</code> 不受影响。）</p></body></html>`;

export type StaticHost = {
  /** Answers a GET/HEAD request for a path outside /api/. */
  handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void>;
};

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text files worth compressing (the renderer bundle shrinks to about a quarter). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt', '.webmanifest', '.wasm']);
const MAX_COMPRESS_BYTES = 20 * 1024 * 1024;

type Encoding = 'br' | 'gzip';

export function pickEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = acceptEncoding
    .toLowerCase()
    .split(',')
    .map((p) => p.trim().split(';'))
    .filter(([, q]) => q === undefined || !/^\s*q=0(\.0*)?\s*$/.test(q))
    .map(([name]) => name?.trim());
  if (accepted.includes('br')) return 'br';
  if (accepted.includes('gzip')) return 'gzip';
  return undefined;
}

/** Vite puts content-hashed files under assets/: they never change, so browsers may keep them for a year. */
const IMMUTABLE_DIR = 'assets';

/**
 * Cache-Control of a file of the built renderer, by its path under the root. Hashed assets are immutable; index.html,
 * the service worker and the manifest keep their names across versions, so browsers must revalidate them on every
 * use (`no-cache`): that is how an open page learns of a new version (issue #16). Anything else (fonts, icons) may be
 * reused for five minutes; the service worker precaches those by content revision anyway.
 */
export function cacheControlFor(relative: string): string {
  if (relative.startsWith(`${IMMUTABLE_DIR}/`)) return 'public, max-age=31536000, immutable';
  if (REVALIDATED_FILES.includes(relative)) return 'no-cache';
  return 'public, max-age=300';
}

export function createStaticHost(rootDir: string): StaticHost {
  const root = path.resolve(rootDir);
  let realRoot: string | undefined;
  // Compressed bodies, keyed by file, encoding, size and mtime: a rebuilt file gets a new key.
  const compressed = new Map<string, Promise<Buffer>>();

  function compressedBody(file: string, encoding: Encoding, version: string): Promise<Buffer> {
    const key = `${encoding}:${version}:${file}`;
    let body = compressed.get(key);
    if (!body) {
      body = readFile(file).then((raw) =>
        encoding === 'br'
          ? brotli(raw, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
          : gzipAsync(raw, { level: 9 }),
      );
      body.catch(() => compressed.delete(key));
      if (compressed.size > 200) compressed.clear();
      compressed.set(key, body);
    }
    return body;
  }

  async function resolveRoot(): Promise<string | undefined> {
    if (realRoot) return realRoot;
    try {
      realRoot = await realpath(root);
      return realRoot;
    } catch {
      return undefined;
    }
  }

  async function sendFile(req: IncomingMessage, res: ServerResponse, file: string, cacheControl: string): Promise<boolean> {
    let info;
    try {
      info = await stat(file);
    } catch {
      return false;
    }
    if (!info.isFile()) return false;
    const version = `${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}`;
    const encoding = COMPRESSIBLE.has(path.extname(file).toLowerCase()) && info.size <= MAX_COMPRESS_BYTES ? pickEncoding(req.headers['accept-encoding']) : undefined;
    const etag = `W/"${version}${encoding ? `-${encoding}` : ''}"`;
    const headers: Record<string, string> = {
      'Content-Type': mimeType(file),
      'Cache-Control': cacheControl,
      ETag: etag,
      'Last-Modified': info.mtime.toUTCString(),
      Vary: 'Accept-Encoding',
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    if (encoding) {
      let body: Buffer;
      try {
        body = await compressedBody(file, encoding, version);
      } catch {
        return false;
      }
      headers['Content-Encoding'] = encoding;
      headers['Content-Length'] = String(body.length);
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    }
    headers['Content-Length'] = String(info.size);
    res.writeHead(200, headers);
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    await new Promise<void>((resolve) => {
      const stream = createReadStream(file);
      stream.on('error', () => {
        res.destroy();
        resolve();
      });
      stream.on('end', resolve);
      stream.pipe(res);
    });
    return true;
  }

  return {
    async handle(req, res, pathname) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendFailure(res, failure('METHOD_NOT_ALLOWED', 'only GET and HEAD are served here', {}, { Allow: 'GET, HEAD' }));
        return;
      }
      let decoded: string;
      try {
        decoded = decodeURIComponent(pathname);
      } catch {
        sendFailure(res, failure('BAD_REQUEST', 'malformed path'));
        return;
      }
      // Refuse anything that could name a file outside the root, before touching the file system: "..", NUL,
      // backslashes (Windows separators) and drive letters.
      const segments = decoded.split('/');
      if (decoded.includes('\0') || decoded.includes('\\') || segments.some((s) => s === '..' || /^[a-zA-Z]:$/.test(s))) {
        sendFailure(res, failure('FORBIDDEN', 'path outside the web root'));
        return;
      }
      const base = await resolveRoot();
      const indexFile = base === undefined ? undefined : path.join(base, 'index.html');
      if (base === undefined || indexFile === undefined) {
        const body = MISSING_BUILD_PAGE;
        res.writeHead(503, {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Length': String(Buffer.byteLength(body)),
          'Cache-Control': 'no-store',
        });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
      const relative = segments.filter((s) => s !== '' && s !== '.').join('/');
      // Dot-files (.env, .git…) are never part of a vite build; do not serve them if someone copied them in.
      if (relative.split('/').some((s) => s.startsWith('.'))) {
        sendJson(res, 404, { error: { code: 'NOT_FOUND', message: 'not found' } });
        return;
      }
      const candidate = path.resolve(base, relative);
      let real: string | undefined;
      try {
        real = await realpath(candidate);
      } catch {
        real = undefined;
      }
      if (real !== undefined && real !== base && !real.startsWith(base + path.sep)) {
        // A symlink that leads out of the web root.
        sendFailure(res, failure('FORBIDDEN', 'path outside the web root'));
        return;
      }
      if (real !== undefined && real !== base) {
        if (await sendFile(req, res, real, cacheControlFor(relative))) return;
      }
      // SPA fallback: a path without a file extension is a client-side route; a missing asset stays a 404 so that a
      // browser never runs index.html as a script.
      const last = segments[segments.length - 1] ?? '';
      if (path.extname(last) === '' || relative === '') {
        if (await sendFile(req, res, indexFile, 'no-cache')) return;
        const body = MISSING_BUILD_PAGE;
        res.writeHead(503, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
      sendJson(res, 404, { error: { code: 'NOT_FOUND', message: 'not found' } });
    },
  };
}
