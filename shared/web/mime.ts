// Content types of the files the app serves: the built renderer under app:// (src-main/protocol.ts) and from the web
// host (src-server/http/static-files.ts). Pure TypeScript (no node:path): main and server both import it.

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

export const DEFAULT_MIME_TYPE = 'application/octet-stream';

/** The extension of a path's last segment, lower-cased, as path.extname finds it ('' for "name" and ".env"). */
export function extensionOf(filePath: string): string {
  // Both separators: the desktop app runs on Windows.
  const name = filePath.slice(Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

export const mimeTypeOf = (filePath: string): string => MIME_TYPES[extensionOf(filePath)] ?? DEFAULT_MIME_TYPE;
