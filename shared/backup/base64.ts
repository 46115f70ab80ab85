// Base64 of bytes without atob/btoa (whose strings of single-byte characters double the memory of a large file) and
// without Node's Buffer (shared/ runs in the renderer too).
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64FromBytes(bytes: Uint8Array): string {
  const parts: string[] = [];
  // Chunks of a multiple of 3 bytes, each encoded through one array of characters.
  const CHUNK = 3 * 16_384;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length);
    const out: string[] = [];
    let i = start;
    for (; i + 2 < end; i += 3) {
      const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
      out.push(ALPHABET[(n >> 18) & 63]!, ALPHABET[(n >> 12) & 63]!, ALPHABET[(n >> 6) & 63]!, ALPHABET[n & 63]!);
    }
    if (end - i === 1) {
      const n = bytes[i]! << 16;
      out.push(ALPHABET[(n >> 18) & 63]!, ALPHABET[(n >> 12) & 63]!, '==');
    } else if (end - i === 2) {
      const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
      out.push(ALPHABET[(n >> 18) & 63]!, ALPHABET[(n >> 12) & 63]!, ALPHABET[(n >> 6) & 63]!, '=');
    }
    parts.push(out.join(''));
  }
  return parts.join('');
}

const LOOKUP: readonly number[] = (() => {
  const t = new Array<number>(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) t[ALPHABET.charCodeAt(i)] = i;
  return t;
})();

/** The bytes of a padded base64 text, or null when it is not one. */
export function bytesFromBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  // Every character but the padding must be of the alphabet.
  const valueAt = (i: number): number => {
    const code = text.charCodeAt(i);
    return code < 128 ? LOOKUP[code]! : -1;
  };
  let o = 0;
  const full = text.length - (padding > 0 ? 4 : 0);
  for (let i = 0; i < full; i += 4) {
    const a = valueAt(i), b = valueAt(i + 1), c = valueAt(i + 2), d = valueAt(i + 3);
    if ((a | b | c | d) < 0) return null;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = (n >> 16) & 255;
    out[o++] = (n >> 8) & 255;
    out[o++] = n & 255;
  }
  if (padding > 0) {
    const i = full;
    const a = valueAt(i), b = valueAt(i + 1), c = padding === 1 ? valueAt(i + 2) : 0;
    if ((a | b | c) < 0) return null;
    const n = (a << 18) | (b << 12) | (c << 6);
    out[o++] = (n >> 16) & 255;
    if (padding === 1) out[o++] = (n >> 8) & 255;
  }
  return out;
}
