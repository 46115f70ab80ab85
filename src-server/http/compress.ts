// Compression of the API's JSON answers (issue #14): a first sync pulls megabytes of JSON, which shrinks to a tenth or
// less. Brotli when the client takes it (browsers and Electron do), else gzip, both at a fast setting, and always on
// zlib's thread pool (never the *Sync calls), so that compressing one compound's answer never stalls the event loop.
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';

export type ContentEncoding = 'br' | 'gzip';

/** Bodies up to this many bytes go as they are: compressing them saves less than its headers and time cost. */
export const COMPRESS_MIN_BYTES = 1024;

/**
 * Fast settings, measured on a 6.5 MB first-sync answer (9,500 tasks, progress entries and roster documents) on a
 * 2-core machine: brotli quality 4 takes ~35 ms for 7.9 % of the size, gzip level 4 ~33 ms for 11.6 %. Brotli 5–6 or
 * gzip 6 take twice as long for a few percent less; brotli 1 or gzip 1 save ~10 ms and send half again as many bytes.
 */
export const BROTLI_QUALITY = 4;
export const GZIP_LEVEL = 4;

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The weight `q` of one Accept-Encoding entry: 1 when absent, 0 when it is not a valid qvalue (RFC 9110 §12.4.2). */
function qvalue(params: readonly string[]): number {
  for (const p of params) {
    const m = /^\s*q\s*=\s*(.*?)\s*$/i.exec(p);
    if (!m) continue;
    const v = m[1] ?? '';
    return /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(v) ? Number(v) : 0;
  }
  return 1;
}

/**
 * The coding to answer with, from the request's Accept-Encoding: the accepted one (q > 0) of the highest weight,
 * brotli before gzip at equal weights; `*` stands for any coding the header does not name. Undefined: send as is.
 */
export function negotiateEncoding(acceptEncoding: string | readonly string[] | undefined): ContentEncoding | undefined {
  if (acceptEncoding === undefined) return undefined;
  const text = typeof acceptEncoding === 'string' ? acceptEncoding : acceptEncoding.join(',');
  const weights = new Map<string, number>();
  for (const entry of text.split(',')) {
    const [rawName, ...params] = entry.split(';');
    const name = (rawName ?? '').trim().toLowerCase();
    if (name === '') continue;
    const coding = name === 'x-gzip' ? 'gzip' : name;
    // A coding named twice keeps its highest weight.
    weights.set(coding, Math.max(weights.get(coding) ?? 0, qvalue(params)));
  }
  const weightOf = (coding: ContentEncoding): number => weights.get(coding) ?? weights.get('*') ?? 0;
  const br = weightOf('br');
  const gz = weightOf('gzip');
  if (br <= 0 && gz <= 0) return undefined;
  return br >= gz ? 'br' : 'gzip';
}

/** The body compressed with `encoding`, off the event loop. */
export function compressBody(body: Buffer, encoding: ContentEncoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotliAsync(body, {
        params: {
          [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
          [zlibConstants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
          [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
    : gzipAsync(body, { level: GZIP_LEVEL });
}

export type EncodedBody = { body: Buffer; encoding: ContentEncoding | undefined };

/**
 * The body to send for a request that accepts `acceptEncoding`: compressed when it is over COMPRESS_MIN_BYTES and the
 * client takes brotli or gzip, else as it is (also when compressing failed, which it should not).
 */
export async function encodeBody(body: Buffer, acceptEncoding: string | readonly string[] | undefined): Promise<EncodedBody> {
  const encoding = body.length > COMPRESS_MIN_BYTES ? negotiateEncoding(acceptEncoding) : undefined;
  if (!encoding) return { body, encoding: undefined };
  try {
    return { body: await compressBody(body, encoding), encoding };
  } catch {
    return { body, encoding: undefined };
  }
}
