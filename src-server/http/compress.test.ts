import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { COMPRESS_MIN_BYTES, compressBody, encodeBody, negotiateEncoding } from './compress';

describe('negotiateEncoding', () => {
  it('prefers brotli, then gzip, among what the client takes', () => {
    expect(negotiateEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(negotiateEncoding('gzip, deflate')).toBe('gzip');
    expect(negotiateEncoding('GZIP')).toBe('gzip');
    expect(negotiateEncoding('x-gzip')).toBe('gzip');
    expect(negotiateEncoding(['deflate', 'br'])).toBe('br');
  });

  it('follows the weights: q=0 refuses, a higher q wins, * stands for the others', () => {
    expect(negotiateEncoding('br;q=0, gzip')).toBe('gzip');
    expect(negotiateEncoding('br;q=0.000, gzip;q=0')).toBeUndefined();
    expect(negotiateEncoding('br;q=0.5, gzip;q=0.8')).toBe('gzip');
    expect(negotiateEncoding('br; q=1.0, gzip;q=1')).toBe('br');
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding('br;q=0, *')).toBe('gzip');
    expect(negotiateEncoding('*;q=0')).toBeUndefined();
    // An invalid weight counts as a refusal rather than as a wish.
    expect(negotiateEncoding('br;q=2, gzip;q=abc')).toBeUndefined();
  });

  it('sends as is when nothing usable is accepted', () => {
    expect(negotiateEncoding(undefined)).toBeUndefined();
    expect(negotiateEncoding('')).toBeUndefined();
    expect(negotiateEncoding('identity')).toBeUndefined();
    expect(negotiateEncoding('deflate, zstd')).toBeUndefined();
    expect(negotiateEncoding(' , ;q=1')).toBeUndefined();
  });
});

describe('compressBody and encodeBody', () => {
  const json = Buffer.from(JSON.stringify({ documents: Array.from({ length: 2000 }, (_, i) => ({ id: `t-${i}`, title: `任务 ${i} 楼道灯不亮`, _deleted: false, sync: { seq: i + 1 } })) }));

  it('round-trips with both codings and shrinks JSON', async () => {
    const br = await compressBody(json, 'br');
    const gz = await compressBody(json, 'gzip');
    expect(brotliDecompressSync(br).equals(json)).toBe(true);
    expect(gunzipSync(gz).equals(json)).toBe(true);
    expect(br.length).toBeLessThan(json.length / 5);
    expect(gz.length).toBeLessThan(json.length / 5);
  });

  it('compresses only bodies over the threshold, for a client that accepts it', async () => {
    const big = await encodeBody(json, 'gzip');
    expect(big.encoding).toBe('gzip');
    expect(gunzipSync(big.body).equals(json)).toBe(true);
    const small = Buffer.alloc(COMPRESS_MIN_BYTES, 'a');
    // (Buffers compared by identity: toEqual walks them byte by byte.)
    for (const [body, accept] of [
      [small, 'gzip, br'],
      [json, undefined],
      [json, 'identity'],
    ] as const) {
      const out = await encodeBody(body, accept);
      expect(out.encoding).toBeUndefined();
      expect(out.body).toBe(body);
    }
  });

  it('keeps the event loop free while it works', async () => {
    const large = Buffer.concat(Array.from({ length: 20 }, () => json));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      await Promise.all([compressBody(large, 'br'), compressBody(large, 'gzip')]);
    } finally {
      clearInterval(timer);
    }
    // Synchronous compression would leave no turn for the timer until it finished.
    expect(ticks).toBeGreaterThan(0);
  });
});
