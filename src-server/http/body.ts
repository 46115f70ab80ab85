// Reads a JSON request body with a size limit.
import type { IncomingMessage } from 'node:http';
import type { Result } from '../../shared/result';
import { failure, type Failure } from './respond';

export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<Result<unknown, Failure>> {
  const tooLarge = failure('PAYLOAD_TOO_LARGE', `request body larger than ${maxBytes} bytes`, {}, { Connection: 'close' });
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
  if (over) return { ok: false, error: tooLarge };
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { ok: false, error: failure('BAD_REQUEST', 'request body must be JSON') };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, error: failure('BAD_REQUEST', 'request body is not valid JSON') };
  }
}
