// The web host's implementation of the bridge: what a browser can do without Electron main.
import type { AppInfo, Bridge, BridgeError, FileFilter } from '../../shared/bridge';
import { err, ok, type Result } from '../../shared/result';
import { version } from '../../package.json';
import { base64ToBytes, bytesToBase64 } from './base64';
import { getWebHostState, setWebHostState } from './web-state';

const fail = (code: BridgeError['code'], e?: unknown): Result<never, BridgeError> => {
  const message = e instanceof Error ? e.message : e === undefined ? undefined : String(e);
  return err(message === undefined ? { code } : { code, message });
};

/** Removes a temporary element once the event loop has moved on (a download or print must start first). */
const removeLater = (el: Element, ms: number): void => {
  setTimeout(() => el.remove(), ms);
};

/**
 * Prints an HTML document from a hidden iframe. The srcdoc frame inherits this page's origin and CSP, so the
 * document's own <style> applies and no script in it runs. Chromium and Firefox block in print() until the dialog
 * closes; whether the user pressed 打印 or 取消 is not reported by browsers. The frame goes after 'afterprint'
 * (or a minute, for browsers that return from print() at once).
 */
function printInFrame(html: string, title: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.title = title;
    frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0;visibility:hidden';
    frame.addEventListener(
      'load',
      () => {
        const win = frame.contentWindow;
        try {
          if (!win) throw new Error('print frame has no window');
          if (title !== '') win.document.title = title;
          win.addEventListener('afterprint', () => removeLater(frame, 0), { once: true });
          win.focus();
          win.print();
          resolve();
        } catch (e) {
          frame.remove();
          reject(e instanceof Error ? e : new Error(String(e)));
          return;
        }
        removeLater(frame, 60_000);
      },
      { once: true },
    );
    frame.srcdoc = html;
    document.body.appendChild(frame);
  });
}

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  csv: 'text/csv;charset=utf-8',
  txt: 'text/plain;charset=utf-8',
  json: 'application/json',
  html: 'text/html;charset=utf-8',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  zip: 'application/zip',
};
const mimeOf = (name: string): string =>
  MIME_BY_EXTENSION[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';

const acceptOf = (filters: readonly FileFilter[]): string =>
  filters
    .flatMap((f) => f.extensions)
    .filter((e) => e !== '*')
    .map((e) => `.${e}`)
    .join(',');

/** Lets the user pick one file; null when they cancel (the input's 'cancel' event, Chromium 113+ / Firefox 91+). */
function pickFile(filters: readonly FileFilter[]): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = acceptOf(filters);
    input.style.display = 'none';
    const done = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => done(null), { once: true });
    document.body.appendChild(input);
    input.click();
  });
}

export const webBridge = {
  'app:info': async (_args: Record<string, never>) => {
    const info: AppInfo = {
      version,
      host: 'web',
      platform: typeof navigator === 'undefined' ? '' : navigator.platform,
      userDataPath: '',
      documentsPath: '',
    };
    return ok(info);
  },

  'print:html': async ({ html, title }) => {
    try {
      await printInFrame(html, title);
      return ok({ printed: true });
    } catch (e) {
      return fail('INTERNAL', e);
    }
  },

  // A browser cannot write a PDF silently: this opens the same print dialog, where the user picks
  // 「另存为 PDF」 and the folder. We return path null (nothing was saved by us); when AppInfo.host is 'web' the UI
  // tells the user beforehand: 「请在打印对话框中选择“另存为 PDF”」.
  'print:toPdf': async ({ html, fileName }) => {
    try {
      await printInFrame(html, fileName.replace(/\.pdf$/i, ''));
      return ok({ path: null });
    } catch (e) {
      return fail('INTERNAL', e);
    }
  },

  // The browser saves into its download folder (or asks, per its settings); we only learn the file name we
  // proposed, so that is the path we report. A download cannot be detected as cancelled.
  'file:save': async ({ defaultName, content, encoding }) => {
    try {
      const blob =
        encoding === 'base64'
          ? new Blob([base64ToBytes(content)], { type: mimeOf(defaultName) })
          : new Blob([content], { type: mimeOf(defaultName) });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = defaultName;
      a.style.display = 'none';
      document.body.appendChild(a);
      a.click();
      removeLater(a, 0);
      // Revoking at once can cancel the download in some browsers.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return ok({ path: defaultName });
    } catch (e) {
      return fail('IO', e);
    }
  },

  'file:open': async ({ filters, encoding }) => {
    try {
      const file = await pickFile(filters);
      if (!file) return ok(null);
      const content =
        encoding === 'base64' ? bytesToBase64(new Uint8Array(await file.arrayBuffer())) : await file.text();
      return ok({ name: file.name, content });
    } catch (e) {
      return fail('IO', e);
    }
  },

  // A browser has no backups folder: 设置 → 备份与恢复 offers a download (file:save) and an upload (file:open).
  'backup:list': async (_args: Record<string, never>) => fail('UNSUPPORTED'),
  'backup:write': async (_args) => fail('UNSUPPORTED'),
  'backup:read': async (_args) => fail('UNSUPPORTED'),
  'backup:saveAs': async (_args) => fail('UNSUPPORTED'),
  'backup:lastRun': async (_args: Record<string, never>) => fail('UNSUPPORTED'),

  // The held-data marker in localStorage (see web-state.ts).
  'state:get': async (_args: Record<string, never>) => getWebHostState(),
  'state:set': async (patch) => setWebHostState(patch),
} satisfies Bridge;
