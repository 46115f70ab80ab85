import { describe, expect, it } from 'vitest';
import { tableToCsv } from './table';

describe('tableToCsv', () => {
  it('writes money as plain yuan, leaves generated negatives alone and defuses formulas in text', () => {
    const csv = tableToCsv({
      sheetName: 's',
      columns: [{ header: '摘要' }, { header: '金额', kind: 'money' }, { header: '日期', kind: 'date' }],
      rows: [
        ['=1+1', -500, '2026-01-05'],
        ['a,b', 123_456, null],
      ],
    });
    expect(csv).toBe("\uFEFF摘要,金额,日期\r\n'=1+1,-5.00,2026-01-05\r\n\"a,b\",1234.56,\r\n");
  });
});
