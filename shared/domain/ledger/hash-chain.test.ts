import { describe, expect, it } from 'vitest';
import { pv } from './fixtures';
import { chainOf, changedFields, GENESIS_HASH, linkHash, sha256Hex, verifyChain } from './hash-chain';
import type { Voucher } from './types';

const vs = [pv('a', '2026-03-01', 't1'), pv('b', '2026-03-02', 't2'), pv('c', '2026-03-03', 't3')];
const chain = chainOf(vs.map((voucher, i) => ({ voucher, number: i + 1 })));

describe('L-H1–L-H3 the chain', () => {
  it('L-H2 SHA-256 (known vector) and each link covers the previous', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(chain[0]?.hash).toBe(linkHash(vs[0] as Voucher, 1, GENESIS_HASH));
    expect(chain[1]?.hash).toBe(linkHash(vs[1] as Voucher, 2, chain[0]?.hash as string));
  });
  it('L-H1 reversedBy (added later) is not covered; the number is', () => {
    expect(linkHash({ ...(vs[0] as Voucher), reversedBy: 'r' }, 1, GENESIS_HASH)).toBe(chain[0]?.hash);
    expect(linkHash(vs[0] as Voucher, 2, GENESIS_HASH)).not.toBe(chain[0]?.hash);
  });
});

describe('L-H4–L-H6 verifyChain', () => {
  it('L-H4 the untouched books verify', () => expect(verifyChain(vs, chain)).toEqual([]));
  it('L-H5 an edit names the voucher, and the field when the hashed version is known', () => {
    const b = vs[1] as Voucher;
    const tampered: Voucher = { ...b, lines: b.lines.map((l, i) => (i === 0 ? { ...l, debitFen: 1 } : l)) };
    const books = [vs[0] as Voucher, tampered, vs[2] as Voucher];
    expect(verifyChain(books, chain)).toEqual([{ code: 'VOUCHER_ALTERED', voucherId: 'b', period: '2026-03', number: 2 }]);
    expect(verifyChain(books, chain, { hashedVersion: (id) => vs.find((v) => v.id === id) })).toEqual([
      { code: 'VOUCHER_ALTERED', voucherId: 'b', period: '2026-03', number: 2, fields: ['lines.ba.debitFen'] },
    ]);
  });
  it('L-H5 a deleted voucher and an injected one', () => {
    const injected = pv('z', '2026-03-15', 't9');
    expect(verifyChain([vs[0] as Voucher, vs[2] as Voucher, injected], chain).map((p) => `${p.code}:${p.voucherId}`)).toEqual(['VOUCHER_MISSING:b', 'VOUCHER_UNCHAINED:z']);
    expect(verifyChain([injected], [], { closedPeriods: ['2026-03'] })[0]?.code).toBe('VOUCHER_UNCHAINED');
  });
  it('L-H6 changedFields lists header fields and lines', () => {
    const a = vs[0] as Voucher;
    expect(changedFields(a, { ...a, summary: 'x', date: '2026-03-02', lines: [a.lines[0] as never] }, 1)).toEqual(['date', 'summary', 'lines.ab']);
  });
});

describe('L-S4 attachments in the chain', () => {
  const a = vs[0] as Voucher;
  const file = (hash: string, name = '发票.jpg') => ({ hash, name, mime: 'image/jpeg' as const, size: 1234 });
  const withFiles: Voucher = { ...a, attachments: [file('1'.repeat(64)), file('2'.repeat(64), '收据.pdf')] };

  it('no attachments, or an empty list, hash exactly as before attachments existed', () => {
    expect(linkHash({ ...a, attachments: [] }, 1, GENESIS_HASH)).toBe(chain[0]?.hash);
    expect(verifyChain([{ ...a, attachments: [] }, vs[1] as Voucher, vs[2] as Voucher], chain)).toEqual([]);
  });

  it('the files are covered by their hashes: adding, swapping or dropping one alters the link', () => {
    const link = linkHash(withFiles, 1, GENESIS_HASH);
    expect(link).not.toBe(chain[0]?.hash);
    const stored = chainOf([{ voucher: withFiles, number: 1 }]);
    const swapped: Voucher = { ...withFiles, attachments: [file('3'.repeat(64)), file('2'.repeat(64), '收据.pdf')] };
    const dropped: Voucher = { ...withFiles, attachments: [] };
    for (const altered of [swapped, dropped]) {
      expect(verifyChain([altered], stored, { hashedVersion: () => withFiles })).toEqual([
        { code: 'VOUCHER_ALTERED', voucherId: a.id, period: a.period, number: 1, fields: ['attachments'] },
      ]);
    }
    // The order is part of it; the file name shown is not (the content is).
    expect(linkHash({ ...withFiles, attachments: [...(withFiles.attachments ?? [])].reverse() }, 1, GENESIS_HASH)).not.toBe(link);
    expect(linkHash({ ...withFiles, attachments: withFiles.attachments?.map((f) => ({ ...f, name: '改名.jpg' })) }, 1, GENESIS_HASH)).toBe(link);
  });

  it('changedFields names attachments added to a voucher that had none', () => {
    expect(changedFields(a, withFiles, 1)).toEqual(['attachments']);
  });
});
