// The print side of a notice: the preview (the print layout itself, in a sandboxed frame, with a page-count hint and
// a warning when the body is too long for the page grid), and 打印 / 保存为PDF through the host bridge — every
// print appended to the notice's log (who, this PC, copies, paper).
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { noticeProblems } from '../../../shared/domain/notices/issue';
import type { NoticeDoc } from '../../../shared/schema';
import { useAppInfo } from '../../bridge/app-info';
import { useDatabase } from '../../db/context';
import { useSettings } from '../../db/hooks';
import { bridgeErrorText, WEB_PDF_HINT } from '../../i18n/minutes-errors';
import { TextField } from '../../ui/fields';
import { useNoticeActor, useServerUrl } from './hooks';
import { problemText, writeErrorText } from './messages';
import { logPrint } from './notices-writes';
import { estimatePages, noticeHtml, pageGeometry, printNotice, saveNoticePdf, type NoticePrintOptions } from './print';

/** What every print of this PC takes: the compound's name, the server residents check at, the notice's paper. */
export function usePrintOptions(n: Pick<NoticeDoc, 'paper'>): NoticePrintOptions {
  const settings = useSettings();
  const compoundName = settings.status === 'ready' ? settings.data?.compoundName?.trim() : undefined;
  const serverUrl = useServerUrl();
  const paper = n.paper ?? 'A4';
  return useMemo(() => ({ ...(compoundName ? { compoundName } : {}), ...(serverUrl ? { serverUrl } : {}), paper }), [compoundName, serverUrl, paper]);
}

const PREVIEW_DELAY_MS = 250;
const PX_PER_MM = 96 / 25.4;

/**
 * On screen the print document has no page (its @page margins apply only in print): the preview gives its body the
 * sheet's size and margins, so the frame shows a page as it will print.
 */
function asSheet(html: string, paper: 'A4' | 'A3'): string {
  const g = pageGeometry(paper);
  const css = `@media screen { html { background: #d9dce1; } body { box-sizing: border-box; width: ${g.width}mm; min-height: ${g.height}mm; margin: 0 auto; padding: ${g.top}mm ${g.right}mm ${g.bottom}mm ${g.left}mm; background: #fff; } }`;
  return html.includes('</head>') ? html.replace('</head>', `<style>${css}</style></head>`) : `<style>${css}</style>${html}`;
}

/** The width the preview frame gets, followed as the window is resized. */
function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

/** The print layout as it will print, refreshed shortly after each change. */
export function NoticePreview({ notice, options }: { notice: NoticeDoc; options: NoticePrintOptions }) {
  const [html, setHtml] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      noticeHtml(notice, options)
        .then((h) => {
          if (!live) return;
          setHtml(h);
          setFailed(false);
        })
        .catch((e: unknown) => {
          console.error('notice preview failed', e);
          if (live) setFailed(true);
        });
    }, PREVIEW_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [notice, options]);
  const pages = useMemo(() => estimatePages(notice), [notice]);
  const paper = options.paper ?? 'A4';
  const g = pageGeometry(paper);
  const [box, boxWidth] = useWidth();
  const pageW = g.width * PX_PER_MM;
  const pageH = g.height * PX_PER_MM;
  const scale = boxWidth > 0 ? boxWidth / pageW : 0.5;
  const overflow = useMemo(() => noticeProblems(notice, { forIssue: false }).find((p) => p.code === 'BODY_OVERFLOWS'), [notice]);
  return (
    <section className="notice-preview" aria-label="打印预览" data-testid="notice-preview">
      <div className="notice-preview-head">
        <strong>打印预览</strong>
        <span className="muted" data-testid="notice-pages">
          {paper} · 约 {pages} 页
        </span>
      </div>
      {overflow && (
        <p className="field-error" role="alert" data-testid="notice-overflow">
          {problemText(overflow)}
        </p>
      )}
      {!overflow && pages > 1 && (
        <p className="warn-text" data-testid="notice-multipage">
          正文超过一页：张贴时请按页码顺序排列；如能精简到一页，更便于居民阅读。
        </p>
      )}
      {failed && <p className="field-error">预览生成失败，请稍后重试。</p>}
      <div ref={box} className="notice-preview-box" style={{ height: pageH * scale }}>
        {html === null && !failed ? (
          <p className="muted">正在生成预览……</p>
        ) : (
          html !== null && (
            // No scripts (the print document has none); same origin only so that its fonts load from this app.
            <iframe
              title="公告打印预览"
              sandbox="allow-same-origin"
              srcDoc={asSheet(html, paper)}
              className="notice-preview-frame"
              style={{ width: pageW, height: pageH, transform: `scale(${scale})` }}
              data-testid="notice-preview-frame"
            />
          )
        )}
      </div>
    </section>
  );
}

const COPIES_MAX = 1000;

/** 打印 (with copies) and 保存为PDF for an issued notice; each logged on the notice. */
export function PrintBox({ notice, options }: { notice: NoticeDoc; options: NoticePrintOptions }) {
  const db = useDatabase();
  const info = useAppInfo();
  const actor = useNoticeActor();
  const [copiesText, setCopiesText] = useState('1');
  const [copiesError, setCopiesError] = useState<string | undefined>();
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const paper = notice.paper ?? 'A4';

  async function log(copies: number, pdf: boolean): Promise<string | null> {
    const r = await logPrint(db, notice.id, { copies, paper, pdf, by: actor });
    return r.ok ? null : r.error.kind === 'write' ? writeErrorText(r.error.error) : '打印记录未能保存。';
  }

  async function print() {
    if (busy) return;
    const t = copiesText.trim();
    const copies = /^\d{1,4}$/.test(t) ? Number(t) : NaN;
    if (!Number.isInteger(copies) || copies < 1 || copies > COPIES_MAX) return setCopiesError(`份数请填写1至${COPIES_MAX}的整数。`);
    setBusy(true);
    setStatus(null);
    try {
      const r = await printNotice(notice, { ...options, copies });
      if (!r.ok) return setStatus({ text: bridgeErrorText(r.error.code), error: true });
      if (!r.value.printed) return setStatus({ text: '已取消打印。', error: false });
      const logged = await log(copies, false);
      setStatus(logged ? { text: `已打印，但${logged}`, error: true } : { text: `已送打印：${copies} 份（${paper}）。`, error: false });
    } catch (e) {
      console.error('notice print failed', e);
      setStatus({ text: bridgeErrorText('INTERNAL'), error: true });
    } finally {
      setBusy(false);
    }
  }

  async function pdf() {
    if (busy) return;
    setBusy(true);
    const web = info?.host === 'web' || info === null;
    setStatus(web ? { text: WEB_PDF_HINT, error: false } : null);
    try {
      const r = await saveNoticePdf(notice, options);
      if (!r.ok) return setStatus({ text: bridgeErrorText(r.error.code), error: true });
      if (r.value.path === null && !web) return setStatus({ text: '已取消保存。', error: false });
      // On the web host the browser's dialog saves it and no path comes back: it is logged as asked for.
      const logged = await log(1, true);
      if (logged) return setStatus({ text: logged, error: true });
      setStatus({ text: r.value.path !== null ? `已保存为 PDF：${r.value.path}` : WEB_PDF_HINT, error: false });
    } catch (e) {
      console.error('notice pdf failed', e);
      setStatus({ text: bridgeErrorText('INTERNAL'), error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="notice-print" data-testid="notice-print">
      <TextField
        label="份数"
        name="copies"
        inputMode="numeric"
        value={copiesText}
        onChange={(v) => (setCopiesText(v), setCopiesError(undefined))}
        error={copiesError}
      />
      <div className="form-actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void print()} data-testid="print-notice">
          打印
        </button>
        <button type="button" disabled={busy} onClick={() => void pdf()} data-testid="pdf-notice">
          保存为PDF
        </button>
      </div>
      {status && (
        <p className={status.error ? 'field-error' : 'muted'} role={status.error ? 'alert' : 'status'} data-testid="notice-print-status">
          {status.text}
        </p>
      )}
    </div>
  );
}
