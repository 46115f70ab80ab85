// The notice's stylesheet, from the page geometry (A4, or A3 as A4 × √2). Every length is derived from the GB/T
// 9704 grid in layout.ts; nothing may be wider than the text block, or Chromium shrinks the whole print to fit.
import { BODY_FONT_STACK, TITLE_FONT_STACK } from './fonts';
import { NOTICE_SIZES_PT, SEALED_NAME_MAX_CELLS, SEAL_GAP_MM, SEAL_MM, TABLE_CELL, VERIFY_BOX, type PageGeometry } from './layout';

const px = (n: number): string => `${+n.toFixed(4)}px`;
const mm = (n: number): string => `${+n.toFixed(3)}mm`;
const pt = (n: number): string => `${+n.toFixed(3)}pt`;

/** The page number: 4号 (14 pt), "— 1 —", 一字线 7 mm below the text block, 一字 in from the outer edge (§7.5). */
function pageNumberBox(g: PageGeometry, side: 'left' | 'right'): string {
  const size = NOTICE_SIZES_PT.pageNumber * g.scale;
  // The margin box fills the foot margin; its line is 14 pt, so the dash (at mid-height) sits 7 mm below the block.
  const padTop = 7 * g.scale - (size * 25.4) / 72 / 2;
  return `@bottom-${side} {
    content: "— " counter(page) " —";
    font-family: ${BODY_FONT_STACK};
    font-size: ${pt(size)};
    line-height: ${pt(size)};
    letter-spacing: 0;
    vertical-align: top;
    text-align: ${side};
    padding-top: ${mm(padTop)};
    padding-${side}: ${pt(size)};
    white-space: nowrap;
  }`;
}

export function noticeCss(g: PageGeometry): string {
  const s = g.scale;
  const cell = g.cellPx;
  const line = g.linePx;
  return `
@page {
  size: ${mm(g.width)} ${mm(g.height)};
  margin: ${mm(g.top)} ${mm(g.right)} ${mm(g.bottom)} ${mm(g.left)};
}
@page :right { ${pageNumberBox(g, 'right')} }
@page :left { ${pageNumberBox(g, 'left')} }
* { box-sizing: border-box; }
html {
  font-family: ${BODY_FONT_STACK};
  font-size: ${px(g.fontPx)};
  line-height: ${px(line)};
  color: #000;
  background: #fff;
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
  -webkit-text-size-adjust: none;
}
body { margin: 0; }
/* The grid: a 1 em character plus the letter-spacing is one cell, 28 to the 156 mm line; full-width punctuation
   keeps its whole cell (no trimming of 「，」「。」), no extra space between hanzi and Latin. */
.notice {
  width: 100%;
  max-width: 100%;
  letter-spacing: ${px(g.letterSpacingPx)};
  text-spacing-trim: space-all;
  text-autospace: no-autospace;
  font-kerning: none;
  font-feature-settings: "halt" 0, "palt" 0, "chws" 0;
  line-break: strict;
  overflow-wrap: anywhere;
}
.notice p { margin: 0; orphans: 2; widows: 2; }
.notice .para { text-indent: ${px(2 * cell)}; text-align: justify; }
.notice .flush { text-indent: 0; }
.notice .gap1 { margin-top: ${px(line)}; }
.notice .gap2 { margin-top: ${px(2 * line)}; }
h1.title {
  font-family: ${TITLE_FONT_STACK};
  font-weight: 700;
  font-size: ${pt(NOTICE_SIZES_PT.title * s)};
  line-height: ${px(line)};
  letter-spacing: 0;
  text-align: center;
  text-wrap: balance;
  word-break: keep-all;
  overflow-wrap: anywhere;
  margin: 0;
  break-after: avoid;
}
.doc-no { text-align: center; text-indent: 0; break-after: avoid; }

/* Tables in the body face, smaller (四号 / 小四 / 五号 by columns), never wider than the text block. */
.tbl { margin: ${px(line * 0.25)} 0 ${px(line * 0.5)}; letter-spacing: 0; }
.tbl-caption { text-align: center; text-indent: 0; letter-spacing: ${px(g.letterSpacingPx)}; break-after: avoid; }
.tbl table { width: 100%; max-width: 100%; border-collapse: collapse; table-layout: auto; }
.tbl th, .tbl td {
  border: ${pt(TABLE_CELL.rulePt * s)} solid #000;
  padding: ${mm(TABLE_CELL.paddingMm * s)} ${mm(1.5 * s)};
  line-height: ${TABLE_CELL.leading};
  text-align: left;
  vertical-align: middle;
  overflow-wrap: anywhere;
  word-break: normal;
}
/* Headers in the title face (a real bold: a synthesised one would be embedded as a Type 3 font). */
.tbl th { text-align: center; font-family: ${TITLE_FONT_STACK}; font-weight: 700; }
.tbl td.num { text-align: right; font-variant-numeric: tabular-nums; }
.tbl.nowrap-num td.num { white-space: nowrap; }
.tbl tr { break-inside: avoid; }
.tbl thead { display: table-header-group; }

/* 附件：1.名称 — later names under the first name's first character; a long name wraps under itself (§7.3.4). */
.attachments { display: grid; grid-template-columns: max-content max-content minmax(0, 1fr); margin-left: ${px(2 * cell)}; break-inside: avoid; }
.attachments .att-label { grid-column: 1; }
.attachments .att-no { grid-column: 2; }
.attachments .att-name { grid-column: 3; min-width: 0; }
.attachments.single { grid-template-columns: max-content minmax(0, 1fr); }
.attachments.single .att-name { grid-column: 2; }

/* The closing: the 署名 and date at the right, the verification box at the left; kept with the line above it
   (never alone on a page) and never split. */
.closing {
  display: flex;
  flex-direction: row-reverse;
  flex-wrap: wrap;
  justify-content: space-between;
  align-items: flex-end;
  column-gap: ${px(cell)};
  break-before: avoid;
  break-inside: avoid;
}
/* Names wrap only when longer than the room they have (never wider than the block); dates never. */
.sig { flex: none; min-width: 0; }
.sig p { text-indent: 0; }
.sig .date { white-space: nowrap; }
/* §7.3.5.2: 署名 右空二字; the date two characters right of the 署名's first character — or 右空二字 itself when
   it is the longer, the 署名 then moving left with it. A max-content box does both. */
.sig.unsealed { margin-right: ${px(2 * cell)}; max-width: calc(100% - ${px(2 * cell)}); }
.sig.unsealed .date { padding-left: ${px(2 * cell)}; }
/* §7.3.5.1: the date 右空四字 (more for a long 署名), the 署名 centred on the date, the seal over both, its centre a
   little above them. */
.sig.sealed { position: relative; padding-bottom: ${px(line)}; }
.sig.sealed .row { display: flex; justify-content: flex-end; column-gap: ${mm(SEAL_GAP_MM * s)}; }
.sig.sealed .row + .row { margin-top: ${px(3 * line)}; }
.sig.sealed .col { position: relative; display: flex; flex-direction: column; align-items: center; }
.sig.sealed .name { text-align: center; }
/* One issuer: the column is the date's width; the name, centred on it, may be wider on both sides (to
   SEALED_NAME_MAX_CELLS, then it wraps). */
.sig.sealed.single .col { width: max-content; }
.sig.sealed.single .name { display: flex; justify-content: center; width: 0; min-width: 100%; }
.sig.sealed.single .name > span { flex: none; width: max-content; max-width: ${px(SEALED_NAME_MAX_CELLS * cell)}; }
/* Joint: columns as wide as a seal, or the name when that is wider, never wider than the block. */
.sig.sealed.joint { max-width: calc(100% - ${px(4 * cell)}); }
.sig.sealed.joint .col { min-width: ${mm(SEAL_MM * s)}; max-width: 100%; }
.sig.sealed .seal {
  position: absolute;
  left: 50%;
  width: ${mm(SEAL_MM * s)};
  height: ${mm(SEAL_MM * s)};
  margin-left: ${mm((-SEAL_MM * s) / 2)};
  top: ${px(line * 0.7)};
  margin-top: ${mm((-SEAL_MM * s) / 2)};
  border: ${pt(0.5 * s)} dashed #aaa;
  border-radius: 50%;
  pointer-events: none;
}
/* The seal over the last 署名 and the date: its centre a little above the date, however many lines the name takes. */
.sig.sealed .col.with-date .seal { top: auto; bottom: calc(${px(1.3 * line)} - ${mm((SEAL_MM * s) / 2)}); margin-top: 0; }

/* The verification box: QR code of the public page, the short code, what it is for. */
.verify {
  display: flex;
  align-items: center;
  column-gap: ${mm(2 * s)};
  padding: ${mm(VERIFY_BOX.paddingMm * s)} ${mm(2 * s)} ${mm(VERIFY_BOX.paddingMm * s)} ${mm(VERIFY_BOX.paddingMm * s)};
  border: ${mm(0.2 * s)} solid #000;
  font-size: ${pt(9 * s)};
  line-height: 1.45;
  letter-spacing: 0;
  white-space: nowrap;
  flex: none;
  max-width: 100%;
}
/* Beside a seal's 署名, level with the date (not with the room left under it for the seal). */
.closing:not(.below) .sig.sealed + .verify { margin-bottom: ${px(line)}; }
/* A 署名 too wide for the box beside it (joint seals, long names): the box goes under it, at the left. */
.closing.below { flex-direction: column; align-items: flex-start; }
.closing.below .sig { align-self: flex-end; }
.verify svg { display: block; width: ${mm(VERIFY_BOX.qrMm * s)}; height: ${mm(VERIFY_BOX.qrMm * s)}; flex: none; }
.verify .code { letter-spacing: ${pt(0.3 * s)}; }

.watermark {
  position: fixed;
  top: 38%;
  left: 0;
  right: 0;
  text-align: center;
  font-size: ${pt(96 * s)};
  font-weight: 700;
  color: rgba(0, 0, 0, 0.07);
  transform: rotate(-30deg);
  z-index: -1;
  pointer-events: none;
  letter-spacing: 0;
}
`;
}
