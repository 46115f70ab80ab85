// The printed 记账凭证's HTML (L-S5–L-S6): escaping, blank rows, and which images are embedded.
import { describe, expect, it } from 'vitest';
import { chartFromTemplate, templateAccountId } from '../../../../shared/domain/ledger/chart';
import type { Voucher } from '../../../../shared/domain/ledger/types';
import { voucherPrintModel } from '../../../../shared/domain/ledger/voucher-print';
import { err, ok } from '../../../../shared/result';
import { printedImages, voucherPrintHtml } from './voucher';

const img = (hash: string, name: string) => ({ hash: hash.repeat(64), name, mime: 'image/png' as const, size: 10 });
const voucher: Voucher = {
  id: 'v1',
  date: '2026-03-05',
  period: '2026-03',
  summary: '<script>alert(1)</script>',
  lines: [
    { id: 'a', accountId: templateAccountId('100201'), debitFen: 100, creditFen: 0 },
    { id: 'b', accountId: templateAccountId('470101'), debitFen: 0, creditFen: 100 },
  ],
  status: 'draft',
  preparedBy: '张会计',
  attachments: [img('a', '一.png'), img('b', '二.png'), img('c', '三.png')],
};
const model = voucherPrintModel({ voucher, accounts: chartFromTemplate(), number: undefined, compoundName: '金山花园' });
const bytes = new Uint8Array(3000).fill(7);
const store = {
  getBlob: async (hash: string) => (hash.startsWith('c') ? err('MISSING' as const) : ok({ mime: 'image/png', bytes, blob: new Blob([bytes]) })),
};

describe('voucherPrintHtml', () => {
  it('escapes text, pads to five rows, watermarks a draft, and says what became of each image', async () => {
    const images = await printedImages(model, store, 5000);
    expect(images.map((i) => ('dataUrl' in i ? 'embedded' : i.problem))).toEqual(['embedded', 'too_large', 'missing']);
    const html = voucherPrintHtml(model, images);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html.match(/<tr><td><\/td>/g)).toHaveLength(3);
    expect(html).toContain('<div class="watermark">草稿</div>');
    expect(html).toContain('凭证号：（未过账，无凭证号）');
    expect(html).toContain('合计（大写）：壹元整</td>');
    expect(html).toContain('1. 一.png（见后页）');
    expect(html).toContain('2. 二.png（图片过大，未能随凭证打印，请单独打印）');
    expect(html).toContain('3. 三.png（附件尚未同步到本机，未能打印）');
    expect(html.match(/<section class="vp-attachment">/g)).toHaveLength(1);
  });
});
