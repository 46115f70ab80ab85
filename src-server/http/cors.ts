// CORS for the API. The desktop app's page (app://linli) calls the API cross-origin. Tokens travel in headers, never
// cookies, so no credentials are allowed; other origins get no CORS headers and the browser keeps them out.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HEADERS } from '../../shared/sync/protocol';
import { header } from './request-headers';

/**
 * The request headers a sync client sends. Accept-Encoding (compressed answers) and Accept are set by the browser
 * itself or CORS-safelisted, so they need no entry here and trigger no preflight.
 */
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', HEADERS.protocol, HEADERS.schema, HEADERS.device, HEADERS.compound].join(', ');

/**
 * How long a browser may reuse a preflight's answer. Chromium (the desktop app) caps it at 2 hours, so a client pays
 * one preflight per endpoint URL per 2 hours; with the batch pull (one constant URL) that is one for a whole sync.
 */
export const PREFLIGHT_MAX_AGE_SECONDS = 7200;

/**
 * Sets the CORS headers of an API response. Returns 'preflight-answered' when it answered an allowed preflight,
 * 'preflight-refused' for a preflight from another origin (the caller answers 403), otherwise 'continue'.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowedOrigins: readonly string[]): 'continue' | 'preflight-answered' | 'preflight-refused' {
  const origin = header(req, 'origin');
  const allowed = origin !== undefined && allowedOrigins.includes(origin);
  if (allowed) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After, X-Request-Id');
  }
  res.setHeader('Vary', 'Origin');
  if (req.method !== 'OPTIONS') return 'continue';
  if (!allowed) return 'preflight-refused';
  res.writeHead(204, {
    'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT',
    'Access-Control-Allow-Headers': ALLOWED_HEADERS,
    'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_SECONDS),
  });
  res.end();
  return 'preflight-answered';
}
