// 进展记录: the task's log, newest first (status changes, progress, 催办 and escalation), and adding an entry with up
// to 3 photos, made small on this PC before saving.
import { useState, type FormEvent } from 'react';
import { localDateTime } from '../../../shared/domain/common/dates';
import { PARTY_LABELS } from '../../../shared/domain/roster';
import { progressErrorMessage } from '../../../shared/domain/tasks';
import { TASK_UPDATE_KIND_LABELS } from '../../../shared/domain/tasks/labels';
import type { Task, TaskUpdate } from '../../../shared/domain/tasks/types';
import { PARTIES, type Party, type TaskUpdateKind } from '../../../shared/schema';
import { useDatabase } from '../../db/context';
import { errorText } from '../../i18n/errors';
import { Badge } from '../../ui/Badge';
import { FormError, SelectField, TextAreaField } from '../../ui/fields';
import { useUiStore } from '../../ui/ui-store';
import { useRosterLists, useTaskActor } from './hooks';
import { MAX_PHOTOS, resizePhoto, type Photo } from './photos';
import { addTaskEntry } from './tasks-writes';

const KIND_TONE: Record<TaskUpdateKind, 'muted' | 'info' | 'warn' | 'ok'> = {
  comment: 'muted',
  progress: 'info',
  status: 'ok',
  urge: 'warn',
  escalation: 'warn',
};

function Entry({ u }: { u: TaskUpdate }) {
  return (
    <li className="log-entry" data-testid="log-entry" data-kind={u.kind}>
      <div className="log-head">
        <Badge tone={KIND_TONE[u.kind]}>{TASK_UPDATE_KIND_LABELS[u.kind]}</Badge>
        <span className="mono muted">{localDateTime(u.at)}</span>
        {u.authorName && <span>{u.authorName}</span>}
        {u.party && <span className="muted">{PARTY_LABELS[u.party]}</span>}
      </div>
      {/* A status entry's text names the move (签收：待分派 → 已签收) and its reason. */}
      {u.text && <p className={`log-text pre${u.kind === 'status' ? ' log-status' : ''}`}>{u.text}</p>}
      {u.photos && u.photos.length > 0 && (
        <div className="log-photos">
          {u.photos.map((p) => (
            <a key={p.id} href={p.dataUrl} target="_blank" rel="noreferrer" title={p.name}>
              <img src={p.dataUrl} alt={p.name ?? '照片'} />
            </a>
          ))}
        </div>
      )}
    </li>
  );
}

function AddEntry({ task }: { task: Task }) {
  const db = useDatabase();
  const actor = useTaskActor();
  const { all } = useRosterLists();
  const showToast = useUiStore((s) => s.showToast);
  const mine = actor.personId ? all.get(actor.personId)?.party : undefined;
  const [kind, setKind] = useState<'progress' | 'comment'>('progress');
  const [text, setText] = useState('');
  const [party, setParty] = useState<Party | ''>(mine ?? '');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function addPhotos(files: FileList | null) {
    if (!files) return;
    const room = MAX_PHOTOS - photos.length;
    const picked = [...files].slice(0, Math.max(0, room));
    if (files.length > room) setFormError(`每条记录最多 ${MAX_PHOTOS} 张照片。`);
    setBusy(true);
    const made = await Promise.all(picked.map((f) => resizePhoto(f)));
    setBusy(false);
    if (made.some((p) => p === null)) setFormError('有照片无法读取，请选择 JPG 或 PNG 图片。');
    setPhotos((old) => [...old, ...made.filter((p): p is Photo => p !== null)].slice(0, MAX_PHOTOS));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (text.trim() === '' && photos.length === 0) return setError('请填写进展内容或附上照片。');
    setBusy(true);
    const r = await addTaskEntry(
      db,
      task,
      { kind, text: text.trim(), ...(photos.length ? { photos } : {}), ...(party ? { party } : {}) },
      actor,
    );
    setBusy(false);
    if (!r.ok) return setFormError(r.error.kind === 'entry' ? progressErrorMessage(r.error) : errorText(r.error.error.code, r.error.error.detail));
    setText('');
    setPhotos([]);
    setFormError(null);
    showToast('已添加进展记录');
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="log-add" data-testid="add-entry">
      <FormError text={formError} />
      <div className="form-grid">
        <SelectField
          label="记录类型"
          name="entryKind"
          value={kind}
          options={[
            { value: 'progress', label: '办理进展' },
            { value: 'comment', label: '备注' },
          ]}
          onChange={(v) => setKind(v as 'progress' | 'comment')}
        />
        <SelectField
          label="记录方"
          name="entryParty"
          value={party}
          empty="（不注明）"
          options={PARTIES.map((p) => ({ value: p, label: PARTY_LABELS[p] }))}
          onChange={(v) => setParty(v as Party | '')}
        />
        <TextAreaField
          label="进展内容"
          name="entryText"
          className="span-2"
          value={text}
          onChange={(v) => {
            setText(v);
            setError(undefined);
          }}
          error={error}
        />
      </div>
      <div className="input-row">
        <label className="button small">
          添加照片（最多 {MAX_PHOTOS} 张）
          <input
            type="file"
            accept="image/*"
            multiple
            className="visually-hidden"
            aria-label="添加照片"
            disabled={photos.length >= MAX_PHOTOS}
            onChange={(e) => {
              void addPhotos(e.target.files);
              e.target.value = '';
            }}
          />
        </label>
        {photos.map((p) => (
          <span key={p.id} className="photo-thumb">
            <img src={p.dataUrl} alt={p.name} />
            <button type="button" className="small" aria-label={`移除 ${p.name}`} onClick={() => setPhotos((old) => old.filter((x) => x.id !== p.id))}>
              ×
            </button>
          </span>
        ))}
        <span className="toolbar-spacer" />
        <button type="submit" className="primary" disabled={busy} data-testid="save-entry">
          添加记录
        </button>
      </div>
    </form>
  );
}

export function ProgressLog({ task, updates }: { task: Task; updates: readonly TaskUpdate[] }) {
  return (
    <section className="card" aria-labelledby="task-log">
      <h2 id="task-log">进展记录</h2>
      <AddEntry task={task} />
      {updates.length === 0 ? (
        <p className="muted">还没有进展记录。</p>
      ) : (
        <ol className="log" data-testid="task-log">
          {updates.map((u) => (
            <Entry key={u.id} u={u} />
          ))}
        </ol>
      )}
    </section>
  );
}
