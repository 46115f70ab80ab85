// The form of a draft notice: kind, title, 文号 prefix, 主送, body, 落款 (党支部 / 业委会 / 共建理事会 from 设置, several =
// jointly, the 主办 first and numbering), 成文日期, 公示期, contact, 附件, seal, paper, 公开核验. 保存 keeps a draft;
// 发布 checks what issuing needs (each problem in Chinese at its field), then numbers and locks it. Nothing is saved
// half-way: a refused save or issue leaves the stored notice as it was and the form as typed.
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { isPublicityKind, noticeProblems, type NoticeProblem } from '../../../shared/domain/notices/issue';
import { issueNumberText, NOTICE_KIND_LABEL } from '../../../shared/domain/notices/lifecycle';
import { NOTICE_KINDS, type NoticeDoc, type NoticeIssuerKey, type NoticeKind } from '../../../shared/schema';
import { useDatabase } from '../../db/context';
import { Dialog } from '../../ui/Dialog';
import { FieldFrame, FormError, SelectField, TextAreaField, TextField } from '../../ui/fields';
import { useUiStore } from '../../ui/ui-store';
import { applyInput, FIELD_OF_PROBLEM, inputOf, type IssuerChoice, type NoticeFormInput } from './form';
import { useNoticeActor } from './hooks';
import { actionErrorText, problemText, writeErrorText } from './messages';
import { issue, saveDraft, type NoticeFailure } from './notices-writes';

type Errors = Partial<Record<keyof NoticeFormInput, string>>;

/** Each problem at its field (the first one per field). */
function errorsOf(problems: readonly NoticeProblem[]): Errors {
  const out: Errors = {};
  for (const p of problems) {
    const key = p.field ? FIELD_OF_PROBLEM[p.field] : 'title';
    if (out[key] === undefined) out[key] = problemText(p);
  }
  return out;
}

/** The order the form shows its fields: the first refused one gets the focus. */
const ORDER: readonly (keyof NoticeFormInput)[] = ['kind', 'title', 'issuePrefix', 'addressees', 'body', 'issuerKeys', 'issueDate', 'postFrom', 'postUntil', 'contactName', 'contactPhone', 'attachments'];
const TEST_NAME: Partial<Record<keyof NoticeFormInput, string>> = { issuerKeys: 'issuers' };

function IssuerPicker({
  choices,
  value,
  others,
  onChange,
  error,
}: {
  choices: readonly IssuerChoice[];
  value: readonly NoticeIssuerKey[];
  others: readonly string[];
  onChange: (keys: NoticeIssuerKey[], others: string[]) => void;
  error: string | undefined;
}) {
  const toggle = (k: NoticeIssuerKey, on: boolean) => onChange(on ? [...value, k] : value.filter((x) => x !== k), [...others]);
  const chosen = value.map((k) => choices.find((c) => c.key === k)).filter((c): c is IssuerChoice => c !== undefined);
  return (
    <fieldset className={`field checkbox-group${error ? ' has-error' : ''}`} data-testid="field-issuers" aria-describedby={error ? 'notice-issuers-error' : undefined}>
      <legend className="required">落款（发文单位）</legend>
      <div className="checkbox-grid">
        {choices.map((c) => (
          <label key={c.key} className="checkbox">
            <input type="checkbox" name="issuers" value={c.key} checked={value.includes(c.key)} onChange={(e) => toggle(c.key, e.target.checked)} />
            {c.name}
          </label>
        ))}
        {others.map((name) => (
          <label key={`other:${name}`} className="checkbox">
            <input type="checkbox" name="issuers" value={`other:${name}`} checked onChange={() => onChange([...value], others.filter((x) => x !== name))} />
            {name}
          </label>
        ))}
      </div>
      {chosen.length > 1 && (
        <label className="toolbar-field">
          主办单位（按其编文号）{' '}
          <select
            aria-label="主办单位"
            value={value[0]}
            onChange={(e) => {
              const first = e.target.value as NoticeIssuerKey;
              onChange([first, ...value.filter((k) => k !== first)], [...others]);
            }}
            data-testid="field-issuerKey"
          >
            {chosen.map((c) => (
              <option key={c.key} value={c.key}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {chosen.length === 1 && <p className="field-hint">由{chosen[0]?.name}编文号。勾选多个单位即联合发文，第一个为主办单位。</p>}
      {chosen.length === 0 && !error && <p className="field-hint">名称取自「设置」中的小区信息。勾选多个单位即联合发文。</p>}
      {error && (
        <p className="field-error" role="alert" id="notice-issuers-error" data-testid="error-issuers">
          {error}
        </p>
      )}
    </fieldset>
  );
}

export function NoticeForm({
  notice,
  choices,
  onInput,
}: {
  notice: NoticeDoc;
  choices: readonly IssuerChoice[];
  /** Every change, so the preview shows what is typed. */
  onInput: (n: NoticeDoc) => void;
}) {
  const db = useDatabase();
  const actor = useNoticeActor();
  const showToast = useUiStore((s) => s.showToast);
  const [input, setInput] = useState<NoticeFormInput>(() => inputOf(notice, choices));
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [dirty, setDirty] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const applied = useMemo(() => applyInput(notice, input, choices), [notice, input, choices]);

  const set = <K extends keyof NoticeFormInput>(k: K, v: NoticeFormInput[K], more: Partial<NoticeFormInput> = {}) => {
    const next = { ...input, [k]: v, ...more };
    setInput(next);
    setErrors((e) => ({ ...e, [k]: undefined }));
    setDirty(true);
    onInput(applyInput(notice, next, choices));
  };

  const failed = (f: NoticeFailure) => {
    if (f.kind === 'fields') {
      const e = errorsOf(f.problems);
      setErrors(e);
      setFormError(null);
      const first = ORDER.find((k) => e[k] !== undefined);
      if (first) formRef.current?.querySelector<HTMLElement>(`[data-testid="field-${TEST_NAME[first] ?? first}"]`)?.focus?.();
      if (first === 'issuerKeys') formRef.current?.querySelector<HTMLElement>('[data-testid="field-issuers"] input')?.focus();
      return;
    }
    setFormError(f.kind === 'rule' ? actionErrorText(f.error) : writeErrorText(f.error));
  };

  async function save(e?: FormEvent) {
    e?.preventDefault();
    if (busy) return;
    setBusy(true);
    const r = await saveDraft(db, applied);
    setBusy(false);
    if (!r.ok) return failed(r.error);
    setErrors({});
    setFormError(null);
    setDirty(false);
    showToast('公告草稿已保存');
  }

  async function doIssue() {
    if (busy) return;
    setBusy(true);
    const r = await issue(db, applied, actor);
    setBusy(false);
    setConfirming(false);
    if (!r.ok) return failed(r.error);
    setDirty(false);
    showToast(`公告已发布：${issueNumberText(r.value)}`);
  }

  /** 发布 asks for confirmation only once the notice is ready; otherwise the problems show at the fields at once. */
  function askIssue() {
    if (busy) return;
    // The same check the write runs, shown before the confirmation.
    const problems = noticeProblems(compactDoc(applied), { forIssue: true });
    if (problems.length > 0) return failed({ kind: 'fields', problems });
    setErrors({});
    setFormError(null);
    setConfirming(true);
  }

  const publicity = isPublicityKind(input.kind);
  return (
    <form ref={formRef} noValidate onSubmit={(e) => void save(e)} data-testid="notice-form" className="notice-form">
      <div className="form-grid">
        <SelectField
          label="类别"
          name="kind"
          value={input.kind}
          options={NOTICE_KINDS.map((k) => ({ value: k, label: NOTICE_KIND_LABEL[k] }))}
          onChange={(v) => set('kind', v as NoticeKind, { public: isPublicityKind(v as NoticeKind) })}
        />
        <TextField label="发文机关代字" name="issuePrefix" value={input.issuePrefix} onChange={(v) => set('issuePrefix', v)} error={errors.issuePrefix} placeholder="如：和美业委" hint="文号印作 代字〔年份〕序号号，发布时编号" />
      </div>
      <TextField label="标题" name="title" value={input.title} onChange={(v) => set('title', v)} error={errors.title} required />
      <TextField label="主送" name="addressees" value={input.addressees} onChange={(v) => set('addressees', v)} error={errors.addressees} placeholder="如：全体业主" />
      <TextAreaField label="正文" name="body" rows={14} value={input.body} onChange={(v) => set('body', v)} error={errors.body} required hint="段落之间空一行；每段开头自动空两格。" />
      <IssuerPicker
        choices={choices}
        value={input.issuerKeys}
        others={input.otherIssuers}
        error={errors.issuerKeys}
        onChange={(keys, others) => {
          // The 代字 follows the 主办 while it is still the default one (or empty).
          const prefixOf = (k: NoticeIssuerKey | undefined): string => choices.find((c) => c.key === k)?.prefix ?? '';
          const follow = keys[0] !== input.issuerKeys[0] && (input.issuePrefix.trim() === '' || input.issuePrefix === prefixOf(input.issuerKeys[0]));
          set('issuerKeys', keys, { otherIssuers: others, ...(follow ? { issuePrefix: prefixOf(keys[0]) } : {}) });
        }}
      />
      <div className="form-grid">
        <TextField label="成文日期" name="issueDate" type="date" value={input.issueDate} onChange={(v) => set('issueDate', v)} error={errors.issueDate} required />
        <TextField label="公示开始日期" name="postFrom" type="date" value={input.postFrom} onChange={(v) => set('postFrom', v)} error={errors.postFrom} required={publicity} />
        <TextField label="公示结束日期" name="postUntil" type="date" value={input.postUntil} onChange={(v) => set('postUntil', v)} error={errors.postUntil} required={publicity} />
        <TextField label="联系人" name="contactName" value={input.contactName} onChange={(v) => set('contactName', v)} error={errors.contactName} />
        <TextField label="联系电话" name="contactPhone" type="tel" value={input.contactPhone} onChange={(v) => set('contactPhone', v)} error={errors.contactPhone} />
      </div>
      <TextAreaField label="附件（每行一个）" name="attachments" rows={2} value={input.attachments} onChange={(v) => set('attachments', v)} error={errors.attachments} />
      <div className="form-grid">
        <SelectField
          label="纸张"
          name="paper"
          value={input.paper}
          options={[
            { value: 'A4', label: 'A4（纵向）' },
            { value: 'A3', label: 'A3（大幅公告栏）' },
          ]}
          onChange={(v) => set('paper', v === 'A3' ? 'A3' : 'A4')}
        />
        <FieldFrame id="notice-sealed" label="印章" name="sealed">
          <label className="checkbox">
            <input id="notice-sealed" type="checkbox" checked={input.sealed} onChange={(e) => set('sealed', e.target.checked)} data-testid="field-sealed" />
            加盖印章（日期右空四字，印章压在落款和日期上）
          </label>
        </FieldFrame>
        <FieldFrame id="notice-public" label="公开核验" name="public">
          <label className="checkbox">
            <input id="notice-public" type="checkbox" checked={input.public} onChange={(e) => set('public', e.target.checked)} data-testid="field-public" />
            印二维码和核验码，居民可在手机上核验
          </label>
        </FieldFrame>
      </div>
      <FormError text={formError} />
      <div className="form-actions">
        {dirty && (
          <span className="muted" data-testid="notice-unsaved">
            有未保存的修改
          </span>
        )}
        <button type="submit" disabled={busy} data-testid="save-notice">
          保存草稿
        </button>
        <button type="button" className="primary" disabled={busy} onClick={askIssue} data-testid="issue-notice">
          发布
        </button>
      </div>
      {confirming && (
        <Dialog title="确认发布" onClose={() => setConfirming(false)} testId="confirm-issue">
          <p className="dialog-text">
            发布后，公告将编文号并锁定，不能再修改；如需更改，只能发布新公告取代本公告。
            {publicity && input.postFrom && input.postUntil ? ` 公示期：${input.postFrom} 至 ${input.postUntil}。` : ''}
          </p>
          <div className="form-actions">
            <button type="button" onClick={() => setConfirming(false)}>
              取消
            </button>
            <button type="button" className="primary" disabled={busy} onClick={() => void doIssue()} data-testid="confirm-issue-button">
              确认发布
            </button>
          </div>
        </Dialog>
      )}
    </form>
  );
}

/** Fields left undefined by the form are absent, as they would be stored. */
function compactDoc(n: NoticeDoc): NoticeDoc {
  const out = { ...n } as Record<string, unknown>;
  for (const [k, v] of Object.entries(out)) if (v === undefined) delete out[k];
  return out as NoticeDoc;
}
