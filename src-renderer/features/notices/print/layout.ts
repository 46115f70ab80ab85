// The pure parts of the notice layout (GB/T 9704-2012): the page grid and its CSS lengths, the text of the
// 公示期 and contact lines, the paragraphs of a body, where the 署名 and date go, and a line count for the
// editor's overflow hint. No DOM: noticeHtml (notice-html.ts) and the UI both use these.
import { formatDateCn } from '../../../../shared/domain/common/dates';
import type { NoticeDoc } from '../../../../shared/schema';

/** GB/T 9704 §5.2.2: 22 lines of 28 characters in the 156 × 225 mm text block. */
export const NOTICE_GRID = { linesPerPage: 22, charsPerLine: 28 } as const;

export type NoticePaper = 'A4' | 'A3';

/** A4 in millimetres, the margins of GB/T 9704 §5.2.1 (天头 37 mm, 订口 28 mm) and the text block they leave. */
export const A4_PAGE = {
  width: 210,
  height: 297,
  top: 37,
  left: 28,
  right: 26,
  bottom: 35,
  blockWidth: 156,
  blockHeight: 225,
} as const;

/** Point sizes (号): body 三号, title 二号, page number 四号. */
export const NOTICE_SIZES_PT = { body: 16, title: 22, pageNumber: 14 } as const;

const PX_PER_MM = 96 / 25.4;
const PX_PER_PT = 96 / 72;
/** Chromium lays text out in 1/64 px: lengths are rounded down to it so that 22 lines and 28 characters always fit. */
const floorLayoutUnit = (px: number): number => Math.floor(px * 64) / 64;

export type PageGeometry = {
  readonly paper: NoticePaper;
  readonly linesPerPage: number;
  /** A3 is A4 scaled by √2 (297/210): the same layout, every length times `scale`. */
  readonly scale: number;
  /** Millimetres. */
  readonly width: number;
  readonly height: number;
  readonly top: number;
  readonly left: number;
  readonly right: number;
  readonly bottom: number;
  readonly blockWidth: number;
  readonly blockHeight: number;
  /** CSS px: the body's font size, the grid's line pitch and character cell, and the letter-spacing that makes a
   * 1 em character take one cell. */
  readonly fontPx: number;
  readonly linePx: number;
  readonly cellPx: number;
  readonly letterSpacingPx: number;
};

/**
 * The page of a paper. `linesPerPage` is 22 (the grid) unless the notice is tightened to keep its 署名 off a page
 * of its own (up to MAX_LINES_PER_PAGE: §7.3.5's 调整行距).
 */
export function pageGeometry(paper: NoticePaper = 'A4', linesPerPage: number = NOTICE_GRID.linesPerPage): PageGeometry {
  const scale = paper === 'A3' ? 297 / 210 : 1;
  const width = paper === 'A3' ? 297 : A4_PAGE.width;
  const height = paper === 'A3' ? 420 : A4_PAGE.height;
  const top = A4_PAGE.top * scale;
  const left = A4_PAGE.left * scale;
  const blockWidth = A4_PAGE.blockWidth * scale;
  const blockHeight = A4_PAGE.blockHeight * scale;
  const fontPx = NOTICE_SIZES_PT.body * scale * PX_PER_PT;
  const linePx = floorLayoutUnit((blockHeight * PX_PER_MM) / linesPerPage);
  const cellPx = (blockWidth * PX_PER_MM) / NOTICE_GRID.charsPerLine;
  return {
    paper,
    linesPerPage,
    scale,
    width,
    height,
    top,
    left,
    // The remainders, so that the text block is exactly 156 × 225 mm (× scale) whatever the rounding of A3.
    right: width - left - blockWidth,
    bottom: height - top - blockHeight,
    blockWidth,
    blockHeight,
    fontPx,
    linePx,
    cellPx,
    letterSpacingPx: floorLayoutUnit(cellPx - fontPx),
  };
}

/**
 * How many grid cells a text takes: hanzi, full-width punctuation and symbols one, ASCII and Latin half (Fandol's
 * digits and letters are 500/1000 em wide).
 */
export function textCells(s: string): number {
  let cells = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    cells += c < 0x2000 ? 0.5 : 1;
  }
  return cells;
}

const cn = (date: string): string => formatDateCn(date) ?? date;

/** 公示期：2026年11月28日至2026年12月4日 (either end alone: 自…起 / 至…止); null without either. */
export function postingPeriodText(n: Pick<NoticeDoc, 'postFrom' | 'postUntil'>): string | null {
  const from = n.postFrom?.trim() ? cn(n.postFrom) : '';
  const until = n.postUntil?.trim() ? cn(n.postUntil) : '';
  if (from && until) return `公示期：${from}至${until}`;
  if (from) return `公示期：自${from}起`;
  if (until) return `公示期：至${until}止`;
  return null;
}

/** 联系人：王晓梅, an ideographic space (U+3000), 联系电话：13800000000; null without either. */
export function contactText(n: Pick<NoticeDoc, 'contactName' | 'contactPhone'>): string | null {
  const name = n.contactName?.trim() ?? '';
  const phone = n.contactPhone?.trim() ?? '';
  const parts = [name ? `联系人：${name}` : '', phone ? `联系电话：${phone}` : ''].filter((s) => s !== '');
  return parts.length ? parts.join('\u3000') : null;
}

/**
 * The body's paragraphs: every non-blank line is one (the body is typed in a text box, where Enter starts a new
 * paragraph), without the spaces or full-width spaces typed to indent it; the layout indents two characters.
 */
export function bodyParagraphs(body: string): string[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter((l) => l !== '');
}

/** 特此公告。 and the like: the body's closing formula, printed after the 公示期 and contact lines. */
const CLOSING_FORMULA = /^特此(公告|通知|通告|公示|告知|函告|报告)[。！!]?$/;

/** The body's paragraphs and, apart, its closing formula (特此公告。) when it has one as its last paragraph. */
export function bodyParts(body: string): { paragraphs: string[]; closingFormula: string | null } {
  const paragraphs = bodyParagraphs(body);
  const last = paragraphs[paragraphs.length - 1];
  if (last !== undefined && CLOSING_FORMULA.test(last)) return { paragraphs: paragraphs.slice(0, -1), closingFormula: last };
  return { paragraphs, closingFormula: null };
}

const OPENING = /[（(《“‘〔【「『]$/;
const CLOSING_PUNCT = /^[）)》”’〕】」』，。、；：！？,.;:!?]/;

/**
 * A title cut into the pieces a line may break between (GB/T 9704 §7.3.1: 回行时要做到词意完整): words by the
 * platform's Chinese word segmentation, a number kept with what it counts (2026年, 3号楼, 第三季度), 的 and 关于 with the word
 * after them, any other one-character word with the word before it (自行车, 验收后), brackets with their contents.
 */
export function titlePieces(title: string): string[] {
  const text = title.trim();
  if (typeof Intl === 'undefined' || typeof Intl.Segmenter !== 'function') return [text];
  const segments = [...new Intl.Segmenter('zh-CN', { granularity: 'word' }).segment(text)].map((x) => x.segment);
  const pieces: string[] = [];
  let prev = '';
  for (const seg of segments) {
    const glue =
      pieces.length > 0 &&
      (/[0-9０-９]$/.test(prev) || /^第[一二三四五六七八九十百千0-9]+$/.test(prev) || prev === '的' || prev === '关于' || OPENING.test(prev) || CLOSING_PUNCT.test(seg) || /^\s+$/.test(seg) || (Array.from(seg).length === 1 && seg !== '的'));
    if (glue) pieces[pieces.length - 1] += seg;
    else pieces.push(seg);
    prev = seg;
  }
  return pieces;
}

/** The 落款 lines: issuers as printed, blanks dropped, duplicates once. */
export const issuerLines = (issuers: readonly string[] | undefined): string[] =>
  (issuers ?? []).map((s) => s.trim()).filter((s, i, all) => s !== '' && all.indexOf(s) === i);

/** Seal placeholder diameter in mm (A4): the common 40–42 mm round seal of a committee. */
export const SEAL_MM = 40;
/** The widest a sealed single 署名 runs on one line (cells) before it wraps: centred on the date, it stays in the block. */
export const SEALED_NAME_MAX_CELLS = 20;
/** Horizontal gap between two seals of a joint notice, mm (A4): seals must neither cross nor touch (§7.3.5.1). */
export const SEAL_GAP_MM = 6;

export type SignaturePlan =
  | {
      /** §7.3.5.2: 署名 右空二字, the date under it, starting two characters to the right of the 署名 (the date
       * 右空二字 instead when it is the longer); joint issuers one under another, the lead issuer first. */
      readonly kind: 'unsealed';
      readonly issuers: readonly string[];
      readonly date: string;
    }
  | {
      /** §7.3.5.1: the date 右空四字, the 署名 centred over it, the seal pressing both; joint issuers side by
       * side, `perRow` to a row, each under its own seal, the last seal over the last 署名 and the date. */
      readonly kind: 'sealed';
      readonly issuers: readonly string[];
      readonly date: string;
      readonly perRow: number;
      /** Characters of space right of the date: 4, more when a long single 署名 centred on the date would
       * otherwise run past the text block. */
      readonly dateRightCells: number;
    };

/**
 * Where the 署名 and date go. Sealed joint notices put up to three seals in a row while they fit the text block;
 * names wider than a seal widen their column.
 */
export function signaturePlan(n: Pick<NoticeDoc, 'sealed' | 'issuers' | 'issueDate'>): SignaturePlan {
  const issuers = issuerLines(n.issuers);
  const date = n.issueDate ? cn(n.issueDate) : '';
  if (n.sealed !== true) return { kind: 'unsealed', issuers, date };
  const cellMm = A4_PAGE.blockWidth / NOTICE_GRID.charsPerLine;
  const widest = Math.max(0, ...issuers.map(textCells)) * cellMm;
  const column = Math.max(SEAL_MM, widest);
  let perRow = Math.max(1, Math.min(3, issuers.length));
  while (perRow > 1 && perRow * column + (perRow - 1) * SEAL_GAP_MM > A4_PAGE.blockWidth - 4 * cellMm) perRow -= 1;
  const overhang = issuers.length === 1 ? (Math.min(SEALED_NAME_MAX_CELLS, textCells(issuers[0] ?? '')) - textCells(date)) / 2 : 0;
  return { kind: 'sealed', issuers, date, perRow, dateRightCells: Math.max(4, overhang) };
}

/**
 * Blank lines above the 署名: one, none when tightened; with a seal always two, the room for its upper half (its
 * top then within a line below the text, never over it: §7.3.5.1).
 */
export const signatureGap = (plan: SignaturePlan, tight: boolean): number => (plan.kind === 'sealed' ? 2 : tight ? 0 : 1);

/** Grid lines of the 署名 block itself (no blank lines above); long names wrap. */
export function signatureContentLines(plan: SignaturePlan): number {
  if (plan.issuers.length === 0 && plan.date === '') return 0;
  const date = plan.date ? 1 : 0;
  const per = NOTICE_GRID.charsPerLine;
  const wrapped = (name: string, room: number): number => Math.max(1, Math.ceil(textCells(name) / room - 1e-9));
  if (plan.kind === 'unsealed') return plan.issuers.reduce((sum, name) => sum + wrapped(name, per - 2), 0) + date;
  // Rows of seals three lines apart, and a line under the date for the seal's lower half.
  const names = plan.issuers.length ? plan.issuers : [''];
  const room = names.length === 1 ? SEALED_NAME_MAX_CELLS : per - 4;
  let lines = 0;
  for (let i = 0; i < names.length; i += plan.perRow) lines += Math.max(...names.slice(i, i + plan.perRow).map((name) => wrapped(name, room)));
  const rows = Math.ceil(names.length / plan.perRow);
  return lines + date + (rows - 1) * 3 + 1;
}

/**
 * The verification box (A4 mm): a 16 mm QR code, 1 mm padding, a hairline — two grid lines high; its two lines of
 * 9 pt text make it about 58 mm wide.
 */
export const VERIFY_BOX = { qrMm: 16, paddingMm: 1, heightMm: 16 + 2 + 0.4, widthMm: 58 } as const;

/** How wide the 署名 block is, in cells from the text block's right edge, seals included. */
export function signatureWidthCells(plan: SignaturePlan): number {
  const date = textCells(plan.date);
  const widest = Math.max(0, ...plan.issuers.map(textCells));
  const per = NOTICE_GRID.charsPerLine;
  const sealCells = SEAL_MM / (A4_PAGE.blockWidth / per);
  if (plan.kind === 'unsealed') return Math.min(per, 2 + Math.max(widest, date + 2));
  if (plan.issuers.length <= 1) {
    const centre = plan.dateRightCells + date / 2;
    return Math.min(per, centre + Math.max(Math.min(widest, SEALED_NAME_MAX_CELLS), date, sealCells) / 2);
  }
  const column = Math.max(sealCells, widest);
  const gap = SEAL_GAP_MM / (A4_PAGE.blockWidth / per);
  return Math.min(per, 4 + plan.perRow * column + (plan.perRow - 1) * gap);
}

/** The verification box fits beside the 署名 (at the left); otherwise it goes under it. */
export const verifyBesideSignature = (plan: SignaturePlan): boolean =>
  signatureWidthCells(plan) + 1 + VERIFY_BOX.widthMm / (A4_PAGE.blockWidth / NOTICE_GRID.charsPerLine) <= NOTICE_GRID.charsPerLine;

const linesOf = (cells: number, perLine: number): number => Math.max(1, Math.ceil(cells / perLine - 1e-9));

/** Title characters per line: 二号 (22 pt) in the 156 mm block. */
const TITLE_CHARS = Math.floor(((A4_PAGE.blockWidth / 25.4) * 72) / NOTICE_SIZES_PT.title);

/** A table's type, smaller than the body's as it has more columns (四号, 小四, 五号). */
export function tableFontPt(columns: number): number {
  if (columns <= 3) return 14;
  if (columns <= 6) return 12;
  return 10.5;
}

/** Table geometry shared with the stylesheet (A4; × scale for A3): cell padding and rule, text leading. */
export const TABLE_CELL = { paddingMm: 0.8, rulePt: 0.75, leading: 1.3 } as const;

/** The most lines a page may be tightened to (from 22): a leading of 1.6 at 三号 still reads well. */
export const MAX_LINES_PER_PAGE = 25;

export type NoticeLineCount = {
  /** Grid lines from the top of page 1 to the end of the last block before the 署名. */
  readonly beforeSignature: number;
  /** Lines of the closing: the blank lines, then the 署名 and date or the verification box, whichever is taller. */
  readonly signature: number;
  /** The 署名 block loses a blank line because it would otherwise start a page on its own. */
  readonly tight: boolean;
  /** 22, or up to MAX_LINES_PER_PAGE when closer lines keep the 署名 on the page of the text before it. */
  readonly linesPerPage: number;
  readonly total: number;
};

type Countable = Pick<
  NoticeDoc,
  'title' | 'body' | 'tables' | 'addressees' | 'issuers' | 'issueDate' | 'issueYear' | 'issueSeq' | 'postFrom' | 'postUntil' | 'contactName' | 'contactPhone' | 'attachmentNames' | 'sealed'
>;

/** Lines before the 署名: the same blocks as the layout; wrapping estimated from character widths. */
function linesBeforeSignature(n: Countable): number {
  const per = NOTICE_GRID.charsPerLine;
  const linePt = ((A4_PAGE.blockHeight / NOTICE_GRID.linesPerPage) * 72) / 25.4;
  let lines = 0;
  const title = n.title.trim();
  if (title) lines += linesOf(textCells(title), TITLE_CHARS);
  if (n.issueYear !== undefined && n.issueSeq !== undefined) lines += 1;
  lines += 1; // the blank line under the title
  if (n.addressees?.trim()) lines += linesOf(textCells(`${n.addressees.trim()}：`), per);
  for (const p of bodyParagraphs(n.body)) lines += linesOf(2 + textCells(p), per);
  for (const t of n.tables ?? []) {
    const cols = Math.max(1, t.columns.length, ...t.rows.map((r) => r.length));
    const size = tableFontPt(cols);
    // Characters a cell holds: the block's width at the table's size, shared by the columns, less the padding.
    const perCell = Math.max(2, Math.floor((per * NOTICE_SIZES_PT.body) / size / cols) - 1);
    if (t.caption?.trim()) lines += linesOf(textCells(t.caption), per);
    const padPt = (2 * TABLE_CELL.paddingMm * 72) / 25.4 + TABLE_CELL.rulePt;
    for (const row of [t.columns, ...t.rows]) {
      const textLines = Math.max(1, ...row.map((c) => linesOf(textCells(c), perCell)));
      lines += (textLines * size * TABLE_CELL.leading + padPt) / linePt;
    }
    lines += 0.75; // the space above and below the table
  }
  if (postingPeriodText(n)) lines += 1;
  const contact = contactText(n);
  if (contact) lines += linesOf(2 + textCells(contact), per);
  const attachments = (n.attachmentNames ?? []).map((a) => a.trim()).filter((a) => a !== '');
  if (attachments.length) {
    lines += 1; // 空一行
    const label = 2 + 3 + (attachments.length > 1 ? 1 : 0);
    for (const a of attachments) lines += linesOf(textCells(a), per - label);
  }
  return Math.ceil(lines - 1e-9);
}

/**
 * An estimate of the lines a notice fills on the 22 × 28 grid, and how the 署名 is kept off a page of its own:
 * first by dropping its blank line, then by closing up the lines of every page (23–25 to the page) when that keeps
 * it with the text. Good to a line or two — the layout's break rules keep the last lines with the 署名 whatever
 * the estimate says. `verification`: the QR box is printed (by default when the notice is public).
 */
export function estimateNoticeLines(n: Countable & Pick<NoticeDoc, 'public' | 'publicCode'>, options: { verification?: boolean } = {}): NoticeLineCount {
  const lines = linesBeforeSignature(n);
  const plan = signaturePlan(n);
  const verification = options.verification ?? (n.public === true || Boolean(n.publicCode));
  const content = signatureContentLines(plan);
  const beside = verifyBesideSignature(plan);
  const page = NOTICE_GRID.linesPerPage;
  const closing = (tight: boolean, linesPerPage: number): number => {
    if (content === 0 && !verification) return 0;
    const box = verification ? VERIFY_BOX.heightMm / (A4_PAGE.blockHeight / linesPerPage) : 0;
    return signatureGap(plan, tight) + (beside ? Math.max(content, box) : content + box);
  };
  const fit = (tight: boolean, linesPerPage: number): NoticeLineCount => {
    const signature = closing(tight, linesPerPage);
    return { beforeSignature: lines, signature, tight, linesPerPage, total: lines + signature };
  };
  if (closing(false, page) === 0) return fit(false, page);
  const used = lines % page;
  if (used !== 0 && used + closing(false, page) <= page + 1e-9) return fit(false, page);
  if (used !== 0 && used + closing(true, page) <= page + 1e-9) return fit(true, page);
  const pages = Math.max(1, Math.ceil(lines / page));
  for (let l = page + 1; l <= MAX_LINES_PER_PAGE; l += 1) {
    if (lines <= pages * l && lines + closing(true, l) <= pages * l + 1e-9) return fit(true, l);
  }
  return fit(false, page);
}

/**
 * Pages the notice will print on (A4 or A3: the grid is the same): the editor's overflow hint. The closing is
 * never split: when it does not fit under the last text, it goes over to a new page with the last line of text.
 */
export function estimatePages(n: Countable & Pick<NoticeDoc, 'public' | 'publicCode'>, options: { verification?: boolean } = {}): number {
  const c = estimateNoticeLines(n, options);
  const page = c.linesPerPage;
  const textPages = Math.max(1, Math.ceil(c.beforeSignature / page - 1e-9));
  if (c.signature === 0) return textPages;
  const used = c.beforeSignature - (textPages - 1) * page;
  if (used + c.signature <= page + 1e-9) return textPages;
  return textPages + Math.ceil((c.signature + 1) / page - 1e-9);
}
