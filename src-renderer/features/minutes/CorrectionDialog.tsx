// 更正/补充 on a finalised record: dated, with author and reason; appended beside the original, which is never altered.
import { useState, type FormEvent } from 'react';
import { applyMeetingAction, type CorrectionInput, type Meeting } from '../../../shared/domain/minutes';
import { useUiStore } from '../../app/ui-store';
import { errorText } from '../../i18n/errors';
import { minutesErrorText } from '../../i18n/minutes-errors';
import { Dialog } from '../../ui/Dialog';
import { FormError, SelectField, TextAreaField, TextField } from '../../ui/fields';
import { actionContext, useEditor } from './editor-context';
import { cnNumeral } from './print';

type Kind = CorrectionInput['kind'];

/** What a correction can be about: the whole record, a 议题 or a 决议, named as the printed record names them. */
export function correctionTargets(m: Meeting): { value: string; label: string; text: string }[] {
  const out: { value: string; label: string; text: string }[] = [];
  let n = 0;
  m.topics.forEach((t, i) => {
    out.push({ value: t.id, label: `议题${cnNumeral(i + 1)}“${t.title}”`, text: t.notes });
    for (const r of t.resolutions ?? []) {
      n += 1;
      out.push({ value: r.id, label: `决议${cnNumeral(n)}`, text: r.text });
    }
  });
  return out;
}

export function CorrectionDialog({ targetId, onClose }: { targetId: string | undefined; onClose: () => void }) {
  const { session, meeting } = useEditor();
  const showToast = useUiStore((s) => s.showToast);
  const targets = correctionTargets(meeting);
  const [kind, setKind] = useState<Kind>('correction');
  const [target, setTarget] = useState(targetId ?? '');
  const [reason, setReason] = useState('');
  // A 更正 of a 议题 or 决议 starts from its text as recorded, to be edited; the original stays as it is.
  const [text, setText] = useState(() => targets.find((t) => t.value === targetId)?.text ?? '');
  const [errors, setErrors] = useState<{ reason?: string; text?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    const correction: CorrectionInput = { kind, reason, text, ...(target ? { targetId: target } : {}) };
    const ctx = actionContext(crypto.randomUUID());
    const check = applyMeetingAction(meeting, { kind: 'addCorrection', correction }, ctx);
    if (!check.ok) {
      const code = check.error.code;
      if (code === 'REASON_REQUIRED') return setErrors({ reason: minutesErrorText(code) });
      if (code === 'TEXT_REQUIRED') return setErrors({ text: minutesErrorText(code) });
      return setFormError(minutesErrorText(code));
    }
    setSaving(true);
    const r = await session.act((m) => {
      const a = applyMeetingAction(m, { kind: 'addCorrection', correction }, ctx);
      return a.ok ? a.value : m;
    });
    setSaving(false);
    if (!r.ok) return setFormError(errorText(r.error.code));
    showToast(kind === 'correction' ? '已添加更正' : '已添加补充');
    onClose();
  }

  return (
    <Dialog title="添加更正/补充" onClose={onClose} wide testId="correction-form">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <p className="dialog-text">会议记录已定稿，原记录内容不会被修改；更正或补充将注明时间、添加人和原因，附在原记录之后。</p>
        <FormError text={formError} />
        <div className="form-grid">
          <SelectField
            label="类型"
            name="correctionKind"
            options={[
              { value: 'correction', label: '更正' },
              { value: 'supplement', label: '补充' },
            ]}
            value={kind}
            onChange={(v) => setKind(v === 'supplement' ? 'supplement' : 'correction')}
          />
          <SelectField label="针对" name="correctionTarget" empty="整份记录" options={targets} value={target} onChange={setTarget} />
        </div>
        <TextField
          label="原因"
          name="correctionReason"
          required
          value={reason}
          onChange={(v) => {
            setReason(v);
            setErrors((x) => ({ ...x, reason: undefined }));
          }}
          error={errors.reason}
        />
        <TextAreaField
          label="内容"
          name="correctionText"
          required
          rows={6}
          value={text}
          onChange={(v) => {
            setText(v);
            setErrors((x) => ({ ...x, text: undefined }));
          }}
          error={errors.text}
        />
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="primary" disabled={saving} data-testid="save-correction">
            保存
          </button>
        </div>
      </form>
    </Dialog>
  );
}
