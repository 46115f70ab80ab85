import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TaskDoc, TaskUpdateDoc } from '../../../../shared/schema';
import { exportFixture } from '../../../../shared/domain/tasks/import-fixtures';
import { printProgressNotice, progressNoticeHtml, printWorkOrder, saveProgressNoticePdf, workOrderHtml } from '.';

const parse = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');
const text = (el: Element | Document | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const settings = { compoundName: '金山花园', branchName: '中共金山花园小区支部委员会' };
const EVIL = '<script>alert("x")</script>';

afterEach(() => {
  delete window.linli;
  vi.restoreAllMocks();
});

describe('progressNoticeHtml', () => {
  const tasks = exportFixture();
  const html = progressNoticeHtml(tasks, { settings, date: '2026-11-28' });
  const doc = parse(html);

  it('is one locked-down A4 document with the compound in the heading', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('size: A4');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|<link|\ssrc=/i);
    expect(text(doc.querySelector('h1'))).toBe('金山花园六方联动任务进展公示');
    expect(text(doc.querySelector('title'))).toBe('金山花园六方联动任务进展公示');
    expect(text(doc.querySelector('.summary'))).toBe('截至2026年11月28日，共2项任务，已办结1项。');
  });

  it('groups by lead party with one row per task and its 责任方, status and date', () => {
    expect(Array.from(doc.querySelectorAll('h2')).map(text)).toEqual(['牵头方：党支部（共1项，已办结1项）', '牵头方：物业公司（共1项，已办结0项）']);
    const row = doc.querySelector('tr[data-task="gl-1"]');
    expect(Array.from(row?.querySelectorAll('td') ?? []).map(text)).toEqual([
      '1',
      '3号楼电梯异响',
      '金山物业服务有限公司 李秀英配合：业委会（王芳）、居民小组',
      '办理中',
      '截止：2026年12月1日',
    ]);
    expect(Array.from(doc.querySelectorAll('thead th')).map(text).slice(0, 5)).toEqual(['序号', '任务', '责任方', '状态', '截止/办结日期']);
  });

  it('signs off with the party branch and the date', () =>
    expect(Array.from(doc.querySelectorAll('.signoff p')).map(text)).toEqual(['中共金山花园小区支部委员会', '2026年11月28日']));

  it('escapes user text', () => {
    const [t] = exportFixture();
    const evil: TaskDoc = { ...(t as TaskDoc), title: EVIL, ownerName: '<b>李</b>', leadOrganizationName: `"'&` };
    const out = progressNoticeHtml([evil], { compoundName: '<i>园</i>', date: '2026-11-28' });
    expect(out).not.toMatch(/<script|<b>|<i>/);
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(out).toContain('&quot;&#39;&amp;');
  });

  it('marks overdue tasks', () => {
    const [t] = exportFixture();
    const late = progressNoticeHtml([t as TaskDoc], { date: '2026-12-05' });
    expect(text(parse(late).querySelector('td.status'))).toBe('办理中已逾期');
  });

  it('prints and saves through the bridge', async () => {
    const print = vi.fn(async () => ({ ok: true as const, value: { printed: true } }));
    const toPdf = vi.fn(async () => ({ ok: true as const, value: { path: '/tmp/x.pdf' } }));
    window.linli = { 'print:html': print, 'print:toPdf': toPdf } as unknown as NonNullable<typeof window.linli>;
    expect(await printProgressNotice(tasks, { settings, date: '2026-11-28' })).toEqual({ ok: true, value: { printed: true } });
    expect(print).toHaveBeenCalledWith({ html: expect.stringContaining('进展公示') as unknown, title: '金山花园六方联动任务进展公示' });
    await saveProgressNoticePdf(tasks, { settings, date: '2026-11-28' });
    expect(toPdf).toHaveBeenCalledWith({ html: expect.any(String) as unknown, fileName: '金山花园六方联动任务进展公示-2026-11-28.pdf' });
  });
});

describe('workOrderHtml', () => {
  const [task] = exportFixture();
  const PNG = 'data:image/png;base64,iVBORw0KGgo=';
  const at = (s: string) => ({ createdAt: s, updatedAt: s, createdBy: '录入员', updatedBy: '录入员', at: s });
  const updates: TaskUpdateDoc[] = [
    { id: 'u2', ...at('2026-11-27T01:00:00.000Z'), taskId: 'gl-1', kind: 'progress', text: `已联系维保单位\n${EVIL}`, authorName: '李秀英', party: 'property', photos: [{ id: 'p', name: '现场', dataUrl: PNG }] },
    { id: 'u1', ...at('2026-11-25T03:00:00.000Z'), taskId: 'gl-1', kind: 'status', action: 'sign', fromStatus: 'pending', toStatus: 'signed', text: '签收：待分派 → 已签收' },
  ];
  const html = workOrderHtml(task as TaskDoc, updates, { settings, date: '2026-11-28' });
  const doc = parse(html);

  it('heads with the task and its particulars', () => {
    expect(text(doc.querySelector('h1'))).toBe('金山花园六方联动工作单');
    const header = new Map(Array.from(doc.querySelectorAll('table.header th')).map((th) => [text(th), text(th.nextElementSibling)]));
    expect(header.get('任务')).toBe('3号楼电梯异响');
    expect(header.get('责任人')).toBe('李秀英');
    expect(header.get('配合方')).toBe('业委会（王芳）、居民小组');
    expect(header.get('截止日期')).toBe('2026年12月1日');
  });

  it('lists the log oldest first with thumbnails, escaped', () => {
    const rows = Array.from(doc.querySelectorAll('table.log tbody tr'));
    expect(rows.map((r) => r.getAttribute('data-entry'))).toEqual(['u1', 'u2']);
    expect(text(rows[0])).toContain('签收：待分派 → 已签收');
    expect(rows[1]?.querySelector('img')?.getAttribute('src')).toBe(PNG);
    expect(html).not.toContain('<script>');
    expect(text(rows[1])).toContain(EVIL);
    expect(text(doc.querySelector('.printed-on'))).toBe('打印日期：2026年11月28日');
  });

  it('says when there is no log yet', () => expect(text(parse(workOrderHtml(task as TaskDoc, [])).querySelector('.work-order'))).toContain('暂无办理记录。'));

  it('prints through the bridge', async () => {
    const print = vi.fn(async () => ({ ok: true as const, value: { printed: true } }));
    window.linli = { 'print:html': print } as unknown as NonNullable<typeof window.linli>;
    await printWorkOrder(task as TaskDoc, updates, { settings });
    expect(print).toHaveBeenCalledWith({ html: expect.stringContaining('工作单') as unknown, title: '金山花园六方联动工作单 3号楼电梯异响' });
  });
});
