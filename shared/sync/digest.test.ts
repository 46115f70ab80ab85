import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { digestOf } from './digest';

describe('digestOf', () => {
  it('does not depend on order, and changes with any id or seq', () => {
    const a = digestOf([{ id: 'b', seq: 2 }, { id: 'a', seq: 1 }]);
    expect(a).toEqual(digestOf([{ id: 'a', seq: 1 }, { id: 'b', seq: 2 }]));
    expect(a.count).toBe(2);
    expect(a.maxSeq).toBe(2);
    expect(a.hash).not.toBe(digestOf([{ id: 'a', seq: 1 }, { id: 'b', seq: 3 }]).hash);
    expect(a.hash).not.toBe(digestOf([{ id: 'a', seq: 1 }]).hash);
    expect(digestOf([]).hash).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
  it('is SHA-256 over the sorted "id:seq" lines, however many (the server and old clients hash line by line)', () => {
    const entries = Array.from({ length: 5000 }, (_, i) => ({ id: `会议-${String(4999 - i).padStart(5, '0')}`, seq: i + 1 }));
    const lines = [...entries].sort((a, b) => (a.id < b.id ? -1 : 1)).map((e) => `${e.id}:${e.seq}\n`).join('');
    expect(digestOf(entries).hash).toBe(bytesToHex(sha256(utf8ToBytes(lines))));
  });
  it('hashes non-ASCII ids as UTF-8', () => {
    expect(digestOf([{ id: '会议-1', seq: 5 }]).hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
