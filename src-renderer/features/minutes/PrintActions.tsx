// 打印会议记录 / 保存会议记录为PDF / 打印会议纪要 / 保存会议纪要为PDF, through the host bridge (Electron's print and
// printToPDF; on the web host the browser's print dialog, where the user picks 「另存为 PDF」).
import { useState } from 'react';
import type { Meeting, Settings } from '../../../shared/domain/minutes';
import { getBridge } from '../../bridge';
import { bridgeErrorText, WEB_PDF_HINT } from '../../i18n/minutes-errors';
import { useAppInfo } from '../../bridge/app-info';
import { minutesRecordHtml, minutesRecordTitle, minutesSummaryHtml, minutesSummaryTitle } from './print';

type Doc = 'record' | 'summary';

/** A file name the bridge accepts (no path separators or reserved characters, at most 200 characters). */
export function pdfFileName(title: string, doc: Doc): string {
  const base = Array.from(`${title.trim() || '会议'}-${doc === 'record' ? '会议记录' : '会议纪要'}`)
    .map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? '_' : c))
    .slice(0, 190)
    .join('');
  return `${base}.pdf`;
}

export function PrintActions({ meeting, settings, beforePrint }: { meeting: Meeting; settings: Settings; beforePrint: () => Promise<unknown> }) {
  const info = useAppInfo();
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const html = (doc: Doc): string => (doc === 'record' ? minutesRecordHtml({ meeting, settings }) : minutesSummaryHtml({ meeting, settings }));
  const title = (doc: Doc): string =>
    `${doc === 'record' ? minutesRecordTitle({ settings }) : minutesSummaryTitle({ meeting, settings })} ${meeting.title}`.trim();

  async function print(doc: Doc) {
    setBusy(true);
    setStatus(null);
    await beforePrint();
    try {
      const r = await getBridge()['print:html']({ html: html(doc), title: title(doc) });
      setStatus(r.ok ? null : { text: bridgeErrorText(r.error.code), error: true });
    } catch (e) {
      console.error('print failed', e);
      setStatus({ text: bridgeErrorText('INTERNAL'), error: true });
    } finally {
      setBusy(false);
    }
  }

  async function pdf(doc: Doc) {
    setBusy(true);
    const web = info?.host === 'web';
    // Said before the dialog opens: the browser's print dialog is where the PDF is saved.
    setStatus(web ? { text: WEB_PDF_HINT, error: false } : null);
    await beforePrint();
    try {
      const r = await getBridge()['print:toPdf']({ html: html(doc), fileName: pdfFileName(meeting.title, doc) });
      if (!r.ok) setStatus({ text: bridgeErrorText(r.error.code), error: true });
      else if (r.value.path !== null) setStatus({ text: `已保存为 PDF：${r.value.path}`, error: false });
      else setStatus({ text: web || info === null ? WEB_PDF_HINT : '已取消保存。', error: false });
    } catch (e) {
      console.error('pdf failed', e);
      setStatus({ text: bridgeErrorText('INTERNAL'), error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="print-actions">
      <button type="button" disabled={busy} onClick={() => void print('record')} data-testid="print-record">
        打印会议记录
      </button>
      <button type="button" disabled={busy} onClick={() => void pdf('record')} data-testid="pdf-record">
        保存会议记录为PDF
      </button>
      <button type="button" disabled={busy} onClick={() => void print('summary')} data-testid="print-summary">
        打印会议纪要
      </button>
      <button type="button" disabled={busy} onClick={() => void pdf('summary')} data-testid="pdf-summary">
        保存会议纪要为PDF
      </button>
      {status && (
        <span className={status.error ? 'print-status field-error' : 'print-status muted'} role={status.error ? 'alert' : 'status'} data-testid="print-status">
          {status.text}
        </span>
      )}
    </div>
  );
}
