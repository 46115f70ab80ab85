import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Bridge } from '../../../../shared/bridge';
import { ok } from '../../../../shared/result';
import { referencedFontFiles } from '../../../../shared/web/print-assets';
import { FIXTURE_SERVER, financeDisclosure, longJointNotice, pageFullNotice, sealedResolution } from './fixtures';
import { fontSrcOf } from './fonts';
import { noticeHtml, printNotice, saveNoticePdf, verificationUrl } from '.';

const parse = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');
const text = (el: Element | Document | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const FONTS = 'http://127.0.0.1:8787/fonts/';

afterEach(() => {
  delete window.linli;
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('noticeHtml', () => {
  it('is one locked-down document: no script, fonts only from the font folder, inline styles', async () => {
    const html = await noticeHtml(sealedResolution(), { serverUrl: FIXTURE_SERVER, fontBaseUrl: FONTS });
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|\ssrc=/i);
    const csp = parse(html).querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content');
    expect(csp).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src http://127.0.0.1:8787");
    expect(html).toContain('url("http://127.0.0.1:8787/fonts/FandolFang-Regular.woff2") format("woff2")');
    expect(html).toContain('url("http://127.0.0.1:8787/fonts/FandolSong-Bold.woff2") format("woff2")');
    expect(html).toContain('local("Noto Serif CJK SC")');
  });

  it('A4 with the GB/T 9704 margins, page numbers outside on odd and even pages, full-width punctuation kept', async () => {
    const html = await noticeHtml(sealedResolution(), { fontBaseUrl: FONTS });
    expect(html).toContain('size: 210mm 297mm;');
    expect(html).toContain('margin: 37mm 26mm 35mm 28mm;');
    expect(html).toMatch(/@page :right \{ @bottom-right \{\s*content: "— " counter\(page\) " —";/);
    expect(html).toMatch(/@page :left \{ @bottom-left \{/);
    expect(html).toContain('font-size: 14pt;');
    expect(html).toContain('text-spacing-trim: space-all;');
    expect(html).toContain('font-size: 22pt;');
  });

  it('A3 scales the same layout', async () => {
    const html = await noticeHtml(sealedResolution({ paper: 'A3' }), { fontBaseUrl: FONTS });
    expect(html).toContain('size: 297mm 420mm;');
    expect(html).toContain('margin: 52.329mm'); // 37 × √2
    expect(await noticeHtml(sealedResolution(), { fontBaseUrl: FONTS, paper: 'A3' })).toContain('size: 297mm 420mm;');
  });

  it('title, 文号, 主送, paragraphs, 公示期, contact, the closing formula, 附件 and the 落款 in order', async () => {
    const doc = parse(await noticeHtml(sealedResolution(), { fontBaseUrl: FONTS, serverUrl: FIXTURE_SERVER }));
    expect(text(doc.querySelector('title'))).toBe('关于东门至3号楼道路修缮的决议公告');
    expect(text(doc.querySelector('h1.title'))).toBe('关于东门至3号楼道路修缮的决议公告');
    const blocks = Array.from(doc.querySelectorAll('article > p, article > div')).map(text);
    expect(blocks.slice(0, 3)).toEqual(['金山业委〔2026〕3号', '全体业主：', expect.stringMatching(/^2026年11月25日，金山花园/)]);
    expect(blocks.slice(-5)).toEqual([
      '公示期：2026年11月28日至2026年12月4日。',
      '联系人：王晓梅 联系电话：13800138000。', // U+3000 between them
      '特此公告。',
      '附件：东门至3号楼道路修缮预算表',
      '金山花园小区业主委员会2026年11月28日 扫码核验公告真伪及状态核验码：Ab3d-Ef7h-Jk9m',
    ]);
  });

  it('sealed: a seal over the 署名 and date, the date 右空四字; unsealed: 署名 右空二字, joint issuers one under another', async () => {
    const sealed = parse(await noticeHtml(sealedResolution(), { fontBaseUrl: FONTS }));
    expect(sealed.querySelectorAll('.sig.sealed.single .seal')).toHaveLength(1);
    expect(sealed.querySelector('.sig.sealed')?.getAttribute('style')).toMatch(/^margin-right:\d+\.\d+px$/);
    const joint = parse(await noticeHtml(longJointNotice(), { fontBaseUrl: FONTS }));
    expect(Array.from(joint.querySelectorAll('.sig.unsealed p')).map(text)).toEqual(['中共金山花园小区支部委员会', '金山花园小区业主委员会', '2026年11月28日']);
    expect(joint.querySelector('.seal')).toBeNull();
    const jointSealed = parse(await noticeHtml(longJointNotice({ sealed: true }), { fontBaseUrl: FONTS }));
    // Two long names: one seal to a row, the last over the date.
    expect(jointSealed.querySelectorAll('.sig.sealed.joint .row')).toHaveLength(2);
    expect(jointSealed.querySelectorAll('.seal')).toHaveLength(2);
    expect(text(jointSealed.querySelector('.col.with-date'))).toBe('金山花园小区业主委员会2026年11月28日');
  });

  it('several attachments are numbered under 附件：', async () => {
    const doc = parse(await noticeHtml(longJointNotice(), { fontBaseUrl: FONTS }));
    expect(text(doc.querySelector('.attachments'))).toBe('附件：1.冬季消防安全隐患排查登记表2.电动自行车集中充电区域分布图');
  });

  it('tables in the body face at a smaller size, money right-aligned', async () => {
    const doc = parse(await noticeHtml(financeDisclosure(), { fontBaseUrl: FONTS }));
    const table = doc.querySelector('.tbl table');
    expect(table?.getAttribute('style')).toBe('font-size:12pt');
    expect(Array.from(table?.querySelectorAll('thead th') ?? []).map(text)).toEqual(['项目', '备注', '本期金额', '本年累计']);
    expect(Array.from(doc.querySelectorAll('.tbl tbody tr:first-child td')).map((td) => td.className)).toEqual(['', '', 'num', 'num']);
    expect(text(doc.querySelector('.tbl-caption'))).toBe('公共收益收支明细表（单位：元）');
  });

  it('the QR box only with a public code and a server: the public address, the short code', async () => {
    const n = sealedResolution();
    expect(verificationUrl(n, FIXTURE_SERVER)).toBe('https://linli.example.org/n/Ab3dEf7hJk9m');
    expect(verificationUrl(n, `${FIXTURE_SERVER}/`)).toBe('https://linli.example.org/n/Ab3dEf7hJk9m');
    expect(verificationUrl(n, null)).toBeNull();
    expect(verificationUrl({ ...n, public: false }, FIXTURE_SERVER)).toBeNull();
    expect(verificationUrl({ ...n, publicCode: undefined }, FIXTURE_SERVER)).toBeNull();
    const doc = parse(await noticeHtml(n, { serverUrl: FIXTURE_SERVER, fontBaseUrl: FONTS }));
    expect(doc.querySelector('.verify svg')).not.toBeNull();
    expect(text(doc.querySelector('.verify'))).toBe('扫码核验公告真伪及状态核验码：Ab3d-Ef7h-Jk9m');
    expect(parse(await noticeHtml(n, { fontBaseUrl: FONTS })).querySelector('.verify')).toBeNull();
  });

  it('a notice that would leave its 署名 alone on a page is closed up to 24 lines a page', async () => {
    const html = await noticeHtml(pageFullNotice(), { serverUrl: FIXTURE_SERVER, fontBaseUrl: FONTS });
    const line = (225 * 96) / 25.4 / 24;
    expect(html).toContain(`line-height: ${+(Math.floor(line * 64) / 64).toFixed(4)}px;`);
    expect(parse(html).querySelector('.closing')?.className).toBe('closing'); // no blank line above it either
  });

  it('escapes what the users typed; a draft says 草稿', async () => {
    const evil = '<script>alert("x")</script>';
    const html = await noticeHtml(sealedResolution({ title: evil, body: evil, issuers: [evil], status: 'draft' }), { fontBaseUrl: FONTS });
    expect(html).not.toContain('<script>');
    const doc = parse(html);
    expect(text(doc.querySelector('h1'))).toBe(evil);
    expect(text(doc.querySelector('.watermark'))).toBe('草稿');
  });

  it('fonts default to fonts/ next to the page', async () => {
    const html = await noticeHtml(sealedResolution());
    expect(html).toContain(`url("${new URL('fonts/', document.baseURI).href}FandolFang-Regular.woff2")`);
  });
});

describe('fonts', () => {
  it('font-src: the origins the fonts come from, \'self\' when relative to the document', () => {
    expect(fontSrcOf({ body: 'app://linli/fonts/a.woff2', title: 'app://linli/fonts/b.woff2' })).toEqual(['app://linli']);
    expect(fontSrcOf({ body: 'http://127.0.0.1:8787/fonts/a.woff2', title: 'http://127.0.0.1:8787/fonts/b.woff2' })).toEqual(['http://127.0.0.1:8787']);
    expect(fontSrcOf({ body: 'fonts/a.woff2', title: 'fonts/b.woff2' })).toEqual(["'self'"]);
  });
});

describe('printNotice / saveNoticePdf through the bridge', () => {
  const stubBridge = (host: 'desktop' | 'web') => {
    const print = vi.fn(async () => ok({ printed: true }));
    const toPdf = vi.fn(async () => ok({ path: '/tmp/x.pdf' }));
    window.linli = {
      'app:info': async () => ok({ version: 't', host, platform: 'linux', userDataPath: '', documentsPath: '' }),
      'print:html': print,
      'print:toPdf': toPdf,
    } as unknown as Bridge;
    return { print, toPdf };
  };

  it('desktop: the document names its fonts relative to itself (main puts them beside it); A3 and copies preset', async () => {
    const { print } = stubBridge('desktop');
    expect(await printNotice(sealedResolution(), { paper: 'A3', copies: 3, fontBaseUrl: FONTS })).toEqual(ok({ printed: true }));
    const arg = (print.mock.calls[0] as unknown as [{ html: string; title: string; copies: number; pageSize: string }])[0];
    expect(arg).toMatchObject({ title: '关于东门至3号楼道路修缮的决议公告', copies: 3, pageSize: 'A3' });
    expect(arg.html).toContain('url("fonts/FandolFang-Regular.woff2") format("woff2")');
    expect(arg.html).toContain("font-src 'self'\">");
    expect(referencedFontFiles(arg.html)).toEqual(['FandolFang-Regular.woff2', 'FandolSong-Bold.woff2']);
  });

  it('web host: the fonts by URL from the app\'s origin; PDF named after the title', async () => {
    const { toPdf } = stubBridge('web');
    await saveNoticePdf(financeDisclosure(), { fontBaseUrl: FONTS, serverUrl: FIXTURE_SERVER });
    const arg = (toPdf.mock.calls[0] as unknown as [{ html: string; fileName: string; pageSize: string }])[0];
    expect(arg.fileName).toBe('金山花园小区2026年第三季度公共收益收支情况公示.pdf');
    expect(arg.pageSize).toBe('A4');
    expect(arg.html).toContain(`url("${FONTS}FandolFang-Regular.woff2")`);
  });
});
