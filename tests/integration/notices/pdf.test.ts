// The printed notice (GB/T 9704-2012) measured in the PDF Chromium makes of it, the way the desktop app's
// printToPDF does (the document's own @page, preferCSSPageSize): paper size, embedded fonts, type sizes, every
// line inside the text block, 28 characters to a line and 22 lines to a page, page numbers in the foot, the text
// in order (pdftotext), page 1 against a reviewed reference image, and the QR code decoded to the public address.
//
// Two ways in, as in the app: the desktop print window (a file:// document with the fonts it names copied beside
// it, as src-main/print.ts does) and the web host / preview (the fonts by URL from the page's own origin, here a
// tiny local server).
//
// UPDATE_REFERENCE=1 rewrites tests/integration/notices/reference/*.png — look at them before committing.
// PRINT_ARTIFACTS_DIR=dir keeps the PDFs and PNGs.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { chromium, type Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/chromium';
import { issueNumberText } from '../../../shared/domain/notices/lifecycle';
import { publicNoticeUrl } from '../../../shared/domain/notices/public';
import type { NoticeDoc } from '../../../shared/schema';
import { mimeTypeOf } from '../../../shared/web/mime';
import { PRINT_FONT_FOLDER, referencedFontFiles } from '../../../shared/web/print-assets';
import { noticeDocument } from '../../../src-renderer/features/notices/print/notice-html';
import { fontUrls } from '../../../src-renderer/features/notices/print/fonts';
import {
  FIXTURE_SERVER,
  financeDisclosure,
  longJointNotice,
  pageFullNotice,
  sealedResolution,
} from '../../../src-renderer/features/notices/print/fixtures';
import {
  bodyParts,
  contactText,
  estimateNoticeLines,
  SEAL_MM,
  estimatePages,
  pageGeometry,
  postingPeriodText,
  signaturePlan,
  textCells,
  type PageGeometry,
} from '../../../src-renderer/features/notices/print/layout';

const run = promisify(execFile);

const LONG_ISSUER = '中共金山市金山区金山街道金山社区金山花园小区第一支部委员会';
const LONG_URL = `https://linli.example.org/files/${'abcdefghij'.repeat(12)}`;
/** The longest of everything: names, an address without a break, a 12-column table, a title of 60 characters. */
const stressNotice = (over: Partial<NoticeDoc>): NoticeDoc =>
  sealedResolution({
    id: 'n-stress',
    title: `关于${'金山花园小区公共部位维修改造'.repeat(3)}工程施工单位比选结果的公示通知`,
    addressees: `${'各楼栋长、'.repeat(12)}全体业主`,
    body: [`详见：${LONG_URL}`, `项目编号：${'1234567890'.repeat(8)}`, '特此公告。'].join('\n'),
    tables: [
      {
        caption: '比选结果',
        columns: Array.from({ length: 12 }, (_, i) => `第${i + 1}列`),
        numericFrom: 6,
        rows: [Array.from({ length: 12 }, (_, i) => (i < 6 ? '金山花园小区公共部位维修改造工程' : '¥1,234,567.89'))],
      },
    ],
    issuers: [LONG_ISSUER, '金山花园小区第二届业主委员会', '金山花园共建理事会'],
    attachmentNames: [`${'金山花园小区公共部位维修改造工程'.repeat(5)}比选文件`],
    ...over,
  });
const HERE = path.dirname(fileURLToPath(import.meta.url));
const PUBLIC_DIR = path.resolve(HERE, '../../../src-renderer/public');
const REFERENCE_DIR = path.join(HERE, 'reference');
const UPDATE = process.env.UPDATE_REFERENCE === '1';
const keep = process.env.PRINT_ARTIFACTS_DIR;

/** Mean absolute difference (0–255, over R, G and B) allowed between page 1 at 50 dpi and its reference. */
const MAX_MEAN_DIFF = 1.0;
/** mm: how far a glyph box may stray past the text block (GB/T 9704 margins). */
const TOLERANCE = 1;
const MM_PER_PT = 25.4 / 72;
/** Fandol's ascender and descender (of 1 em): the glyph box of a text item from its baseline and size. */
const ASCENT = 0.88;
const DESCENT = 0.12;

// pdfjs-dist 6 expects Promise.withResolvers (Node 22); this project runs on Node 20.
type WithResolvers = { withResolvers?: <T>() => { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } };
(Promise as unknown as WithResolvers).withResolvers ??= <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((a, b) => {
    resolve = a;
    reject = b;
  });
  return { promise, resolve, reject };
};
const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');

let browser: Browser | undefined;
let server: Server | undefined;
let origin = '';
let dir = '';
const documents = new Map<string, string>();

beforeAll(async () => {
  dir = keep ? path.resolve(keep) : await mkdtemp(path.join(os.tmpdir(), 'linli-notice-pdf-'));
  await mkdir(dir, { recursive: true });
  // The web host in miniature: the renderer's public files (the fonts) and the documents, from one origin.
  server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const doc = pathname.startsWith('/doc/') ? documents.get(pathname.slice(5)) : undefined;
    if (doc !== undefined) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(doc);
      return;
    }
    const file = path.join(PUBLIC_DIR, path.normalize(pathname));
    if (!file.startsWith(PUBLIC_DIR + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'Content-Type': mimeTypeOf(file) }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  origin = `http://127.0.0.1:${address.port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (!keep && dir) await rm(dir, { recursive: true, force: true });
});

type Item = { page: number; str: string; size: number; left: number; right: number; baseline: number; top: number; bottom: number };
type Rendered = {
  name: string;
  pdf: string;
  pages: { width: number; height: number }[];
  items: Item[];
  fonts: { name: string; type: string; embedded: boolean; unicode: boolean }[];
  /** pdftotext in reading order, whitespace and page numbers removed. */
  flat: string;
};

/**
 * Renders the notice as the app prints it. 'desktop': like Electron's print window (src-main/print.ts), a file://
 * document in a folder of its own with the fonts it names copied beside it; 'web': the fonts by URL from the
 * page's own origin. JavaScript off, as in the print window.
 */
async function render(name: string, n: NoticeDoc, via: 'desktop' | 'web'): Promise<Rendered> {
  if (!browser) throw new Error('no browser');
  const fonts = fontUrls(via === 'desktop' ? PRINT_FONT_FOLDER : `${origin}/fonts/`);
  const html = await noticeDocument(n, { serverUrl: FIXTURE_SERVER, compoundName: '金山花园' }, fonts);
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    if (via === 'desktop') {
      const docDir = path.join(dir, `${name}-print`);
      await mkdir(path.join(docDir, PRINT_FONT_FOLDER), { recursive: true });
      const files = referencedFontFiles(html);
      expect(files).toEqual(['FandolFang-Regular.woff2', 'FandolSong-Bold.woff2']);
      for (const f of files) await copyFile(path.join(PUBLIC_DIR, 'fonts', f), path.join(docDir, PRINT_FONT_FOLDER, f));
      const file = path.join(docDir, 'document.html');
      await writeFile(file, html);
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    } else {
      documents.set(name, html);
      await page.goto(`${origin}/doc/${name}`, { waitUntil: 'load' });
    }
    const pdfPath = path.join(dir, `${name}.pdf`);
    // As src-main/print.ts: the paper asked for, the document's @page preferred.
    await writeFile(pdfPath, await page.pdf({ format: n.paper ?? 'A4', preferCSSPageSize: true, printBackground: true }));
    return await readPdf(name, pdfPath);
  } finally {
    await context.close();
  }
}

async function readPdf(name: string, pdfPath: string): Promise<Rendered> {
  const data = new Uint8Array(await readFile(pdfPath));
  const task = pdfjs.getDocument({ data, disableFontFace: true, useSystemFonts: false });
  const doc = await task.promise;
  const pages: Rendered['pages'] = [];
  const items: Item[] = [];
  for (let p = 1; p <= doc.numPages; p += 1) {
    const page = await doc.getPage(p);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    pages.push({ width: (x1 - x0) * MM_PER_PT, height: (y1 - y0) * MM_PER_PT });
    const content = await page.getTextContent();
    for (const it of content.items) {
      if (!('str' in it) || it.str.trim() === '') continue;
      const [a, b, , , e, f] = it.transform as number[];
      const size = Math.hypot(a ?? 0, b ?? 0);
      const baseline = (y1 - (f ?? 0)) * MM_PER_PT;
      const left = ((e ?? 0) - x0) * MM_PER_PT;
      items.push({
        page: p,
        str: it.str,
        size,
        left,
        right: left + it.width * MM_PER_PT,
        baseline,
        top: baseline - ASCENT * size * MM_PER_PT,
        bottom: baseline + DESCENT * size * MM_PER_PT,
      });
    }
  }
  await task.destroy();
  const { stdout: fontList } = await run('pdffonts', [pdfPath]);
  const fonts = fontList
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      // name, type (may contain spaces), encoding, emb, sub, uni, object ID
      const m = /^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(l);
      if (!m) throw new Error(`pdffonts line: ${l}`);
      return { name: (m[1] ?? '').replace(/^[A-Z]{6}\+/, ''), type: m[2] ?? '', embedded: m[4] === 'yes', unicode: m[6] === 'yes' };
    });
  const { stdout: text } = await run('pdftotext', ['-enc', 'UTF-8', pdfPath, '-']);
  const flat = text
    .split('\n')
    .filter((l) => !/^\s*—\s*\d+\s*—\s*$/.test(l))
    .join('')
    .replace(/\s+/g, '');
  return { name, pdf: pdfPath, pages, items, fonts, flat };
}

const isPageNumber = (s: string): boolean => /^—\s*\d+\s*—$/.test(s.trim());
const geometryOf = (n: NoticeDoc): PageGeometry => pageGeometry(n.paper ?? 'A4', estimateNoticeLines(n, { verification: true }).linesPerPage);
const near = (actual: number, expected: number, tolerance: number, what: string): void => {
  expect(Math.abs(actual - expected), `${what}: ${actual.toFixed(2)} vs ${expected.toFixed(2)}`).toBeLessThanOrEqual(tolerance);
};

/** The checks every notice passes (`estimate`: also the editor's page count, off by a line or two at the extremes). */
function expectOfficialLayout(r: Rendered, n: NoticeDoc, estimate = true): void {
  const g = geometryOf(n);
  const s = g.scale;
  const blockRight = g.left + g.blockWidth;
  const blockBottom = g.top + g.blockHeight;

  // The editor's overflow hint knew how many pages it would take.
  if (estimate) expect(r.pages.length, `${r.name}: estimatePages`).toBe(estimatePages(n, { verification: true }));

  // The paper, every page.
  for (const p of r.pages) {
    near(p.width, g.width, 0.5, `${r.name} page width`);
    near(p.height, g.height, 0.5, `${r.name} page height`);
  }

  // Our two fonts, embedded as TrueType CID fonts with a Unicode map (no Type 3, no fallback face).
  expect(r.fonts.map((f) => f.name).sort()).toEqual(['FandolFang-Regular', 'FandolSong-Bold']);
  for (const f of r.fonts) expect(f, f.name).toMatchObject({ type: 'CID TrueType', embedded: true, unicode: true });

  // Every line inside the text block; page numbers in the foot, "— n —" at 14 pt, outside edge one character in.
  const numbers = r.items.filter((it) => isPageNumber(it.str));
  expect(numbers.map((it) => it.page)).toEqual(r.pages.map((_, i) => i + 1));
  const charMm = 14 * s * MM_PER_PT;
  for (const it of numbers) {
    expect(it.str.replace(/\s/g, '')).toBe(`—${it.page}—`);
    near(it.size, 14 * s, 0.05, `${r.name} page number size`);
    // The dash (about a third of an em above the baseline) 7 mm under the text block.
    near(it.baseline - 0.33 * charMm, blockBottom + 7 * s, 1.5, `${r.name} page ${it.page} number height`);
    if (it.page % 2 === 1) near(it.right, blockRight - charMm, TOLERANCE, `${r.name} odd page number, right`);
    else near(it.left, g.left + charMm, TOLERANCE, `${r.name} even page number, left`);
  }
  for (const it of r.items.filter((x) => !isPageNumber(x.str))) {
    const where = `${r.name} p${it.page} "${it.str}" [${it.left.toFixed(1)}, ${it.top.toFixed(1)}, ${it.right.toFixed(1)}, ${it.bottom.toFixed(1)}]`;
    expect(it.left, where).toBeGreaterThanOrEqual(g.left - TOLERANCE);
    expect(it.right, where).toBeLessThanOrEqual(blockRight + TOLERANCE);
    expect(it.top, where).toBeGreaterThanOrEqual(g.top - TOLERANCE);
    expect(it.bottom, where).toBeLessThanOrEqual(blockBottom + TOLERANCE);
  }

  // The title: 二号 (22 pt) bold, centred, from the top of the text block.
  const titleItems = r.items.filter((it) => it.page === 1 && Math.abs(it.size - 22 * s) < 0.05);
  expect(titleItems.map((it) => it.str).join('')).toBe(n.title);
  for (const it of titleItems) near((it.left + it.right) / 2, g.left + g.blockWidth / 2, TOLERANCE, `${r.name} title centred`);
  near(Math.min(...titleItems.map((it) => it.top)), g.top, 2 * s, `${r.name} title at the top of the block`);

  // The body: 三号 (16 pt) on the 28-character grid — a full line spans the block, no line holds more.
  const { paragraphs } = bodyParts(n.body);
  const inBody = (it: Item): boolean => Array.from(it.str).length >= 4 && !n.title.includes(it.str) && paragraphs.some((p) => p.includes(it.str));
  const body = r.items.filter(inBody);
  expect(body.length, `${r.name} body lines found`).toBeGreaterThanOrEqual(paragraphs.length);
  for (const it of body) near(it.size, 16 * s, 0.05, `${r.name} body size "${it.str}"`);
  const cell = g.blockWidth / 28;
  for (const it of body) {
    // Latin letters are proportional: the cell count holds for hanzi, punctuation and digits; and only text with
    // hanzi is justified to the margin (a run of digits has nowhere to stretch).
    if (/[A-Za-z]/.test(it.str) || !/[\u3000-\u9fff]/.test(it.str)) continue;
    const cells = textCells(it.str);
    expect(cells, `${r.name} "${it.str}"`).toBeLessThanOrEqual(28);
    if (cells >= 27.5) {
      near(it.left, g.left, 0.5, `${r.name} full line starts at the margin`);
      near(it.right, blockRight, TOLERANCE, `${r.name} full line ends at the margin`);
      // All hanzi and full-width punctuation: exactly the grid's cell per character (no squeezing, no trimming).
      if (Array.from(it.str).every((c) => (c.codePointAt(0) ?? 0) >= 0x2000)) near((it.right - it.left) / 28, cell, 0.05, `${r.name} character pitch`);
    }
  }
  // A paragraph's first line starts two characters in.
  for (const p of paragraphs) {
    const first = body.find((it) => p.startsWith(it.str));
    if (first) near(first.left, g.left + 2 * cell, 0.5, `${r.name} indent of "${first.str}"`);
  }
}

/**
 * The baselines of a page's 三号 lines: how many, and how far the worst strays from the grid of `pitch` mm
 * started by the first (Chromium rounds each line to a whole pixel, a quarter of a millimetre).
 */
function gridLines(r: Rendered, page: number, pitch: number): { lines: number; span: number; offGrid: number } {
  const baselines = [...new Set(r.items.filter((it) => it.page === page && Math.abs(it.size - 16) < 0.05).map((it) => Math.round(it.baseline * 100) / 100))].sort((a, b) => a - b);
  const first = baselines[0] ?? 0;
  const offGrid = Math.max(0, ...baselines.map((b) => Math.abs(b - first - Math.round((b - first) / pitch) * pitch)));
  return { lines: baselines.length, span: (baselines[baselines.length - 1] ?? 0) - first, offGrid };
}

/** pdftotext finds these, in this order. */
function expectInOrder(r: Rendered, parts: readonly string[]): void {
  // TrueType subsets without the radicals: 月, 日, 小 read back as themselves, not as ⺝, ⽇, ⼩.
  expect(r.flat).not.toMatch(/[\u2e80-\u2fdf]/);
  let at = -1;
  for (const part of parts) {
    const want = part.replace(/\s+/g, '');
    const i = r.flat.indexOf(want, at + 1);
    expect(i, `${r.name}: "${want}" after position ${at} in ${r.flat}`).toBeGreaterThan(at);
    at = i;
  }
}

const expectedText = (n: NoticeDoc): string[] => {
  const { paragraphs, closingFormula } = bodyParts(n.body);
  const first = paragraphs[0] ?? '';
  const last = paragraphs[paragraphs.length - 1] ?? '';
  const plan = signaturePlan(n);
  return [
    n.title,
    issueNumberText(n),
    n.addressees ? `${n.addressees}：` : '',
    first,
    last === first ? '' : last,
    postingPeriodText(n) ?? '',
    contactText(n) ?? '',
    closingFormula ?? '',
    ...(n.attachmentNames ?? []),
    ...plan.issuers,
    plan.date,
  ].filter((s) => s !== '');
};

async function pagePng(r: Rendered, page: number, dpi: number, suffix: string): Promise<string> {
  const base = path.join(dir, `${r.name}-${suffix}`);
  await run('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', r.pdf, base]);
  return `${base}.png`;
}

/** Page 1 at 50 dpi against the reviewed reference image: fails when the layout moves. */
async function expectLikeReference(r: Rendered): Promise<void> {
  const actual = await readFile(await pagePng(r, 1, 50, 'page1'));
  const ref = path.join(REFERENCE_DIR, `${r.name}.png`);
  if (UPDATE) {
    await mkdir(REFERENCE_DIR, { recursive: true });
    await writeFile(ref, actual);
    return;
  }
  const expected = await readFile(ref).catch(() => null);
  expect(expected, `${ref} missing: run with UPDATE_REFERENCE=1 and review it`).not.toBeNull();
  const a = PNG.sync.read(actual);
  const b = PNG.sync.read(expected as Buffer);
  expect([a.width, a.height], `${r.name} image size`).toEqual([b.width, b.height]);
  let sum = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    for (let c = 0; c < 3; c += 1) sum += Math.abs((a.data[i + c] ?? 0) - (b.data[i + c] ?? 0));
  }
  const mean = sum / ((a.data.length / 4) * 3);
  expect(mean, `${r.name}: mean pixel difference from the reference`).toBeLessThanOrEqual(MAX_MEAN_DIFF);
}

/**
 * The seal placeholder: a dashed circle of SEAL_MM × scale, looked for around (x, y) mm on the page at 100 dpi —
 * the centre within `slack` mm where most points of the ring are inked, and how much of it is.
 */
async function sealAround(r: Rendered, page: number, x: number, y: number, slack = 2): Promise<{ dx: number; dy: number; inked: number }> {
  const dpi = 100;
  const png = PNG.sync.read(await readFile(await pagePng(r, page, dpi, `seal-p${page}`)));
  const toPx = (mm: number): number => (mm / 25.4) * dpi;
  const dark = (px: number, py: number): boolean => {
    for (let oy = -1; oy <= 1; oy += 1)
      for (let ox = -1; ox <= 1; ox += 1) {
        const i = ((Math.round(py) + oy) * png.width + Math.round(px) + ox) * 4;
        if ((png.data[i] ?? 255) < 235) return true;
      }
    return false;
  };
  const radius = (SEAL_MM * (r.pages[0]?.width ?? 210)) / 210 / 2;
  const points = 90;
  let best = { dx: 0, dy: 0, inked: 0 };
  for (let dy = -slack; dy <= slack; dy += 0.25)
    for (let dx = -slack; dx <= slack; dx += 0.25) {
      let hits = 0;
      for (let k = 0; k < points; k += 1) {
        const a = (2 * Math.PI * k) / points;
        if (dark(toPx(x + dx + radius * Math.cos(a)), toPx(y + dy + radius * Math.sin(a)))) hits += 1;
      }
      if (hits / points > best.inked) best = { dx, dy, inked: hits / points };
    }
  return best;
}

/** The QR code at the foot of the last page, rendered at about 5 pixels a module (200 dpi on A4), read back. */
async function qrOnLastPage(r: Rendered): Promise<string | null> {
  const dpi = Math.round((200 * 210) / (r.pages[0]?.width ?? 210));
  const png = PNG.sync.read(await readFile(await pagePng(r, r.pages.length, dpi, 'qr')));
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data ?? null;
}

describe('the printed notice, measured in its PDF', () => {
  it('决议公告 with a seal (desktop print window: file:// with its fonts beside it): one A4 page to GB/T 9704', async () => {
    const n = sealedResolution();
    const r = await render('resolution-sealed', n, 'desktop');
    expect(r.pages).toHaveLength(1);
    expectOfficialLayout(r, n);
    expectInOrder(r, expectedText(n));
    // §7.3.5.1: the date 右空四字, the 署名 centred on it.
    const g = geometryOf(n);
    const cell = g.blockWidth / 28;
    const date = r.items.find((it) => it.str === '2026年11月28日');
    const issuer = r.items.find((it) => it.str === '金山花园小区业主委员会');
    if (!date || !issuer) throw new Error('no 署名 or date');
    near(date.right, g.left + g.blockWidth - 4 * cell, TOLERANCE, 'date 右空四字');
    near((issuer.left + issuer.right) / 2, (date.left + date.right) / 2, TOLERANCE, '署名 centred on the date');
    near(date.baseline - issuer.baseline, g.blockHeight / 22, 0.3, 'date on the line under the 署名');
    // The seal placeholder over both, centred on the date, its centre 0.3 line above the line between them.
    const line = g.blockHeight / 22;
    const seal = await sealAround(r, 1, (date.left + date.right) / 2, date.baseline + 0.12 * 16 * MM_PER_PT + (line - 16 * MM_PER_PT) / 2 - 1.3 * line);
    expect(seal.inked, 'seal ring inked').toBeGreaterThan(0.5);
    expect(Math.hypot(seal.dx, seal.dy), 'seal where expected').toBeLessThanOrEqual(1);
    expect(await qrOnLastPage(r)).toBe(publicNoticeUrl(FIXTURE_SERVER, n.publicCode ?? ''));
    expect(r.flat).toContain('扫码核验公告真伪及状态');
    expect(r.flat).toContain('核验码：Ab3d-Ef7h-Jk9m');
    await expectLikeReference(r);
  });

  it('a long 通知 of two issuers runs onto more pages: 22 lines of 28 characters each, page numbers right then left', async () => {
    const n = longJointNotice();
    const r = await render('long-joint', n, 'web');
    expect(r.pages.length).toBeGreaterThanOrEqual(2);
    expectOfficialLayout(r, n);
    expectInOrder(r, expectedText(n));
    // Page 2 is all body text: the whole grid, 22 lines 225/22 mm apart.
    const page2 = gridLines(r, 2, 225 / 22);
    expect(page2.lines).toBe(22);
    near(page2.span, (21 * 225) / 22, 0.4, 'first to last line');
    expect(page2.offGrid).toBeLessThanOrEqual(0.4);
    expect(gridLines(r, 1, 225 / 22).offGrid).toBeLessThanOrEqual(0.4);
    // §7.3.5.2: 署名 右空二字, the date starting two characters right of the 署名; the second issuer under the first.
    const g = geometryOf(n);
    const cell = g.blockWidth / 28;
    const [lead, second] = ['中共金山花园小区支部委员会', '金山花园小区业主委员会'].map((s) => r.items.find((it) => it.str === s));
    const date = r.items.find((it) => it.str === '2026年11月28日');
    if (!lead || !second || !date) throw new Error('no 署名 or date');
    near(lead.right, g.left + g.blockWidth - 2 * cell, TOLERANCE, '署名 右空二字');
    near(second.left, lead.left, 0.3, 'joint issuers aligned');
    near(date.left, lead.left + 2 * cell, TOLERANCE, 'date two characters right of the 署名');
    expect(second.baseline).toBeGreaterThan(lead.baseline);
    expect(date.baseline).toBeGreaterThan(second.baseline);
    // Never the 署名 alone: the page it is on carries text of the notice above it.
    expect(r.items.filter((it) => it.page === date.page && it.baseline < lead.baseline && !it.str.includes('核验') && !isPageNumber(it.str)).length).toBeGreaterThan(0);
    expect(await qrOnLastPage(r)).toBe(publicNoticeUrl(FIXTURE_SERVER, n.publicCode ?? ''));
    await expectLikeReference(r);
  });

  it('财务收支公示 with its table: smaller type that still fits the block, money right-aligned', async () => {
    const n = financeDisclosure();
    const r = await render('finance-table', n, 'web');
    expect(r.pages).toHaveLength(1);
    expectOfficialLayout(r, n);
    // The table's cells come in pdftotext's own order; the text around the table in the notice's.
    expectInOrder(r, [...expectedText(n).slice(0, 3), '公共收益收支明细表（单位：元）', ...expectedText(n).slice(3)]);
    for (const row of n.tables?.[0]?.rows ?? []) for (const c of row) expect(r.flat).toContain(c);
    const g = geometryOf(n);
    const cells = r.items.filter((it) => it.str.startsWith('¥'));
    expect(cells.length).toBe(20);
    for (const it of cells) near(it.size, 12, 0.05, 'table type 小四');
    // The last column's figures share a right edge, inside the block.
    const lastColumn = cells.filter((it) => it.left > g.left + g.blockWidth * 0.75);
    expect(lastColumn).toHaveLength(10);
    const edges = lastColumn.map((it) => it.right);
    expect(Math.max(...edges) - Math.min(...edges)).toBeLessThan(0.3);
    expect(await qrOnLastPage(r)).toBe(publicNoticeUrl(FIXTURE_SERVER, n.publicCode ?? ''));
    await expectLikeReference(r);
  });

  it('A3: the same layout scaled by √2 (297 × 420 mm, 三号 × √2)', async () => {
    const n = sealedResolution({ paper: 'A3' });
    const r = await render('resolution-a3', n, 'web');
    expect(r.pages).toHaveLength(1);
    expectOfficialLayout(r, n);
    expectInOrder(r, expectedText(n));
    expect(await qrOnLastPage(r)).toBe(publicNoticeUrl(FIXTURE_SERVER, n.publicCode ?? ''));
    await expectLikeReference(r);
  });

  it('决议公告 of two bodies with seals: side by side, a seal over each 署名, the last over the date too', async () => {
    const n = sealedResolution({ issuers: ['金山花园小区党支部', '金山花园小区业委会'] });
    const r = await render('resolution-joint-sealed', n, 'web');
    expect(r.pages).toHaveLength(1);
    expectOfficialLayout(r, n);
    expectInOrder(r, expectedText(n));
    const g = geometryOf(n);
    const line = g.blockHeight / g.linesPerPage;
    const cell = g.blockWidth / 28;
    const [lead, second] = (n.issuers ?? []).map((s) => r.items.find((it) => it.str === s));
    const date = r.items.find((it) => it.str === '2026年11月28日');
    if (!lead || !second || !date) throw new Error('no 署名 or date');
    near(lead.baseline, second.baseline, 0.1, 'joint 署名 on one line');
    expect(lead.right).toBeLessThan(second.left);
    near((date.left + date.right) / 2, (second.left + second.right) / 2, TOLERANCE, 'date under the last 署名');
    near(second.right, g.left + g.blockWidth - 4 * cell, TOLERANCE, 'the last column 右空四字');
    // Line box top from a baseline: half the leading plus the ascent.
    const lineTop = (baseline: number): number => baseline - (line - 16 * MM_PER_PT) / 2 - ASCENT * 16 * MM_PER_PT;
    for (const name of [lead, second]) {
      const seal = await sealAround(r, 1, (name.left + name.right) / 2, lineTop(name.baseline) + 0.7 * line);
      expect(seal.inked, `seal over ${name.str}`).toBeGreaterThan(0.5);
      expect(Math.hypot(seal.dx, seal.dy), `seal over ${name.str} where expected`).toBeLessThanOrEqual(1);
    }
    // Two seals of 40 mm side by side leave no room for the QR box: it goes under them, still on the page.
    const qr = r.items.find((it) => it.str.includes('扫码核验'));
    expect(qr?.page).toBe(1);
    expect(qr?.top ?? 0).toBeGreaterThan(date.bottom);
    expect(await qrOnLastPage(r)).toBe(publicNoticeUrl(FIXTURE_SERVER, n.publicCode ?? ''));
    await expectLikeReference(r);
  });

  it('text that fills page 1: closed up to 24 lines so that the 署名 and date stay on it', async () => {
    const n = pageFullNotice();
    const r = await render('page-full', n, 'web');
    expect(r.pages).toHaveLength(1);
    expectOfficialLayout(r, n);
    expectInOrder(r, expectedText(n));
    // 24 lines to the page: the title, the blank line under it, 22 lines of 三号 (文号 to the date) on that grid.
    const page1 = gridLines(r, 1, 225 / 24);
    expect(page1.lines).toBe(22);
    expect(page1.offGrid).toBeLessThanOrEqual(0.4);
    near(page1.span, (22 * 225) / 24, 0.4, '文号 to date'); // 22 lines and the blank one above the 署名 … none: tight
    await expectLikeReference(r);
  });

  // Anything wider than the page makes Chromium shrink the whole print to fit (16 pt becomes about 10.7 pt):
  // the longest names, an unbroken address, a twelve-column table must all wrap inside the text block.
  it.each<[string, Partial<NoticeDoc>]>([
    ['stress-unsealed', { sealed: false }],
    ['stress-sealed', { sealed: true, issuers: [LONG_ISSUER] }],
    ['stress-sealed-joint', { sealed: true }],
  ])('%s: nothing wider than the text block, nothing shrunk', async (name, over) => {
    const n = stressNotice(over);
    const r = await render(name, n, 'web');
    expectOfficialLayout(r, n, false);
    // In the order drawn (pdftotext may read the QR box between the lines of a wrapped name).
    const drawn = r.items.map((it) => it.str).join('');
    for (const issuer of n.issuers ?? []) expect(drawn).toContain(issuer);
    expect(r.flat).toContain(LONG_URL);
    expect(r.flat).toContain('第12列');
  });

  it('… and with a seal, which closing up cannot make room for, the last line goes over with the 署名', async () => {
    const n = pageFullNotice({ sealed: true });
    const r = await render('page-full-sealed', n, 'desktop');
    expect(r.pages).toHaveLength(2);
    expectOfficialLayout(r, n);
    expectInOrder(r, expectedText(n));
    const issuer = r.items.find((it) => it.str === '金山花园小区业主委员会');
    expect(issuer?.page).toBe(2);
    const above = r.items.filter((it) => it.page === 2 && it.baseline < (issuer?.baseline ?? 0) && !isPageNumber(it.str) && !it.str.includes('核验'));
    expect(above.map((it) => it.str).join('')).toContain(contactText(n)?.replace(/\u3000/g, '').slice(0, 7));
    const page1 = gridLines(r, 1, 225 / 22);
    expect(page1.offGrid).toBeLessThanOrEqual(0.4);
    expect(page1.lines).toBe(19); // 文号, 主送, 16 body lines, 公示期: the contact line went over
  });
});
