import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { version } from '../../package.json';
import type { Bridge } from '../../shared/bridge';
import { base64ToBytes, bytesToBase64 } from './base64';
import { getBridge } from './index';
import { webBridge } from './web';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  delete window.linli;
  document.body.innerHTML = '';
});

describe('web bridge: file:save', () => {
  let blobs: Blob[];
  let clicked: HTMLAnchorElement[];
  beforeEach(() => {
    blobs = [];
    clicked = [];
    // jsdom has no object URLs and does not navigate on click; record both.
    URL.createObjectURL = vi.fn((b: Blob | MediaSource) => {
      blobs.push(b as Blob);
      return `blob:test/${blobs.length}`;
    });
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
  });

  it('downloads utf8 text under the proposed name', async () => {
    vi.useFakeTimers();
    const r = await webBridge['file:save']({
      defaultName: '人员名册.csv',
      content: '姓名,手机\n张建国,13800138000\n',
      encoding: 'utf8',
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
    expect(r).toEqual({ ok: true, value: { path: '人员名册.csv' } });
    expect(clicked).toHaveLength(1);
    expect(clicked[0]?.download).toBe('人员名册.csv');
    expect(clicked[0]?.href).toBe('blob:test/1');
    expect(blobs[0]?.type).toBe('text/csv;charset=utf-8');
    expect(await blobs[0]?.text()).toBe('姓名,手机\n张建国,13800138000\n');
    // The link is removed and the URL released later (revoking at once can cancel the download).
    vi.advanceTimersByTime(0);
    expect(document.querySelector('a[download]')).toBeNull();
    expect(URL.revokeObjectURL).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000);
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:test/1');
  });

  it('decodes base64 content to bytes', async () => {
    const bytes = [0x25, 0x50, 0x44, 0x46, 0x00, 0xff];
    const r = await webBridge['file:save']({
      defaultName: 'notice.pdf',
      content: btoa(String.fromCharCode(...bytes)),
      encoding: 'base64',
      filters: [],
    });
    expect(r.ok).toBe(true);
    expect(blobs[0]?.type).toBe('application/pdf');
    expect([...new Uint8Array(await (blobs[0] as Blob).arrayBuffer())]).toEqual(bytes);
  });

  it('reports bad base64 as an IO error instead of throwing', async () => {
    const r = await webBridge['file:save']({ defaultName: 'x.bin', content: '%%%', encoding: 'base64', filters: [] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('IO');
  });
});

describe('web bridge: file:open', () => {
  const pick = async (act: (input: HTMLInputElement) => void, encoding: 'utf8' | 'base64' = 'utf8') => {
    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      act(this);
    });
    return webBridge['file:open']({ filters: [{ name: '表格', extensions: ['csv', 'txt'] }], encoding });
  };

  it('reads the chosen file as text, accepting only the filtered types', async () => {
    let accept = '';
    const r = await pick((input) => {
      accept = input.accept;
      Object.defineProperty(input, 'files', { value: [new File(['张建国,13800138000'], '名册.csv')] });
      input.dispatchEvent(new Event('change'));
    });
    expect(accept).toBe('.csv,.txt');
    expect(r).toEqual({ ok: true, value: { name: '名册.csv', content: '张建国,13800138000' } });
    expect(document.querySelector('input[type=file]')).toBeNull();
  });

  it('reads binary files as base64', async () => {
    const r = await pick((input) => {
      Object.defineProperty(input, 'files', { value: [new File([new Uint8Array([0, 1, 254, 255])], 'a.bin')] });
      input.dispatchEvent(new Event('change'));
    }, 'base64');
    expect(r).toEqual({ ok: true, value: { name: 'a.bin', content: btoa(String.fromCharCode(0, 1, 254, 255)) } });
  });

  it('returns null when the picker is cancelled', async () => {
    const r = await pick((input) => input.dispatchEvent(new Event('cancel')));
    expect(r).toEqual({ ok: true, value: null });
  });
});

describe('web bridge: print', () => {
  it('prints the document from a hidden frame', async () => {
    const print = vi.fn();
    const appendChild = document.body.appendChild.bind(document.body);
    vi.spyOn(document.body, 'appendChild').mockImplementation(<T extends Node>(node: T): T => {
      appendChild(node);
      if (node instanceof HTMLIFrameElement) {
        expect(node.srcdoc).toContain('<h1>通知</h1>');
        Object.defineProperty(node.contentWindow, 'print', { value: print });
        node.dispatchEvent(new Event('load'));
      }
      return node;
    });
    expect(await webBridge['print:html']({ html: '<!doctype html><h1>通知</h1>', title: '通知' })).toEqual({
      ok: true,
      value: { printed: true },
    });
    expect(print).toHaveBeenCalledTimes(1);
    // The frame goes once the dialog has closed.
    const frame = document.querySelector('iframe');
    frame?.contentWindow?.dispatchEvent(new Event('afterprint'));
    await new Promise((r) => setTimeout(r, 0));
    expect(document.querySelector('iframe')).toBeNull();
  });

  it('print:toPdf opens the same dialog and reports no path (the user saves the PDF there)', async () => {
    const print = vi.fn();
    const appendChild = document.body.appendChild.bind(document.body);
    vi.spyOn(document.body, 'appendChild').mockImplementation(<T extends Node>(node: T): T => {
      appendChild(node);
      if (node instanceof HTMLIFrameElement) {
        Object.defineProperty(node.contentWindow, 'print', { value: print });
        node.dispatchEvent(new Event('load'));
      }
      return node;
    });
    expect(await webBridge['print:toPdf']({ html: '<p>x</p>', fileName: '公告.pdf' })).toEqual({ ok: true, value: { path: null } });
    expect(print).toHaveBeenCalledTimes(1);
  });
});

describe('web bridge: app:info and getBridge', () => {
  it('app:info names the web host and the package version', async () => {
    const r = await webBridge['app:info']({});
    expect(r.ok && r.value).toMatchObject({ host: 'web', version, userDataPath: '' });
  });

  it('getBridge prefers the Electron preload bridge when present', () => {
    expect(getBridge()).toBe(webBridge);
    const desktop = { ...webBridge } as Bridge;
    window.linli = desktop;
    expect(getBridge()).toBe(desktop);
  });
});

describe('web bridge: backups', () => {
  it('has no backups folder: every folder channel answers UNSUPPORTED (the page offers download and upload)', async () => {
    const unsupported = { ok: false, error: { code: 'UNSUPPORTED' } };
    expect(await webBridge['backup:list']({})).toEqual(unsupported);
    expect(await webBridge['backup:lastRun']({})).toEqual(unsupported);
    expect(await webBridge['backup:read']({ fileName: 'a.linlibak' })).toEqual(unsupported);
    expect(await webBridge['backup:saveAs']({ fileName: 'a.linlibak' })).toEqual(unsupported);
    expect(
      await webBridge['backup:write']({
        fileName: 'a.linlibak',
        content: 'eA==',
        reason: 'manual',
        summary: {
          createdAt: '2026-01-01T00:00:00.000Z',
          appVersion: version,
          device: { id: 'd', name: '本机' },
          compound: null,
          counts: {},
          attachments: { count: 0, bytes: 0 },
        },
      }),
    ).toEqual(unsupported);
  });

  it('a backup downloads as bytes through file:save and comes back unchanged through file:open', async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) % 256); // more than one 32 KiB chunk
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob | MediaSource) => {
      blobs.push(b as Blob);
      return 'blob:test/backup';
    });
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const content = bytesToBase64(bytes);
    expect(await webBridge['file:save']({ defaultName: '备份.linlibak', content, encoding: 'base64', filters: [] })).toMatchObject({ ok: true });
    const saved = new Uint8Array(await (blobs[0] as Blob).arrayBuffer());
    expect(saved).toEqual(bytes);
    expect(base64ToBytes(content)).toEqual(bytes);

    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      Object.defineProperty(this, 'files', { value: [new File([saved], '备份.linlibak')] });
      this.dispatchEvent(new Event('change'));
    });
    const opened = await webBridge['file:open']({ filters: [{ name: '邻里工作台备份', extensions: ['linlibak'] }], encoding: 'base64' });
    expect(opened).toEqual({ ok: true, value: { name: '备份.linlibak', content } });
  });
});
