// Supporting documents of a voucher (发票, 收据 photos or scans; SPEC L-S1–L-S3): what a file must be to be attached,
// judged the same way by the app before it stores one and by the server before it keeps the bytes. Pure: bytes in,
// coded results out.
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MIMES, type AttachmentMime } from '../../schema/vouchers';
import type { VoucherAttachment } from './types';

export { ATTACHMENT_MAX_BYTES, ATTACHMENT_MIMES, ATTACHMENTS_MAX, type AttachmentMime } from '../../schema/vouchers';

/** A SHA-256 as the blob store names it: 64 lower-case hex digits. */
export const isBlobHash = (x: unknown): x is string => typeof x === 'string' && /^[0-9a-f]{64}$/.test(x);

export const isAttachmentMime = (x: unknown): x is AttachmentMime => typeof x === 'string' && (ATTACHMENT_MIMES as readonly string[]).includes(x);

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0): boolean => sig.every((b, i) => bytes[at + i] === b);

/**
 * L-S2: the type the bytes really are, by their signature — JPEG, PNG, WEBP or PDF — or null. The app attaches by
 * this (a photo's file name or browser type may say anything); the server refuses bytes that are not what they are
 * declared to be.
 */
export function sniffAttachmentMime(bytes: Uint8Array): AttachmentMime | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  return null;
}

export type AttachmentFileProblem =
  | 'FILE_EMPTY'
  | 'FILE_TOO_LARGE' // above ATTACHMENT_MAX_BYTES
  | 'FILE_TYPE_UNSUPPORTED'; // not a JPEG, PNG, WEBP image or a PDF

/** L-S2: a file may be attached when it is not empty, at most 5 MiB and a JPEG, PNG, WEBP or PDF by its bytes. */
export function attachmentFileProblem(bytes: Uint8Array): AttachmentFileProblem | null {
  if (bytes.length === 0) return 'FILE_EMPTY';
  if (bytes.length > ATTACHMENT_MAX_BYTES) return 'FILE_TOO_LARGE';
  if (!sniffAttachmentMime(bytes)) return 'FILE_TYPE_UNSUPPORTED';
  return null;
}

export const isImageAttachment = (a: Pick<VoucherAttachment, 'mime'>): boolean => a.mime.startsWith('image/');

/** 1.2 MB, 356 KB, 900 B: a file's size as people read it (decimal units, as file managers show them). */
export function fileSizeText(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1000) return `${Math.round(bytes / 1000)} KB`;
  return `${bytes} B`;
}
