// Response helpers. Every API error is JSON `{error:{code,message}}` (shared/sync/protocol.ts).
import type { ServerResponse } from 'node:http';
import { API_ERROR_STATUS, type ApiError, type ApiErrorBody, type ApiErrorCode } from '../../shared/sync/protocol';
import { WEB_HOST_CSP } from '../../shared/web/csp';

/** Content-Security-Policy of every response: the web host loads only its own files (shared/web/csp.ts). */
export const CSP = WEB_HOST_CSP;

export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
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
