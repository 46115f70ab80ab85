// Response helpers. Every API error is JSON `{error:{code,message}}` (shared/sync/protocol.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_ERROR_STATUS, type ApiError, type ApiErrorBody, type ApiErrorCode } from '../../shared/sync/protocol';
import { WEB_HOST_CSP } from '../../shared/web/csp';
import { COMPRESS_MIN_BYTES, encodeBody, negotiateEncoding } from './compress';

/** Content-Security-Policy of every response: the web host loads only its own files (shared/web/csp.ts). */
export const CSP = WEB_HOST_CSP;

export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

/**
 * A body already written as JSON, text or UTF-8 bytes (the batch pull writes its answer from the stored documents' own
 * JSON, so that no document is parsed and serialized again); sendJson sends it as it is.
 */
export class JsonText {
  constructor(readonly json: string | Buffer) {}
}

/** The Vary header with `name` added to what is already set (CORS sets `Vary: Origin` first). */
function varyWith(res: ServerResponse, name: string): string {
  const set = res.getHeader('Vary');
  const current = Array.isArray(set) ? set.join(', ') : set === undefined ? '' : String(set);
  const names = current.split(',').map((v) => v.trim()).filter((v) => v !== '');
  if (names.some((v) => v === '*' || v.toLowerCase() === name.toLowerCase())) return names.join(', ');
  return [...names, name].join(', ');
}

/**
 * Sends a JSON answer (`body` serialized, or a JsonText as it is). Compressed when the request accepts brotli or gzip
 * and the body is over COMPRESS_MIN_BYTES; compressing runs on zlib's thread pool, so the answer is written a moment
 * later (the caller does not wait for it: nothing is written to `res` after this call but the answer).
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const json = body instanceof JsonText ? body.json : JSON.stringify(body);
  const base: Record<string, string> = {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    Vary: varyWith(res, 'Accept-Encoding'),
    ...headers,
  };
  // `res.req` is the request this answers (Node ≥ 15.7); a HEAD answer carries no body to compress.
  const req = res.req as IncomingMessage | undefined;
  const acceptEncoding = req?.method === 'HEAD' ? undefined : req?.headers['accept-encoding'];
  const length = typeof json === 'string' ? Buffer.byteLength(json) : json.length;
  if (length <= COMPRESS_MIN_BYTES || negotiateEncoding(acceptEncoding) === undefined) {
    res.writeHead(status, { ...base, 'Content-Length': String(length) });
    res.end(json);
    return;
  }
  encodeBody(typeof json === 'string' ? Buffer.from(json, 'utf8') : json, acceptEncoding)
    .then((encoded) => {
      // The client may have gone away meanwhile; then there is nobody to answer.
      if (res.headersSent || res.destroyed) return;
      res.writeHead(status, {
        ...base,
        ...(encoded.encoding ? { 'Content-Encoding': encoded.encoding } : {}),
        'Content-Length': String(encoded.body.length),
      });
      res.end(encoded.body);
    })
    .catch(() => res.destroy());
}

/** An expected failure of a request, as a value; the router turns it into a response. */
export type Failure = { error: ApiError; headers?: Record<string, string> };

export function failure(code: ApiErrorCode, message: string, extra: Omit<ApiError, 'code' | 'message'> = {}, headers?: Record<string, string>): Failure {
  return headers ? { error: { code, message, ...extra }, headers } : { error: { code, message, ...extra } };
}

export function sendFailure(res: ServerResponse, f: Failure): void {
  const body: ApiErrorBody = { error: f.error };
  sendJson(res, API_ERROR_STATUS[f.error.code], body, f.headers ?? {});
}
