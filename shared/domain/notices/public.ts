// N30–N33: the public check page of an issued notice. Residents scan the QR (or type the short code) printed on the
// paper and see the notice as issued and whether it is still current, on the sync server's read-only page.

/** The path of the public page; the code is the notice's unguessable `publicCode`. */
export const PUBLIC_NOTICE_PATH = '/n/';

/** Characters of a public code: digits and letters without look-alikes (0/O, 1/I/l), so it can be typed from paper. */
export const PUBLIC_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz';
export const PUBLIC_CODE_LENGTH = 12;

/** A public code from random bytes (≥ PUBLIC_CODE_LENGTH of them; the caller draws them from crypto). */
export function publicCodeFrom(random: Uint8Array): string {
  if (random.length < PUBLIC_CODE_LENGTH) throw new Error('not enough random bytes');
  let out = '';
  for (let i = 0; i < PUBLIC_CODE_LENGTH; i++) out += PUBLIC_CODE_ALPHABET[(random[i] as number) % PUBLIC_CODE_ALPHABET.length];
  return out;
}

export const isPublicCode = (s: string): boolean => s.length === PUBLIC_CODE_LENGTH && [...s].every((c) => PUBLIC_CODE_ALPHABET.includes(c));

/** The address printed as a QR code: the sync server's origin + /n/<code>. */
export function publicNoticeUrl(serverUrl: string, code: string): string {
  return `${serverUrl.replace(/\/+$/, '')}${PUBLIC_NOTICE_PATH}${code}`;
}

/** How the short code prints under the QR: 4-4-4, easier to read out and type. */
export const shortCodeText = (code: string): string => code.replace(/(.{4})(?=.)/g, '$1-');

/**
 * A code as a resident may type it from the paper (4-4-4 with hyphens or spaces, as shortCodeText prints it) → the
 * code, or null when it cannot be one. Letters keep their case: the alphabet has both.
 */
export function normalizePublicCode(typed: string): string | null {
  if (typed.length > 4 * PUBLIC_CODE_LENGTH) return null;
  const code = typed.replace(/[\s-]/g, '');
  return isPublicCode(code) ? code : null;
}
