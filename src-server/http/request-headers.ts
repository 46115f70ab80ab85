// What the server reads from request headers. The sync client's own header names come from the shared protocol.
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { HEADERS } from '../../shared/sync/protocol';
import { isStorableText } from './json-safety';

/** A header's first value; names are case-insensitive. */
export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The client's address. Behind a trusted proxy: the last X-Forwarded-For entry, the one the proxy itself appended
 * (earlier entries come from the client and could name any address, which would defeat login throttling).
 */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = header(req, 'x-forwarded-for')?.split(',').at(-1)?.trim();
    if (fwd && isIP(fwd) !== 0) return fwd;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/** Whether the request reached us over TLS: only a trusted proxy can say so (this server speaks plain http). */
export function viaHttps(req: IncomingMessage, trustProxy: boolean): boolean {
  return trustProxy && header(req, 'x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}

/** The installation the client names (HEADERS.device), when it is short, storable text without control characters. */
export function deviceId(req: IncomingMessage): string | null {
  const d = header(req, HEADERS.device)?.trim().slice(0, 100);
  // eslint-disable-next-line no-control-regex
  return d && isStorableText(d) && !/[\u0000-\u001f\u007f]/.test(d) ? d : null;
}
