// 新建 / 编辑任务: every field of a task but its status. The rules (newTask / editTask) check everything; an error
// shows at its field and nothing is saved until all are right.
import { useState, type FormEvent } from 'react';
import { PARTY_LABELS, type RosterRecord } from '../../../shared/domain/roster';
import { TASK_PRIORITY_LABELS, TASK_SOURCE_LABELS } from '../../../shared/domain/tasks/labels';
import { taskFieldMessage } from '../../../shared/domain/tasks';
import type { CoParty, Task, TaskInput, TaskSource } from '../../../shared/domain/tasks/types';
import { PARTIES, TASK_PRIORITIES, TASK_SOURCE_KINDS, type Party, type TaskPriority, type TaskSourceKind } from '../../../shared/schema';
import { useDatabase } from '../../db/context';
import { errorText } from '../../i18n/errors';
import { Dialog } from '../../ui/Dialog';
import { FieldFrame, FormError, SelectField, TextAreaField, TextField, type Option } from '../../ui/fields';
import { routeHash } from '../../ui/route';
import { useUiStore } from '../../ui/ui-store';
import { useRosterLists } from './hooks';
import { openTask } from './route';
import { saveTask, type TaskFormErrors } from './tasks-writes';

type CoRow = { key: string; party: Party | ''; organizationId: string; personId: string };

type FormState = {
  title: string;
  description: string;
  sourceKind: TaskSourceKind | '';
  listName: string;
  listItemNo: string;
  listItemTitle: string;
  residentName: string;
  residentBuilding: string;
  residentPhone: string;
  sourceOrganizationId: string;
  projectName: string;
  note: string;
  leadParty: Party | '';
  leadOrganizationId: string;
  ownerId: string;
  coParties: CoRow[];
  dueDate: string;
  priority: TaskPriority;
  location: string;
  category: string;
  tags: string;
};

const MAX_CO_PARTIES = 5;
let rowKey = 0;
const newRowKey = (): string => `co${++rowKey}`;

function initialState(task: Task | undefined): FormState {
  const s = task?.source;
  return {
    title: task?.title ?? '',
    description: task?.description ?? '',
    sourceKind: s?.kind ?? '',
    listName: s?.listName ?? '',
    listItemNo: s?.listItemNo ?? '',
    listItemTitle: s?.listItemTitle ?? '',
    residentName: s?.residentName ?? '',
    residentBuilding: s?.residentBuilding ?? '',
    residentPhone: s?.residentPhone ?? '',
    sourceOrganizationId: s?.organizationId ?? '',
    projectName: s?.projectName ?? '',
    note: s?.note ?? '',
    leadParty: task?.leadParty ?? '',
    leadOrganizationId: task?.leadOrganizationId ?? '',
    ownerId: task?.ownerId ?? '',
    coParties: (task?.coParties ?? []).map((c) => ({
      key: newRowKey(),
      party: c.party,
      organizationId: c.organizationId ?? '',
      personId: c.personId ?? '',
    })),
    dueDate: task?.dueDate ?? '',
    priority: task?.priority ?? 'normal',
    location: task?.location ?? '',
    category: task?.category ?? '',
    tags: (task?.tags ?? []).join('，'),
  };
}

const text = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());

/** Only the sub-fields of the chosen kind are kept; a meeting's links are kept as they are (they are not edited). */
function sourceOf(f: FormState, old: TaskSource | undefined): TaskSource | undefined {
  if (f.sourceKind === '') return undefined;
  const fields: Record<string, string | undefined> =
    f.sourceKind === 'meeting'
      ? { meetingId: old?.meetingId, resolutionId: old?.resolutionId, actionItemId: old?.actionItemId }
      : f.sourceKind === 'governance_list'
        ? { listName: text(f.listName), listItemNo: text(f.listItemNo), listItemTitle: text(f.listItemTitle) }
        : f.sourceKind === 'resident'
          ? { residentName: text(f.residentName), residentBuilding: text(f.residentBuilding), residentPhone: text(f.residentPhone) }
          : f.sourceKind === 'co_builder'
            ? { organizationId: text(f.sourceOrganizationId), projectName: text(f.projectName) }
            : {};
  const source: Record<string, string> = { kind: f.sourceKind };
  for (const [k, v] of Object.entries({ ...fields, note: text(f.note) })) if (v !== undefined) source[k] = v;
  return source as TaskSource;
}

function inputOf(f: FormState, old: Task | undefined, names: ReadonlyMap<string, RosterRecord>): TaskInput {
  const coParties: CoParty[] = f.coParties
    .filter((c) => c.party !== '')
    .map((c) => {
      const row: CoParty = { party: c.party as Party };
      if (c.organizationId) Object.assign(row, { organizationId: c.organizationId, organizationName: names.get(c.organizationId)?.name });
      if (c.personId) Object.assign(row, { personId: c.personId, personName: names.get(c.personId)?.name });
      return row;
    });
  const tags = [...new Set(f.tags.split(/[,，、;；\s]+/).map((t) => t.trim()).filter((t) => t !== ''))];
  return {
    title: f.title,
    description: text(f.description),
    leadParty: f.leadParty === '' ? undefined : f.leadParty,
    leadOrganizationId: text(f.leadOrganizationId),
    ownerId: text(f.ownerId),
    coParties,
    dueDate: text(f.dueDate),
    priority: f.priority,
    location: text(f.location),
    category: text(f.category),
    tags,
    source: sourceOf(f, old?.source),
  };
}

const orgOptions = (orgs: readonly RosterRecord[], party: Party | ''): Option[] =>
  orgs.filter((o) => o.party === party).map((o) => ({ value: o.id, label: o.name }));

/** People of the party first (they usually take it on), then everyone else. */
const peopleOptions = (people: readonly RosterRecord[], party: Party | ''): Option[] =>
  [...people.filter((p) => p.party === party), ...people.filter((p) => p.party !== party)].map((p) => ({
    value: p.id,
    label: `${p.name}（${PARTY_LABELS[p.party]}）`,
  }));

export function TaskForm({ task, onClose }: { task: Task | undefined; onClose: () => void }) {
  const db = useDatabase();
  const showToast = useUiStore((s) => s.showToast);
  const { roster, people, organizations, all } = useRosterLists();
  const [f, setF] = useState<FormState>(() => initialState(task));
  const [errors, setErrors] = useState<TaskFormErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const set = <K extends keyof FormState>(key: K, value: FormState[K], field?: keyof TaskFormErrors) => {
    setF((old) => ({ ...old, [key]: value }));
    if (field) setErrors((e) => ({ ...e, [field]: undefined }));
  };
  const errorAt = (field: keyof TaskFormErrors): string | undefined => {
    const e = errors[field];
    return e ? taskFieldMessage(field, e) : undefined;
  };
  const setCo = (key: string, patch: Partial<CoRow>) => {
    setF((old) => ({ ...old, coParties: old.coParties.map((c) => (c.key === key ? { ...c, ...patch } : c)) }));
    setErrors((e) => ({ ...e, coParties: undefined }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    setSaving(true);
    const r = await saveTask(db, task?.id ?? null, inputOf(f, task, all), roster);
    setSaving(false);
    if (!r.ok) {
      if (r.error.kind === 'fields') {
        setErrors(r.error.errors);
        setFormError('请按提示更正标红的项目，任务尚未保存。');
      } else setFormError(errorText(r.error.error.code, r.error.error.detail));
      return;
    }
    showToast(task ? '任务已保存' : `已新建任务：${f.title.trim()}`);
    onClose();
    if (!task) openTask(r.value.id);
  }

  const kinds = TASK_SOURCE_KINDS.filter((k) => k !== 'meeting' || f.sourceKind === 'meeting');
  const leadOrgs = orgOptions(organizations, f.leadParty);
  const coChoices = PARTIES.filter((p) => p !== f.leadParty);

  return (
    <Dialog title={task ? '编辑任务' : '新建任务'} onClose={onClose} wide testId="task-form">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <FormError text={formError} />
        <div className="form-grid">
          <TextField label="标题" name="title" required className="span-2" value={f.title} onChange={(v) => set('title', v, 'title')} error={errorAt('title')} />
          <TextAreaField label="描述" name="description" className="span-2" value={f.description} onChange={(v) => set('description', v, 'description')} error={errorAt('description')} />

          <SelectField
            label="来源"
            name="sourceKind"
            value={f.sourceKind}
            empty="（未填写）"
            options={kinds.map((k) => ({ value: k, label: TASK_SOURCE_LABELS[k] }))}
            onChange={(v) => set('sourceKind', v as TaskSourceKind | '', 'source')}
            error={errorAt('source')}
          />
          <div className="field">
            {f.sourceKind === 'meeting' && task?.source?.meetingId && (
              <p className="field-static">
                来自会议决议：
                <a href={routeHash('meetings', [task.source.meetingId])} data-testid="source-meeting-link">
                  查看会议记录
                </a>
              </p>
            )}
          </div>
          {f.sourceKind === 'governance_list' && (
            <>
              <TextField label="清单名称" name="listName" value={f.listName} onChange={(v) => set('listName', v, 'source')} />
              <TextField label="清单条目编号" name="listItemNo" value={f.listItemNo} onChange={(v) => set('listItemNo', v, 'source')} />
              <TextField label="清单条目" name="listItemTitle" className="span-2" value={f.listItemTitle} onChange={(v) => set('listItemTitle', v, 'source')} />
            </>
          )}
          {f.sourceKind === 'resident' && (
            <>
              <TextField label="居民姓名" name="residentName" value={f.residentName} onChange={(v) => set('residentName', v, 'source')} />
              <TextField label="楼栋房号" name="residentBuilding" value={f.residentBuilding} onChange={(v) => set('residentBuilding', v, 'source')} />
              <TextField label="联系电话" name="residentPhone" type="tel" inputMode="tel" value={f.residentPhone} onChange={(v) => set('residentPhone', v, 'source')} />
            </>
          )}
          {f.sourceKind === 'co_builder' && (
            <>
              <SelectField
                label="共建单位"
                name="sourceOrganizationId"
                value={f.sourceOrganizationId}
                empty="（请选择）"
                options={orgOptions(organizations, 'co_builder')}
                onChange={(v) => set('sourceOrganizationId', v, 'source')}
              />
              <TextField label="认领项目" name="projectName" value={f.projectName} onChange={(v) => set('projectName', v, 'source')} />
            </>
          )}
          {f.sourceKind !== '' && (
            <TextField label="来源备注" name="note" className="span-2" value={f.note} onChange={(v) => set('note', v, 'source')} />
          )}

          <SelectField
            label="牵头方"
            name="leadParty"
            required
            value={f.leadParty}
            empty="（请选择）"
            options={PARTIES.map((p) => ({ value: p, label: PARTY_LABELS[p] }))}
            onChange={(v) => {
              set('leadParty', v as Party | '', 'leadParty');
              set('leadOrganizationId', '', 'leadOrganizationId');
            }}
            error={errorAt('leadParty')}
          />
          {leadOrgs.length > 0 ? (
            <SelectField
              label="牵头单位"
              name="leadOrganizationId"
              value={f.leadOrganizationId}
              empty="（请选择）"
              options={leadOrgs}
              onChange={(v) => set('leadOrganizationId', v, 'leadOrganizationId')}
              error={errorAt('leadOrganizationId')}
            />
          ) : (
            <div className="field">{errorAt('leadOrganizationId') && <p className="field-error" role="alert" data-testid="error-leadOrganizationId">{errorAt('leadOrganizationId')}</p>}</div>
          )}
          <SelectField
            label="责任人"
            name="ownerId"
            value={f.ownerId}
            empty="（请选择）"
            options={peopleOptions(people, f.leadParty)}
            onChange={(v) => set('ownerId', v, 'ownerId')}
            error={errorAt('ownerId')}
          />
          <TextField
            label="截止日期"
            name="dueDate"
            type="date"
            hint={task && task.status !== 'pending' && task.dueDate ? '任务签收后，截止日期须通过“申请延期”经党支部批准后更改。' : undefined}
            value={f.dueDate}
            onChange={(v) => set('dueDate', v, 'dueDate')}
            error={errorAt('dueDate')}
          />

          <FieldFrame id="co-parties" label="配合方" name="coParties" className="span-2" error={errorAt('coParties')}>
            <div className="co-parties" id="co-parties" data-testid="field-coParties">
              {f.coParties.map((c, i) => (
                <div key={c.key} className="input-row co-party-row" data-testid={`co-party-${i}`}>
                  <select aria-label={`配合方 ${i + 1}`} value={c.party} onChange={(e) => setCo(c.key, { party: e.target.value as Party | '', organizationId: '' })}>
                    <option value="">（请选择一方）</option>
                    {(c.party !== '' && c.party === f.leadParty ? [...coChoices, c.party] : coChoices).map((p) => (
                      <option key={p} value={p}>
                        {PARTY_LABELS[p]}
                      </option>
                    ))}
                  </select>
                  <select aria-label={`配合方 ${i + 1} 单位`} value={c.organizationId} onChange={(e) => setCo(c.key, { organizationId: e.target.value })}>
                    <option value="">（单位，可不填）</option>
                    {orgOptions(organizations, c.party).map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                  <select aria-label={`配合方 ${i + 1} 联系人`} value={c.personId} onChange={(e) => setCo(c.key, { personId: e.target.value })}>
                    <option value="">（联系人，可不填）</option>
                    {peopleOptions(people, c.party).map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                  <button
                    type="button"
                    className="small"
                    onClick={() => set('coParties', f.coParties.filter((x) => x.key !== c.key), 'coParties')}
                  >
                    删除
                  </button>
                </div>
              ))}
              {f.coParties.length < MAX_CO_PARTIES && (
                <button
                  type="button"
                  className="small"
                  data-testid="add-co-party"
                  onClick={() => set('coParties', [...f.coParties, { key: newRowKey(), party: '', organizationId: '', personId: '' }])}
                >
                  添加配合方
                </button>
              )}
            </div>
          </FieldFrame>

          <SelectField
            label="优先级"
            name="priority"
            value={f.priority}
            options={TASK_PRIORITIES.map((p) => ({ value: p, label: TASK_PRIORITY_LABELS[p] }))}
            onChange={(v) => set('priority', v as TaskPriority, 'priority')}
            error={errorAt('priority')}
          />
          <TextField label="位置（楼栋/区域）" name="location" placeholder="如 3号楼2单元、北区停车场" value={f.location} onChange={(v) => set('location', v, 'location')} error={errorAt('location')} />
          <TextField label="分类" name="category" placeholder="如 环境卫生、设施维修" value={f.category} onChange={(v) => set('category', v, 'category')} error={errorAt('category')} />
          <TextField label="标签" name="tags" hint="多个标签用逗号或空格分隔" value={f.tags} onChange={(v) => set('tags', v, 'tags')} error={errorAt('tags')} />
        </div>
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="primary" disabled={saving} data-testid="save-task">
            {task ? '保存任务' : '新建任务'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
