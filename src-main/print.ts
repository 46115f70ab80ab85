// print:html and print:toPdf render the renderer's complete HTML document in a throwaway hidden window.
import { BrowserWindow } from 'electron';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BridgeArgs, BridgeResult } from '../shared/bridge';
import { ok } from '../shared/result';
import { PRINT_FONT_FOLDER, referencedFontFiles } from '../shared/web/print-assets';
import { askSavePath } from './files';
import { rendererRoot } from './paths';
import { hardenWebContents } from './window';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The print queue and the PDF's metadata take the document title; give untitled documents the one we were told. */
export function withTitle(html: string, title: string): string {
  if (title === '' || /<title[\s>]/i.test(html)) return html;
  return html.replace(/<head(\s[^>]*)?>/i, (head) => `${head}<title>${escapeHtml(title)}</title>`);
}

/**
 * The fonts a document names as fonts/<file>.woff2 (the printed notices), copied from the renderer's fonts/ beside
 * the temp document, where the file:// page loads them as local files. A missing font is logged, not fatal: the
 * document falls back to the PC's own faces.
 */
export async function provideFonts(html: string, dir: string, fontsRoot = path.join(rendererRoot(), PRINT_FONT_FOLDER)): Promise<void> {
  const files = referencedFontFiles(html);
  if (files.length === 0) return;
  const target = path.join(dir, PRINT_FONT_FOLDER);
  await mkdir(target, { recursive: true });
  for (const file of files) {
    // readFile rather than copyFile: Electron reads inside app.asar through its fs.
    await readFile(path.join(fontsRoot, file)).then(
      (bytes) => writeFile(path.join(target, file), bytes),
      (e: unknown) => console.warn('[print] font not found', file, e),
    );
  }
}

/**
 * Loads html into a hidden window, runs use, then destroys the window and the temp file whatever happens.
 * A temp file rather than a data: URL: Chromium caps URLs at 2 MB and notices with embedded photos exceed that.
 */
export async function withDocumentWindow<T>(html: string, title: string, use: (win: BrowserWindow) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'linli-print-'));
  let win: BrowserWindow | null = null;
  try {
    const file = path.join(dir, 'document.html');
    await writeFile(file, withTitle(html, title), 'utf8');
    await provideFonts(html, dir);
    // A4 at 96 dpi, so layout that measures the viewport sees the paper width. The document is data to lay out, never
    // code to run: no scripts, no preload, no node. The flags are a literal here so static audits of the bundle see
    // them at the call (issue #15; tests/packaging/hardening.test.ts).
    win = new BrowserWindow({
      show: false,
      title,
      width: 794,
      height: 1123,
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webviewTag: false,
        javascript: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        spellcheck: false,
        disableBlinkFeatures: 'Auxclick',
      },
    });
    hardenWebContents(win.webContents);
    await win.loadFile(file);
    return await use(win);
  } finally {
    if (win !== null && !win.isDestroyed()) win.destroy();
    // On Windows the renderer may hold the file a moment after destroy(); a leftover temp file must not turn a
    // successful print into an error.
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch((e: unknown) =>
      console.warn('[print] temp file not removed', e),
    );
  }
}

export async function printHtml(a: BridgeArgs<'print:html'>): BridgeResult<{ printed: boolean }> {
  const printed = await withDocumentWindow(a.html, a.title, (win) =>
    new Promise<boolean>((resolve) => {
      win.webContents.print({ silent: false, printBackground: true, pageSize: a.pageSize ?? 'A4', copies: a.copies ?? 1 }, (success, failureReason) => {
        // Cancelling the system dialog also lands here (success false); neither is an error for the caller.
        if (!success && failureReason !== '') console.warn('[print:html] not printed:', failureReason);
        resolve(success);
      });
    }),
  );
  return ok({ printed });
}

const ensurePdfName = (fileName: string): string => (/\.pdf$/i.test(fileName) ? fileName : `${fileName}.pdf`);

export async function printToPdf(a: BridgeArgs<'print:toPdf'>): BridgeResult<{ path: string | null }> {
  const fileName = ensurePdfName(a.fileName);
  const pdf = await withDocumentWindow(a.html, fileName.replace(/\.pdf$/i, ''), (win) =>
    // printToPDF scales content to the paper unless preferCSSPageSize is set; margins come from the document's @page.
    win.webContents.printToPDF({ pageSize: a.pageSize ?? 'A4', printBackground: true, preferCSSPageSize: true }),
  );
  const target = await askSavePath(fileName, [{ name: 'PDF 文档', extensions: ['pdf'] }]);
  if (target === null) return ok({ path: null });
  await writeFile(target, pdf);
  return ok({ path: target });
}
