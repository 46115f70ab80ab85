// Reads a JSON request body with a size limit.
import type { IncomingMessage } from 'node:http';
import type { Result } from '../../shared/result';
import { failure, type Failure } from './respond';

/**
 * Whether the body is declared as JSON. Requiring it keeps "simple" cross-origin requests (text/plain forms, which a
 * browser sends without asking) away from every JSON endpoint.
 */
export function isJsonContentType(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  if (typeof type !== 'string') return false;
  return (type.split(';')[0] ?? '').trim().toLowerCase() === 'application/json';
}

/** Reads a JSON body sent as application/json, at most maxBytes long. */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<Result<unknown, Failure>> {
  const text = await readJsonText(req, maxBytes);
  return text.ok ? parseJsonText(text.value) : text;
}

/** Parses a body read by readJsonText. */
export function parseJsonText(text: string): Result<unknown, Failure> {
  if (text.trim() === '') return { ok: false, error: failure('BAD_REQUEST', 'request body must be JSON') };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, error: failure('BAD_REQUEST', 'request body is not valid JSON') };
  }
}

/**
 * The text of a body sent as application/json, at most maxBytes long, not yet parsed (so that a slow upload can be
 * waited for without holding anything, and the parsing done later in the compound's turn).
 */
export async function readJsonText(req: IncomingMessage, maxBytes: number): Promise<Result<string, Failure>> {
  if (!isJsonContentType(req)) {
    req.resume();
    return { ok: false, error: failure('UNSUPPORTED_MEDIA_TYPE', 'send the body as Content-Type: application/json', {}, { Connection: 'close' }) };
  }
  const raw = await readRawBody(req, maxBytes, `request body larger than ${maxBytes} bytes`);
  return raw.ok ? { ok: true, value: raw.value.toString('utf8') } : raw;
}

/**
 * The raw body, at most maxBytes long: PAYLOAD_TOO_LARGE (with `tooLargeMessage`) at once when the declared length is
 * over, else after draining what was sent; the connection is closed after the answer.
 */
export async function readRawBody(req: IncomingMessage, maxBytes: number, tooLargeMessage: string): Promise<Result<Buffer, Failure>> {
  const tooLarge = failure('PAYLOAD_TOO_LARGE', tooLargeMessage, {}, { Connection: 'close' });
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    // Answer at once; the connection is closed after the answer, so the rest of the upload is not waited for.
    req.resume();
    return { ok: false, error: tooLarge };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  try {
    for await (const chunk of req) {
      const buf = chunk as Buffer;
      size += buf.length;
      if (size > maxBytes) {
        over = true;
        // Keep draining (discarding) so that the client can read our answer, unless it goes on far too long.
        if (size > maxBytes * 4) {
          req.destroy();
          break;
        }
        continue;
      }
      chunks.push(buf);
    }
  } catch {
    return { ok: false, error: failure('BAD_REQUEST', 'request body could not be read') };
  }
  return over ? { ok: false, error: tooLarge } : { ok: true, value: Buffer.concat(chunks) };
}
