// The stylesheet every printed document (minutes, tasks, ledger, notices) carries inline (print windows load no external resources).
// Roughly GB/T 9704: A4, page number "— 1 —" centred in the foot margin; body type one size down (小四, 12pt)
// because minutes are mostly tables. Margins are the office's usual 25/20/20/20 mm.

/** Print-safe font stack: Noto CJK on Linux, SimSun on Windows, Songti on macOS. */
export const PRINT_FONT_STACK = '"Noto Serif CJK SC", "Noto Sans CJK SC", "SimSun", "Songti SC", serif';

// Page numbers: @page margin boxes are honoured by Chromium from version 131 (Electron 34+; we ship Electron 45).
// Older engines ignore the rule and simply print no number. Electron's printToPDF must keep displayHeaderFooter
// off, which is its default, or its own header/footer replaces the margin boxes.
export const PRINT_CSS = `
@page {
  size: A4;
  margin: 25mm 20mm 20mm 20mm;
  @bottom-center {
    content: "— " counter(page) " —";
    font-family: ${PRINT_FONT_STACK};
    font-size: 10.5pt;
    vertical-align: middle;
  }
}
* { box-sizing: border-box; }
html {
  font-family: ${PRINT_FONT_STACK};
  font-size: 12pt;
  line-height: 1.6;
  color: #000;
  background: #fff;
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}
body { margin: 0; }
h1 {
  font-size: 18pt;
  font-weight: 700;
  text-align: center;
  letter-spacing: 0.05em;
  margin: 0 0 2mm;
  line-height: 1.4;
}
.subtitle { text-align: center; font-size: 12pt; margin: 0 0 1mm; }
.org-line { text-align: center; font-size: 10.5pt; color: #333; margin: 0 0 5mm; }
h2 {
  font-size: 14pt;
  font-weight: 700;
  margin: 6mm 0 2mm;
  break-after: avoid;
  page-break-after: avoid;
}
h3 { font-size: 12pt; font-weight: 700; margin: 3mm 0 1mm; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 1.5mm; }
.label { font-weight: 700; }
.muted { color: #444; }
.pre { white-space: pre-wrap; overflow-wrap: anywhere; }
.indent { text-indent: 2em; }

table { width: 100%; border-collapse: collapse; margin: 0 0 4mm; }
th, td { border: 0.75pt solid #000; padding: 1.5mm 2mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { font-weight: 700; white-space: nowrap; width: 24mm; text-align: center; vertical-align: middle; }
table.header { table-layout: fixed; }
table.header col.label-col { width: 24mm; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }

.topic { margin: 0 0 4mm; }
.notes { margin: 1mm 0 2mm; padding: 0 0 0 2mm; border-left: 1.5pt solid #999; }
.decision {
  border: 0.75pt solid #000;
  padding: 2mm 3mm;
  margin: 2mm 0 3mm;
  break-inside: avoid;
  page-break-inside: avoid;
}
.decision-head { font-weight: 700; margin-bottom: 1mm; }
.decision .outcome strong { font-size: 12.5pt; }
.arith { font-size: 10.5pt; color: #222; }

.corrections { margin-top: 8mm; padding-top: 3mm; border-top: 2.25pt double #000; }
.corrections .note { font-size: 10.5pt; break-after: avoid; page-break-after: avoid; }
.correction { margin: 2mm 0 3mm; padding: 1.5mm 3mm; border: 0.75pt dashed #000; break-inside: avoid; page-break-inside: avoid; }

.status { margin: 0 0 5mm; font-size: 10.5pt; }
.signatures { margin-top: 6mm; break-inside: avoid; page-break-inside: avoid; }
.sign-row { display: flex; gap: 12mm; margin: 0 0 6mm; }
.sign-row > span { display: flex; align-items: flex-end; flex: 1; }
.blank { display: inline-block; flex: 1; min-width: 30mm; border-bottom: 0.75pt solid #000; height: 1.4em; margin-left: 1mm; }
.sign-grid td { border: 0.75pt solid #000; height: 12mm; width: 33.33%; vertical-align: bottom; }
.sign-grid .sign-name { display: inline-block; min-width: 5em; font-size: 10.5pt; }
.sign-grid .blank { min-width: 25mm; width: calc(100% - 6em); }

.closing { margin-top: 6mm; }
/* 落款: the issuing body and the date at the lower right, four characters in from the edge (GB/T 9704). */
.signoff { margin: 10mm 4em 0 auto; width: max-content; max-width: 100%; text-align: center; break-inside: avoid; page-break-inside: avoid; }
.signoff p { margin: 0 0 1mm; }
/* What a 更正 changed: removed text struck through, new text underlined, each also said in words. */
del { text-decoration: line-through; }
ins { text-decoration: underline; text-decoration-thickness: 1.5pt; font-weight: 700; }
.change { white-space: pre-wrap; }
.closing p { margin: 0 0 1mm; }
.decisions-list { margin: 0; padding: 0; list-style: none; }
.decisions-list li { margin: 0 0 3mm; break-inside: avoid; page-break-inside: avoid; }

.watermark {
  position: fixed;
  top: 38%;
  left: 0;
  right: 0;
  text-align: center;
  font-size: 96pt;
  font-weight: 700;
  color: rgba(0, 0, 0, 0.07);
  transform: rotate(-30deg);
  z-index: -1;
  pointer-events: none;
}
`;
