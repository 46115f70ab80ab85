// A 决议公告 draft, from the decision it was started from: view, edit and print it here until the notices section
// exists (issue #8). Saved to `notices` like any notice; printed through the host bridge as the minutes are.
import { useMemo, useState, type FormEvent } from 'react';
import { checkNoticeDraft, type NoticeDraftField, type NoticeDraftInput } from '../../../shared/domain/minutes';
import type { NoticeDoc } from '../../../shared/schema';
import { useUiStore } from '../../ui/ui-store';
import { getBridge } from '../../bridge';
import { useDatabase } from '../../db/context';
import { useObservable } from '../../db/hooks';
import { errorText } from '../../i18n/errors';
import { bridgeErrorText, minutesErrorText, WEB_PDF_HINT } from '../../i18n/minutes-errors';
import { Dialog } from '../../ui/Dialog';
import { TextAreaField, TextField } from '../../ui/fields';
import { useAppInfo } from '../../bridge/app-info';
import { saveNoticeDraft } from './minutes-writes';
import { resolutionNoticeHtml } from './print';

const inputOf = (n: NoticeDoc): NoticeDraftInput => ({
  title: n.title,
  body: n.body,
  issuers: (n.issuers ?? []).join('\n'),
  issueDate: n.issueDate ?? '',
  postFrom: n.postFrom ?? '',
  postUntil: n.postUntil ?? '',
});

/** A file name the bridge accepts. */
const fileName = (title: string): string =>
  `${Array.from(title.trim() || '决议公告')
    .map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? '_' : c))
    .slice(0, 190)
    .join('')}.pdf`;

function NoticeForm({ notice, onClose }: { notice: NoticeDoc; onClose: () => void }) {
  const db = useDatabase();
  const info = useAppInfo();
  const showToast = useUiStore((s) => s.showToast);
  const [input, setInput] = useState<NoticeDraftInput>(() => inputOf(notice));
  const [errors, setErrors] = useState<Partial<Record<NoticeDraftField, string>>>({});
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const editable = notice.status === 'draft';
  const set = (k: NoticeDraftField) => (v: string) => {
    setInput((x) => ({ ...x, [k]: v }));
    setErrors((e) => ({ ...e, [k]: undefined }));
  };

  /** Checks and stores what is typed; the values to print, or null when refused (messages at the fields). */
  async function save(): Promise<ReturnType<typeof checkNoticeDraft> | null> {
    const checked = checkNoticeDraft(input);
    if (!checked.ok) {
      const out: Partial<Record<NoticeDraftField, string>> = {};
      for (const [k, code] of Object.entries(checked.errors)) out[k as NoticeDraftField] = minutesErrorText(code);
      setErrors(out);
      return null;
    }
    if (!editable) return checked;
    const r = await saveNoticeDraft(db, notice.id, checked.value);
    if (!r.ok) {
      setStatus({ text: errorText(r.error.code), error: true });
      return null;
    }
    return checked;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const r = await save();
    setBusy(false);
    if (r) showToast('公告草稿已保存');
  }

  async function print(pdf: boolean) {
    if (busy) return;
    setBusy(true);
    setStatus(pdf && info?.host === 'web' ? { text: WEB_PDF_HINT, error: false } : null);
    try {
      const checked = await save();
      if (!checked || !checked.ok) return;
      const v = checked.value;
      const html = resolutionNoticeHtml({ ...v, draft: notice.status === 'draft' });
      const bridge = getBridge();
      if (!pdf) {
        const r = await bridge['print:html']({ html, title: v.title });
        if (!r.ok) setStatus({ text: bridgeErrorText(r.error.code), error: true });
        return;
      }
      const r = await bridge['print:toPdf']({ html, fileName: fileName(v.title) });
      if (!r.ok) setStatus({ text: bridgeErrorText(r.error.code), error: true });
      else if (r.value.path !== null) setStatus({ text: `已保存为 PDF：${r.value.path}`, error: false });
      else setStatus({ text: info?.host === 'web' || info === null ? WEB_PDF_HINT : '已取消保存。', error: false });
    } catch (e) {
      console.error('notice print failed', e);
      setStatus({ text: bridgeErrorText('INTERNAL'), error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} data-testid="notice-draft-form">
      <p className="dialog-text">
        {editable
          ? '公告草稿由决议生成，可在此修改后打印张贴；修改会保存在本机。'
          : notice.status === 'published'
            ? '公告已发布，只能查看和打印。'
            : '公告已撤回，只能查看。'}
      </p>
      <TextField label="公告标题" name="noticeTitle" value={input.title} onChange={set('title')} error={errors.title} required />
      <TextAreaField label="公告正文" name="noticeBody" rows={12} value={input.body} onChange={set('body')} error={errors.body} required />
      <div className="form-grid">
        <TextAreaField
          label="落款（每行一个单位）"
          name="noticeIssuers"
          rows={3}
          value={input.issuers}
          onChange={set('issuers')}
          error={errors.issuers}
        />
        <TextField label="落款日期" name="noticeIssueDate" type="date" value={input.issueDate} onChange={set('issueDate')} error={errors.issueDate} />
        <TextField label="张贴开始" name="noticePostFrom" type="date" value={input.postFrom} onChange={set('postFrom')} error={errors.postFrom} />
        <TextField label="张贴截止" name="noticePostUntil" type="date" value={input.postUntil} onChange={set('postUntil')} error={errors.postUntil} />
      </div>
      {status && (
        <p className={status.error ? 'field-error' : 'muted'} role={status.error ? 'alert' : 'status'} data-testid="notice-print-status">
          {status.text}
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={onClose}>
          关闭
        </button>
        <button type="button" disabled={busy} onClick={() => void print(false)} data-testid="print-notice">
          打印公告
        </button>
        <button type="button" disabled={busy} onClick={() => void print(true)} data-testid="pdf-notice">
          保存公告为PDF
        </button>
        {editable && (
          <button type="submit" className="primary" disabled={busy} data-testid="save-notice">
            保存
          </button>
        )}
      </div>
    </form>
  );
}

/** The 决议公告 of one decision; loads it from the database (it may have just been created). */
export function NoticeDraftDialog({ noticeId, onClose }: { noticeId: string; onClose: () => void }) {
  const db = useDatabase();
  const source = useMemo(() => db.notices.findOne(noticeId).$, [db, noticeId]);
  const doc = useObservable(source);
  const notice = doc.status === 'ready' && doc.data ? (doc.data.toMutableJSON() as NoticeDoc) : null;
  return (
    <Dialog title="决议公告（草稿）" onClose={onClose} wide testId="notice-draft">
      {doc.status === 'loading' && <p className="muted">正在打开公告……</p>}
      {doc.status !== 'loading' && !notice && <p className="muted">找不到这份公告，可能已被删除。</p>}
      {notice && <NoticeForm key={notice.id} notice={notice} onClose={onClose} />}
    </Dialog>
  );
}
