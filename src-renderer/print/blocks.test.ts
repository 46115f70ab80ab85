import { describe, expect, it } from 'vitest';
import { headerRow, headerRowPair, headerTable, signatureGrid, signLine, signoff, watermark } from './blocks';
import { printDocument } from './print-document';

describe('print shell blocks', () => {
  it.each([
    ['watermark', watermark('草稿'), '<div class="watermark">草稿</div>'],
    ['headerRow escapes', headerRow('名称', '<b>'), '<tr><th>名称</th><td colspan="3">&lt;b&gt;</td></tr>'],
    ['headerRowPair', headerRowPair('类型', '理事会', '记录人', '王'), '<tr><th>类型</th><td>理事会</td><th>记录人</th><td>王</td></tr>'],
    ['signLine', signLine('主持人签名：'), '<span>主持人签名：<span class="blank"></span></span>'],
    ['signoff drops blank lines', signoff(['某小区党支部', ' ', '2026年11月28日']), '<section class="signoff"><p>某小区党支部</p><p>2026年11月28日</p></section>'],
  ])('%s', (_name, html, expected) => expect(html).toBe(expected));

  it('headerTable has four columns', () =>
    expect(headerTable(['<tr></tr>'])).toBe(
      '<table class="header"><colgroup><col class="label-col"><col><col class="label-col"><col></colgroup><tbody><tr></tr></tbody></table>',
    ));

  it.each([
    [['甲', '乙', '丙', '丁'], 2, 3],
    [[], 2, 3],
  ])('signatureGrid %j fills whole rows', (names, rows, columns) => {
    const html = signatureGrid(names, { columns, blankCells: 6 });
    expect(html.match(/<tr>/g)).toHaveLength(rows);
    expect(html.match(/<td>/g)).toHaveLength(rows * columns);
  });

  it('printDocument is one complete, locked-down HTML document', () => {
    const html = printDocument({ title: 'A & B', bodyHtml: '<p>x</p>' });
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<title>A &amp; B</title>');
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('size: A4');
    expect(html).not.toContain('font-src');
  });

  it('a document with its own stylesheet and fonts: the CSS replaces the shell\'s, the CSP allows those fonts only', () => {
    const html = printDocument({ title: 't', bodyHtml: '', css: '.x{}', fontSrc: ['http://127.0.0.1:8787'] });
    expect(html).toContain('<style>.x{}</style>');
    expect(html).not.toContain('size: A4');
    expect(html).toContain("font-src http://127.0.0.1:8787\">");
  });
});
