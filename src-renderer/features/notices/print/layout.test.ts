import { describe, expect, it } from 'vitest';
import { financeDisclosure, longJointNotice, pageFullNotice, sealedResolution } from './fixtures';
import {
  A4_PAGE,
  MAX_LINES_PER_PAGE,
  NOTICE_GRID,
  bodyParts,
  bodyParagraphs,
  contactText,
  estimateNoticeLines,
  estimatePages,
  pageGeometry,
  postingPeriodText,
  signatureContentLines,
  signatureGap,
  signaturePlan,
  textCells,
  titlePieces,
} from './layout';

const PX_PER_MM = 96 / 25.4;

describe('the GB/T 9704 page grid', () => {
  it('is 22 lines of 28 characters', () => expect(NOTICE_GRID).toEqual({ linesPerPage: 22, charsPerLine: 28 }));

  it('A4: margins 37 / 28 / 26 / 35 mm leave the 156 × 225 mm text block', () => {
    const g = pageGeometry('A4');
    expect([g.width, g.height, g.top, g.left, g.right, g.bottom]).toEqual([210, 297, 37, 28, 26, 35]);
    expect([g.blockWidth, g.blockHeight]).toEqual([156, 225]);
    expect(g.fontPx).toBeCloseTo((16 * 96) / 72, 6);
  });

  it.each(['A4', 'A3'] as const)('%s: exactly 28 cells fit a line and 22 lines the block (rounded down, never over)', (paper) => {
    const g = pageGeometry(paper);
    const line = g.blockWidth * PX_PER_MM;
    const cell = g.fontPx + g.letterSpacingPx;
    expect(28 * cell).toBeLessThanOrEqual(line);
    expect(29 * cell).toBeGreaterThan(line);
    expect(28 * cell).toBeGreaterThan(line - 0.5);
    expect(22 * g.linePx).toBeLessThanOrEqual(g.blockHeight * PX_PER_MM);
    expect(22 * g.linePx).toBeGreaterThan(g.blockHeight * PX_PER_MM - 0.5);
    // A slight negative spacing: the 1 em hanzi is a little wider than its 156/28 mm cell.
    expect(g.letterSpacingPx).toBeLessThan(0);
    expect(g.letterSpacingPx).toBeGreaterThan(-0.5 * g.scale);
  });

  it('A3 is A4 scaled by √2: the same grid on 297 × 420 mm', () => {
    const a4 = pageGeometry('A4');
    const a3 = pageGeometry('A3');
    expect([a3.width, a3.height]).toEqual([297, 420]);
    expect(a3.scale).toBeCloseTo(Math.SQRT2, 3);
    expect(a3.blockWidth).toBeCloseTo(156 * a3.scale, 6);
    expect(a3.blockHeight).toBeCloseTo(225 * a3.scale, 6);
    expect(a3.top).toBeCloseTo(37 * a3.scale, 6);
    expect(a3.left + a3.blockWidth + a3.right).toBeCloseTo(297, 6);
    expect(a3.top + a3.blockHeight + a3.bottom).toBeCloseTo(420, 6);
    expect(a3.fontPx / a4.fontPx).toBeCloseTo(a3.scale, 6);
  });

  it('a tightened page closes up its lines, the characters stay on the grid', () => {
    const g = pageGeometry('A4', 24);
    expect(24 * g.linePx).toBeLessThanOrEqual(225 * PX_PER_MM);
    expect(g.letterSpacingPx).toBe(pageGeometry('A4').letterSpacingPx);
  });
});

describe('texts', () => {
  it.each([
    [{ postFrom: '2026-11-28', postUntil: '2026-12-04' }, '公示期：2026年11月28日至2026年12月4日'],
    [{ postFrom: '2026-01-05', postUntil: '2026-01-09' }, '公示期：2026年1月5日至2026年1月9日'],
    [{ postFrom: '2026-11-28' }, '公示期：自2026年11月28日起'],
    [{ postUntil: '2026-12-04' }, '公示期：至2026年12月4日止'],
    [{}, null],
    [{ postFrom: '', postUntil: ' ' }, null],
  ])('公示期 %j → %s', (n, text) => expect(postingPeriodText(n)).toBe(text));

  it.each([
    [{ contactName: '王晓梅', contactPhone: '13800138000' }, '联系人：王晓梅\u3000联系电话：13800138000'],
    [{ contactName: ' 王晓梅 ' }, '联系人：王晓梅'],
    [{ contactPhone: '0571-88886666' }, '联系电话：0571-88886666'],
    [{}, null],
  ])('contact %j → %s', (n, text) => expect(contactText(n)).toBe(text));

  it('body: every non-blank line a paragraph, typed indents and CRLF dropped', () => {
    expect(bodyParagraphs('\u3000\u3000第一段。\r\n\r\n  第二段，\r\n第三段。\n\n\n')).toEqual(['第一段。', '第二段，', '第三段。']);
  });

  it('the closing formula (特此公告。) is set apart so that 公示期 and contact print before it', () => {
    expect(bodyParts('正文。\n\n特此公告。')).toEqual({ paragraphs: ['正文。'], closingFormula: '特此公告。' });
    expect(bodyParts('正文。\n特此通知')).toEqual({ paragraphs: ['正文。'], closingFormula: '特此通知' });
    expect(bodyParts('特此公告如下：正文。')).toEqual({ paragraphs: ['特此公告如下：正文。'], closingFormula: null });
  });

  it('counts cells: hanzi and full-width punctuation one, ASCII half', () => {
    expect(textCells('2026年11月28日')).toBe(7);
    expect(textCells('公示期：〔2026〕3号')).toBe(9.5);
  });

  it('title lines break between words only: numbers with what they count, 的 with the word after it', () => {
    expect(titlePieces('关于开展小区冬季消防安全专项整治行动的通知').join('|')).not.toMatch(/消\||\|防|的\|/);
    const pieces = titlePieces('金山花园小区2026年第三季度公共收益收支情况公示');
    expect(pieces).toContain('2026年');
    expect(pieces.some((p) => p.includes('第三季度'))).toBe(true);
    expect(pieces.join('')).toBe('金山花园小区2026年第三季度公共收益收支情况公示');
  });
});

describe('where the 署名 and date go (§7.3.5)', () => {
  it('without a seal: 署名 右空二字, the date under it; joint issuers one under another, the lead first', () => {
    expect(signaturePlan({ issuers: ['甲党支部', ' ', '乙业委会', '甲党支部'], issueDate: '2026-11-28' })).toEqual({
      kind: 'unsealed',
      issuers: ['甲党支部', '乙业委会'],
      date: '2026年11月28日',
    });
    expect(signaturePlan({ sealed: false, issuers: ['甲'], issueDate: '2026-11-28' }).kind).toBe('unsealed');
  });

  it('with a seal: the date 右空四字 and the 署名 centred on it', () => {
    const plan = signaturePlan({ sealed: true, issuers: ['金山花园小区业主委员会'], issueDate: '2026-11-28' });
    expect(plan).toEqual({ kind: 'sealed', issuers: ['金山花园小区业主委员会'], date: '2026年11月28日', perRow: 1, dateRightCells: 4 });
  });

  it('a 署名 so long that centred on the date it would pass the text block moves the date left', () => {
    const name = '金山花园小区第二届业主大会第三次临时会议'; // 20 cells over a 7-cell date: 6.5 each side
    const plan = signaturePlan({ sealed: true, issuers: [name], issueDate: '2026-11-28' });
    expect(plan.kind === 'sealed' && plan.dateRightCells).toBe(6.5);
  });

  it('joint sealed: up to three seals to a row while they fit the block, fewer for long names', () => {
    const short = signaturePlan({ sealed: true, issuers: ['甲党支部', '乙业委会', '丙理事会'], issueDate: '2026-11-28' });
    expect(short.kind === 'sealed' && short.perRow).toBe(3);
    const long = signaturePlan({ sealed: true, issuers: ['中共金山花园小区支部委员会', '金山花园小区业主委员会', '金山花园共建理事会'], issueDate: '2026-11-28' });
    expect(long.kind === 'sealed' && long.perRow).toBe(1);
    const two = signaturePlan({ sealed: true, issuers: ['金山花园小区业主委员会', '金山花园共建理事会'], issueDate: '2026-11-28' });
    expect(two.kind === 'sealed' && two.perRow).toBe(2);
  });

  it('blank lines above: one without a seal (none when tightened), always two with one (its upper half)', () => {
    const unsealed = signaturePlan({ issuers: ['甲'], issueDate: '2026-11-28' });
    const sealed = signaturePlan({ sealed: true, issuers: ['甲'], issueDate: '2026-11-28' });
    expect([signatureGap(unsealed, false), signatureGap(unsealed, true), signatureGap(sealed, false), signatureGap(sealed, true)]).toEqual([1, 0, 2, 2]);
    expect(signatureContentLines(unsealed)).toBe(2);
    expect(signatureContentLines(sealed)).toBe(3); // 署名, date, the seal's lower half
    expect(signatureContentLines(signaturePlan({ issuers: [], issueDate: '' }))).toBe(0);
  });
});

describe('estimatePages: the editor overflow hint', () => {
  it('short notices take one page, long ones more', () => {
    expect(estimatePages(sealedResolution())).toBe(1);
    expect(estimatePages(financeDisclosure())).toBe(1);
    expect(estimatePages(longJointNotice())).toBe(3);
    expect(estimatePages({ ...sealedResolution(), body: '' })).toBe(1);
  });

  it('grows with the body: a page more for every 22 lines', () => {
    const line = '一'.repeat(26);
    const n = (lines: number) => sealedResolution({ body: Array.from({ length: lines }, () => line).join('\n'), attachmentNames: [] });
    expect(estimatePages(n(5))).toBe(1);
    expect(estimatePages(n(40))).toBe(3);
    expect(estimatePages(n(70))).toBe(4);
    // 66 lines fill three pages: closed up to 24 to the page, the 署名 fits on the third.
    expect(estimatePages(n(60))).toBe(3);
  });

  it('text that fills page 1: the lines close up (24 to the page) so the 署名 stays on it', () => {
    const c = estimateNoticeLines(pageFullNotice());
    expect(c.beforeSignature).toBe(22);
    expect(c).toMatchObject({ tight: true, linesPerPage: 24 });
    expect(estimatePages(pageFullNotice())).toBe(1);
  });

  it('… unless closing up cannot make room (a seal): then the last lines go over with it', () => {
    const c = estimateNoticeLines(pageFullNotice({ sealed: true }));
    expect(c.linesPerPage).toBe(22);
    expect(estimatePages(pageFullNotice({ sealed: true }))).toBe(2);
  });

  it('the blank line above the 署名 goes first when that is enough, then the lines close up', () => {
    const line = '一'.repeat(26);
    const notice = (bodyLines: number) => pageFullNotice({ body: Array.from({ length: bodyLines }, () => line).join('\n'), public: false, publicCode: undefined });
    // 4 (title, 文号, blank, 主送) + 14 + 公示期 + contact = 20 lines: 署名 + date fit on 21–22 without the blank line.
    expect(estimateNoticeLines(notice(14))).toMatchObject({ beforeSignature: 20, tight: true, linesPerPage: 22, total: 22 });
    // 21 lines: even without it they would not; 23 lines to the page hold them.
    expect(estimateNoticeLines(notice(15))).toMatchObject({ beforeSignature: 21, tight: true, linesPerPage: 23, total: 23 });
    // 19 lines: room for the blank line too.
    expect(estimateNoticeLines(notice(13))).toMatchObject({ beforeSignature: 19, tight: false, linesPerPage: 22, total: 22 });
  });

  it('never tightens past MAX_LINES_PER_PAGE', () => {
    expect(MAX_LINES_PER_PAGE).toBe(25);
    expect(A4_PAGE.blockHeight / MAX_LINES_PER_PAGE).toBeGreaterThanOrEqual(9);
  });
});
