import { describe, expect, it } from 'vitest';
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
  it('hashes non-ASCII ids as UTF-8', () => {
    expect(digestOf([{ id: '会议-1', seq: 5 }]).hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
