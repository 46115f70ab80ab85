import { describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES, attachmentFileProblem, fileSizeText, isBlobHash, sniffAttachmentMime } from './attachments';

const bytes = (...head: number[]) => new Uint8Array([...head, 0, 1, 2, 3]);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const WEBP = bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50);
const PDF = new TextEncoder().encode('%PDF-1.7\n');

describe('L-S2 what may be attached', () => {
  it('knows JPEG, PNG, WEBP and PDF by their bytes, nothing else', () => {
    expect([JPEG, PNG, WEBP, PDF].map(sniffAttachmentMime)).toEqual(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']);
    expect(sniffAttachmentMime(new TextEncoder().encode('<html><script>'))).toBeNull();
    expect(sniffAttachmentMime(bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45))).toBeNull(); // RIFF WAVE
    expect(sniffAttachmentMime(new Uint8Array())).toBeNull();
  });

  it('refuses empty, over 5 MiB and unknown files', () => {
    expect(attachmentFileProblem(PDF)).toBeNull();
    expect(attachmentFileProblem(new Uint8Array())).toBe('FILE_EMPTY');
    const big = new Uint8Array(ATTACHMENT_MAX_BYTES + 1);
    big.set(PDF);
    expect(attachmentFileProblem(big)).toBe('FILE_TOO_LARGE');
    expect(attachmentFileProblem(big.subarray(0, ATTACHMENT_MAX_BYTES))).toBeNull();
    expect(attachmentFileProblem(new TextEncoder().encode('hello'))).toBe('FILE_TYPE_UNSUPPORTED');
  });

  it('hashes are 64 lower-case hex digits; sizes read as people read them', () => {
    expect(isBlobHash('a'.repeat(64))).toBe(true);
    expect(isBlobHash('A'.repeat(64))).toBe(false);
    expect(isBlobHash('a'.repeat(63))).toBe(false);
    expect([900, 35_600, 1_234_567, ATTACHMENT_MAX_BYTES].map(fileSizeText)).toEqual(['900 B', '36 KB', '1.2 MB', '5.2 MB']);
  });
});
