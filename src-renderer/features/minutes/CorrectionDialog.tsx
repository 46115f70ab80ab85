// 更正/补充 on a finalised record: dated, with author and reason; appended beside the original, which is never altered.
import { useMemo, useState, type FormEvent } from 'react';
import {
  applyMeetingAction,
  correctionBase,
  diffText,
  isUnchanged,
  resolutionById,
  tallyOf,
  type CorrectionInput,
  type Meeting,
  type Vote,
} from '../../../shared/domain/minutes';
import { formatAreaDm2 } from '../../../shared/domain/common/decimal';
import { err, ok, type Result } from '../../../shared/result';
import { useUiStore } from '../../ui/ui-store';
import { errorText } from '../../i18n/errors';
import { minutesErrorText } from '../../i18n/minutes-errors';
import { Dialog } from '../../ui/Dialog';
import { FormError, SelectField, TextAreaField, TextField } from '../../ui/fields';
import { ChangesView } from './ChangesView';
import { actionContext, problemText, useEditor } from './editor-context';
import { parseOptionalArea, parseVoteCount } from './parse';
import { cnNumeral } from './print';

type Kind = CorrectionInput['kind'];

type CountKey = 'yes' | 'no' | 'abstain';
type AreaKey = 'yesAreaDm2' | 'noAreaDm2' | 'abstainAreaDm2';
type VoteTexts = Record<CountKey | AreaKey, string>;
const COUNT_FIELDS: readonly [CountKey, string][] = [
  ['yes', '同意'],
  ['no', '反对'],
  ['abstain', '弃权'],
];
const AREA_FIELDS: readonly [AreaKey, string][] = [
  ['yesAreaDm2', '同意面积（平方米）'],
  ['noAreaDm2', '反对面积（平方米）'],
  ['abstainAreaDm2', '弃权面积（平方米）'],
];

/** The vote as recorded (a roll call as its counts), as the boxes of a corrected vote start. */
function voteTexts(m: Meeting, targetId: string): VoteTexts | null {
  const r = resolutionById(m, targetId);
  if (!r || r.vote.method === 'none') return null;
  const t = tallyOf(m, r.vote);
  const area = (n: number | undefined): string => (n === undefined ? '' : formatAreaDm2(n));
  return {
    yes: String(t.yes),
    no: String(t.no),
    abstain: String(t.abstain),
    yesAreaDm2: area(t.area?.yes),
    noAreaDm2: area(t.area?.no),
    abstainAreaDm2: area(t.area?.abstain),
  };
}

/** The corrected vote typed in the boxes (always as counts), or the field that could not be read. */
function voteOf(texts: VoteTexts, assembly: boolean): Result<Vote, { field: string; message: string }> {
  const vote: { method: 'count' } & Partial<Record<CountKey | AreaKey, number>> = { method: 'count' };
  for (const [k, label] of COUNT_FIELDS) {
    const n = parseVoteCount(texts[k]);
    if (!n.ok) return err({ field: k, message: `${label}：${errorText(n.error)}` });
    if (n.value !== undefined) vote[k] = n.value;
  }
  if (assembly)
    for (const [k, label] of AREA_FIELDS) {
      const n = parseOptionalArea(texts[k]);
      if (!n.ok) return err({ field: k, message: `${label}：${errorText(n.error)}` });
      if (n.value !== undefined) vote[k] = n.value;
    }
  return ok(vote);
}

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
  const assembly = meeting.type === 'owners_assembly';
  // A 更正 of a decision may also correct its vote (M17): the boxes start from the vote as recorded.
  const recorded = kind === 'correction' && target ? voteTexts(meeting, target) : null;
  const [correctVote, setCorrectVote] = useState(false);
  const [votes, setVotes] = useState<VoteTexts | null>(null);
  const shownVotes = votes ?? recorded;
  // What the text changes, as it will be printed (R4).
  const changes = useMemo(() => {
    if (kind !== 'correction' || !target) return null;
    const base = correctionBase(meeting, { id: '', kind, at: '', by: '', reason: '', targetId: target, text });
    return base === null ? null : diffText(base, text);
  }, [meeting, kind, target, text]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    let vote: Vote | undefined;
    if (recorded && correctVote && shownVotes) {
      const v = voteOf(shownVotes, assembly);
      if (!v.ok) return setFormError(v.error.message);
      vote = v.value;
    }
    const correction: CorrectionInput = { kind, reason, text, ...(target ? { targetId: target } : {}), ...(vote ? { vote } : {}) };
    const ctx = actionContext(crypto.randomUUID());
    const check = applyMeetingAction(meeting, { kind: 'addCorrection', correction }, ctx);
    if (!check.ok) {
      const error = check.error;
      if (error.code === 'REASON_REQUIRED') return setErrors({ reason: minutesErrorText(error.code) });
      if (error.code === 'TEXT_REQUIRED') return setErrors({ text: minutesErrorText(error.code) });
      if (error.code === 'CORRECTION_VOTE_INVALID' && error.errors[0])
        return setFormError(`${minutesErrorText(error.code)}${problemText(error.errors[0], meeting)}`);
      return setFormError(minutesErrorText(error.code));
    }
    setSaving(true);
    const r = await session.act((m) => applyMeetingAction(m, { kind: 'addCorrection', correction }, ctx));
    setSaving(false);
    if (!r.ok) return setFormError(r.error.code === 'ACTION_REFUSED' ? minutesErrorText(r.error.refusal.code) : errorText(r.error.code));
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
          <SelectField
            label="针对"
            name="correctionTarget"
            empty="整份记录"
            options={targets}
            value={target}
            onChange={(v) => {
              setTarget(v);
              setVotes(null);
              setCorrectVote(false);
            }}
          />
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
        {changes && !isUnchanged(changes) && (
          <div className="correction-preview" data-testid="correction-preview">
            <p className="muted">修改处（打印时同样标出）：</p>
            <ChangesView segments={changes} />
          </div>
        )}
        {recorded && shownVotes && (
          <fieldset className="corrected-vote" data-testid="corrected-vote-fields">
            <legend>
              <label>
                <input type="checkbox" checked={correctVote} onChange={(e) => setCorrectVote(e.target.checked)} data-testid="correct-vote" />{' '}
                同时更正表决票数（纪要将按更正后的票数写明表决结果）
              </label>
            </legend>
            {correctVote && (
              <div className="vote-counts">
                {[...COUNT_FIELDS, ...(assembly ? AREA_FIELDS : [])].map(([k, label]) => (
                  <TextField
                    key={k}
                    label={`更正后${label}`}
                    name={`corrected-${k}`}
                    inputMode={k.endsWith('AreaDm2') ? 'decimal' : 'numeric'}
                    value={shownVotes[k]}
                    onChange={(v) => setVotes({ ...shownVotes, [k]: v })}
                  />
                ))}
              </div>
            )}
          </fieldset>
        )}
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
