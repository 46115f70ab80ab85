// What a desktop PC prints, caught in the web host: a bridge stub that keeps every HTML document handed to
// 'print:html' / 'print:toPdf', and the HTML → PDF → text path of Electron's printToPDF (Chromium's page.pdf, read
// back with poppler's pdftotext).
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from '@playwright/test';

const run = promisify(execFile);

export type Printed = { channel: 'print:html' | 'print:toPdf'; html: string; name: string };
type PrintLog = { __linliPrinted?: Printed[] };

/** A desktop-like bridge: print:toPdf "saves" to /tmp and keeps the HTML it was given, for the test to render. */
export async function stubBridge(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const printed: { channel: string; html: string; name: string }[] = [];
    const w = window as unknown as { linli?: unknown; __linliPrinted?: unknown };
    w.__linliPrinted = printed;
    w.linli = {
      'app:info': async () => ({ ok: true, value: { version: 'e2e', host: 'desktop', platform: 'linux', userDataPath: '/tmp', documentsPath: '/tmp' } }),
      'print:html': async (a: { html: string; title: string }) => {
        printed.push({ channel: 'print:html', html: a.html, name: a.title });
        return { ok: true, value: { printed: true } };
      },
      'print:toPdf': async (a: { html: string; fileName: string }) => {
        printed.push({ channel: 'print:toPdf', html: a.html, name: a.fileName });
        return { ok: true, value: { path: `/tmp/${a.fileName}` } };
      },
      'file:save': async () => ({ ok: true, value: { path: null } }),
      'file:open': async () => ({ ok: true, value: null }),
    };
  });
}

/** Everything printed on this page so far, oldest first. */
export async function printedOn(page: Page): Promise<Printed[]> {
  return page.evaluate(() => (window as unknown as PrintLog).__linliPrinted ?? []);
}

/** The document's text as it prints on A4 (its own @page), whitespace removed. */
export async function pdfText(browser: Browser, workDir: string, html: string, name: string): Promise<string> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const file = join(workDir, `${name}.pdf`);
    await writeFile(file, await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }));
    await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, join(workDir, `${name}.txt`)]);
    return (await readFile(join(workDir, `${name}.txt`), 'utf8')).replace(/\s+/g, '');
  } finally {
    await context.close();
  }
}
