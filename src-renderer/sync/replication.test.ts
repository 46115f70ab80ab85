import { describe, expect, it } from 'vitest';
import { splitBySize } from './replication';

const row = (id: string, chars: number) => ({ document: { id, text: 'x'.repeat(chars) } });

describe('splitBySize', () => {
  it('keeps every row, in order, in requests under the budget', () => {
    const rows = [row('a', 40), row('b', 40), row('c', 40), row('d', 10)];
    const { batches, oversized } = splitBySize(rows, 170); // a row of 40 chars is 81 bytes, of 10 chars 51
    expect(batches.map((b) => b.map((r) => r.document.id))).toEqual([['a', 'b'], ['c', 'd']]);
    expect(oversized).toEqual([]);
  });

  it('counts bytes, not characters (Chinese text is 3 bytes a character)', () => {
    const rows = [{ document: { id: 'a', text: '会'.repeat(40) } }, { document: { id: 'b', text: '会'.repeat(40) } }];
    expect(splitBySize(rows, 200).batches).toHaveLength(2);
  });

  it('reports a document that can never fit instead of sending it', () => {
    const { batches, oversized } = splitBySize([row('a', 10), row('huge', 500), row('b', 10)], 200);
    expect(batches.flat().map((r) => r.document.id)).toEqual(['a', 'b']);
    expect(oversized).toEqual([expect.objectContaining({ id: 'huge' })]);
  });
});
