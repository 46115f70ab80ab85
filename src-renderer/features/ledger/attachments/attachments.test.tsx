// 附件 on vouchers, 打印凭证 and the project picker, through the whole app on fake-indexeddb (SPEC L-S1–L-S7).
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { localDate } from '../../../../shared/domain/common/dates';
import { createdFields } from '../../../../shared/domain/common/stamp';
import { chartFromTemplate, templateAccountId } from '../../../../shared/domain/ledger';
import { blobStoreFor, hashBytes } from '../../../db/blobs';
import type { LinliDatabase } from '../../../db/database';
import { currentStamp, setOperatorName } from '../../../db/operator';
import { openTestDatabase, renderApp, teardown } from '../../../testing/render-app';
import { webBridge } from '../../../bridge/web';

let db: LinliDatabase | undefined;
beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  delete window.linli;
  await teardown(db);
  db = undefined;
  setOperatorName(undefined);
});
const theDb = (): LinliDatabase => {
  if (!db) throw new Error('no database');
  return db;
};

const TODAY = localDate(new Date());
const MONTH = TODAY.slice(0, 7);
const BANK = templateAccountId('100201');
const PARKING = templateAccountId('470101');
const GRANT = templateAccountId('440101');

async function seedChart(): Promise<void> {
  const stamp = currentStamp();
  await theDb().accounts.bulkInsert(chartFromTemplate().map((a) => ({ ...a, ...createdFields(stamp) })));
}

type File4 = { hash: string; name: string; mime: 'image/png' | 'application/pdf'; size: number };

async function seedDraft(id: string, extra: Record<string, unknown> = {}): Promise<void> {
  setOperatorName('张会计');
  await theDb().vouchers.insert({
    id,
    date: TODAY,
    period: MONTH,
    summary: '收停车费',
    lines: [
      { id: `${id}-1`, accountId: BANK, debitFen: 50_000, creditFen: 0 },
      { id: `${id}-2`, accountId: PARKING, debitFen: 0, creditFen: 50_000 },
    ],
    status: 'draft',
    preparedBy: '张会计',
    ...extra,
    ...createdFields(currentStamp()),
  });
}

/** Reviewed and posted by 李审核 (not the 制单人), as the app's rules want. */
async function post(id: string): Promise<void> {
  setOperatorName('李审核');
  const doc = await theDb().vouchers.findOne(id).exec();
  const at = new Date().toISOString();
  await doc?.incrementalPatch({ status: 'posted', reviewedBy: '李审核', reviewedAt: at, postedBy: '李审核', postedAt: at });
}

const png = (tag: string, size = 256): Uint8Array<ArrayBuffer> => {
  const b = new Uint8Array(size);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  b.set(new TextEncoder().encode(tag), 8);
  return b;
};
const pdf = (size: number): Uint8Array<ArrayBuffer> => {
  const b = new Uint8Array(size);
  b.set(new TextEncoder().encode('%PDF-1.7\n'));
  return b;
};
const stored = async (id: string) => (await theDb().vouchers.findOne(id).exec())?.toJSON();

async function openVoucher(summary: string): Promise<HTMLElement> {
  await renderApp(theDb(), '#/ledger', { keepStorage: true });
  fireEvent.click(await screen.findByText(summary));
  return screen.findByTestId('voucher-editor');
}

const choose = (...files: File[]): void => {
  fireEvent.change(screen.getByTestId('attachment-input'), { target: { files } });
};

describe('财务台账 — 附件', () => {
  it('attaching a file shows it and saves its hash on the voucher; 附单据张数 follows the files', async () => {
    await seedChart();
    await seedDraft('v1');
    const editor = await openVoucher('收停车费');
    const bytes = png('发票');
    choose(new File([bytes], '发票.png', { type: 'image/png' }));
    expect((await within(editor).findByTestId('attachment-name')).textContent).toBe('发票.png');
    expect(await within(editor).findByTestId('attachment-thumb')).toBeTruthy();
    expect(within(editor).queryByTestId('attachment-error')).toBeNull();
    expect((screen.getByTestId('voucher-attachments') as HTMLInputElement).placeholder).toContain('1');

    fireEvent.click(screen.getByTestId('voucher-save'));
    await waitFor(() => expect(screen.queryByTestId('voucher-editor')).toBeNull());
    expect(await stored('v1')).toMatchObject({
      attachments: [{ hash: hashBytes(bytes), name: '发票.png', mime: 'image/png', size: 256 }],
      attachmentCount: 1,
    });
    // The bytes are on this PC, waiting for the uploader.
    expect(await blobStoreFor(theDb()).has(hashBytes(bytes))).toBe(true);
    expect(await blobStoreFor(theDb()).pendingCount()).toBe(1);
    // The treasurer is told it has not reached a server (this PC never signed in).
    expect((await screen.findByTestId('attachments-upload-wait')).textContent).toBe(
      '有 1 个附件尚未上传到同步服务器：登录同步服务器后会自动上传（设置 → 同步服务器）。在此之前它们只保存在本机。',
    );

    // Removed again while still a draft; a typed 附单据张数 stays as typed.
    fireEvent.click(await screen.findByText('收停车费'));
    await screen.findByTestId('voucher-editor');
    fireEvent.click(await screen.findByTestId('attachment-remove'));
    fireEvent.change(screen.getByTestId('voucher-attachments'), { target: { value: '3' } });
    fireEvent.click(screen.getByTestId('voucher-save'));
    await waitFor(() => expect(screen.queryByTestId('voucher-editor')).toBeNull());
    const after = await stored('v1');
    expect(after?.attachments).toBeUndefined();
    expect(after?.attachmentCount).toBe(3);
  });

  it('a file over 5 MB is refused with a message naming it, and nothing is saved', async () => {
    await seedChart();
    await seedDraft('v1');
    await openVoucher('收停车费');
    // This DOM cannot decode pictures: the photo cannot be scaled down, as with a damaged photo in a browser.
    vi.stubGlobal('createImageBitmap', async () => Promise.reject(new Error('cannot decode')));
    choose(new File([pdf(6 * 1024 * 1024)], '大发票.pdf', { type: 'application/pdf' }), new File([png('x', 6 * 1024 * 1024)], '照片.png', { type: 'image/png' }));
    await waitFor(() => expect(screen.getAllByTestId('attachment-error')).toHaveLength(2));
    expect(screen.getAllByTestId('attachment-error').map((e) => e.textContent)).toEqual([
      '大发票.pdf 超过 5 MB，请压缩或拍照后再附上。',
      // Not made smaller: refused like any other file over the limit.
      '照片.png 超过 5 MB，请压缩或拍照后再附上。',
    ]);
    choose(new File([new TextEncoder().encode('<html>')], '网页.html', { type: 'text/html' }));
    await waitFor(() => expect(screen.getByTestId('attachment-error').textContent).toBe('网页.html 不是图片或 PDF：只能附上 JPG、PNG、WEBP 图片或 PDF 文件。'));
    expect(screen.queryByTestId('attachment')).toBeNull();
    fireEvent.click(screen.getByTestId('voucher-save'));
    await waitFor(() => expect(screen.queryByTestId('voucher-editor')).toBeNull());
    const v = await stored('v1');
    expect(v?.attachments).toBeUndefined();
    expect(v?.attachmentCount).toBeUndefined();
    expect(await blobStoreFor(theDb()).pendingCount()).toBe(0);
  });

  it('a posted voucher shows its attachments read-only, says which are not on this PC, and refuses a change', async () => {
    await seedChart();
    const bytes = png('银行回单');
    const here = await blobStoreFor(theDb()).putBlob(bytes);
    expect(here.ok).toBe(true);
    const files: File4[] = [
      { hash: hashBytes(bytes), name: '银行回单.png', mime: 'image/png', size: 256 },
      { hash: 'e'.repeat(64), name: '拨款通知.pdf', mime: 'application/pdf', size: 90_000 },
    ];
    await seedDraft('v1', { attachments: files, attachmentCount: 2 });
    await post('v1');
    const editor = await openVoucher('收停车费');
    await waitFor(() => expect(within(editor).getAllByTestId('attachment')).toHaveLength(2));
    expect(within(editor).getAllByTestId('attachment-name').map((e) => e.textContent)).toEqual(['银行回单.png', '拨款通知.pdf']);
    expect(await within(editor).findByTestId('attachment-thumb')).toBeTruthy();
    // Not on this PC and no server to ask (not signed in).
    expect((await within(editor).findByTestId('attachment-missing')).textContent).toBe('附件尚未同步到本机');
    expect(within(editor).queryByTestId('attachment-add')).toBeNull();
    expect(within(editor).queryByTestId('attachment-remove')).toBeNull();
    expect((screen.getByTestId('voucher-attachments') as HTMLInputElement).readOnly).toBe(true);

    // Opened in the viewer.
    fireEvent.click(within(editor).getAllByTestId('attachment-open')[0] as HTMLElement);
    const viewer = await screen.findByTestId('attachment-viewer');
    expect(await within(viewer).findByTestId('attachment-image')).toBeTruthy();
    fireEvent.click(within(viewer).getByText('关闭'));
    await waitFor(() => expect(screen.queryByTestId('attachment-viewer')).toBeNull());

    // The app's own rule refuses a change of a posted voucher's files, as the server does.
    const doc = await theDb().vouchers.findOne('v1').exec();
    await expect(doc?.incrementalPatch({ attachments: [] })).rejects.toThrow();
    expect((await stored('v1'))?.attachments).toHaveLength(2);
  });

  it('打印凭证 prints the 记账凭证 with its lines, 附单据, signatures, and the image attachments embedded', async () => {
    await seedChart();
    const bytes = png('回单');
    await blobStoreFor(theDb()).putBlob(bytes);
    const files: File4[] = [
      { hash: hashBytes(bytes), name: '银行回单.png', mime: 'image/png', size: 256 },
      { hash: 'e'.repeat(64), name: '拨款通知.pdf', mime: 'application/pdf', size: 90_000 },
    ];
    await seedDraft('v1', { attachments: files, attachmentCount: 2, counterparty: '金山物业' });
    await post('v1');
    await theDb().settings.insert({ id: 'compound', compoundName: '金山花园', ...createdFields(currentStamp()) } as never).catch(() => undefined);
    const print = vi.fn(async (_a: { html: string; title: string }) => ({ ok: true as const, value: { printed: true } }));
    window.linli = { ...webBridge, 'print:html': print } as never; // a desktop bridge: the rest as the browser's
    await openVoucher('收停车费');
    fireEvent.click(screen.getByTestId('voucher-print'));
    await waitFor(() => expect(print).toHaveBeenCalledTimes(1));
    const html = print.mock.calls[0]![0].html;
    for (const text of [
      '记账凭证',
      '记-1（临时）',
      '收停车费',
      '1002 银行存款',
      '100201 基本存款账户',
      '4701 公共收益收入',
      '¥500.00',
      '附单据 2 张',
      '收付对象：金山物业',
      '制单：张会计',
      '审核：李审核',
      '记账：李审核',
      '银行回单.png（见后页）',
      '拨款通知.pdf（PDF，请另行打印）',
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toContain(`src="data:image/png;base64,`);
    expect(html).not.toContain('<div class="watermark">');
  });
});

describe('财务台账 — 项目', () => {
  it("the line's project cell offers the projects already in the books", async () => {
    await seedChart();
    await seedDraft('v0', {
      summary: '以奖代补资金到账',
      lines: [
        { id: 'a', accountId: BANK, debitFen: 100, creditFen: 0 },
        { id: 'b', accountId: GRANT, debitFen: 0, creditFen: 100, projectId: '以奖代补-电梯' },
      ],
    });
    await seedDraft('v9', { summary: '另一笔', lines: [{ id: 'c', accountId: GRANT, debitFen: 0, creditFen: 1, projectId: '绿化改造' }, { id: 'd', accountId: BANK, debitFen: 1, creditFen: 0 }] });
    await openVoucher('另一笔');
    const options = screen.getByTestId('project-options');
    expect(Array.from(options.querySelectorAll('option')).map((o) => o.value).sort()).toEqual(['以奖代补-电梯', '绿化改造'].sort());
    const project = screen.getByTestId('line-1-project') as HTMLInputElement;
    expect(project.getAttribute('list')).toBe(options.id);
    // Typing a new one is fine too.
    fireEvent.change(project, { target: { value: '充电桩' } });
    expect(project.value).toBe('充电桩');
  });
});
