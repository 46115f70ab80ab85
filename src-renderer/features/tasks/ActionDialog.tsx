// Taking an action on a task: actions that need a reason (退回, 挂起, 恢复, 撤销, 驳回延期) or a new date (申请延期) ask
// for it here; the state machine's refusal is shown in Chinese and nothing is written.
import { useState, type FormEvent } from 'react';
import { isCalendarDate } from '../../../shared/domain/common/text';
import { taskRuleMessage } from '../../../shared/domain/tasks';
import { TASK_ACTION_LABELS } from '../../../shared/domain/tasks/labels';
import type { Task, TaskActionInput } from '../../../shared/domain/tasks/types';
import type { TaskAction } from '../../../shared/schema';
import { useDatabase } from '../../db/context';
import { errorText } from '../../i18n/errors';
import { Dialog } from '../../ui/Dialog';
import { FormError, TextAreaField, TextField } from '../../ui/fields';
import { useUiStore } from '../../ui/ui-store';
import { useTaskActor, useToday } from './hooks';
import { performAction } from './tasks-writes';

/** Runs one action now; resolves to the Chinese reason it was refused (or failed to save), or null when done. */
export function useRunAction(): (task: Task, input: TaskActionInput) => Promise<string | null> {
  const db = useDatabase();
  const actor = useTaskActor();
  const today = useToday();
  const showToast = useUiStore((s) => s.showToast);
  return async (task, input) => {
    const r = await performAction(db, task.id, input, actor, today);
    if (r.ok) {
      showToast(`已${TASK_ACTION_LABELS[input.action]}：${task.title}`);
      return null;
    }
    return r.error.kind === 'rule' ? taskRuleMessage(r.error.error) : errorText(r.error.error.code, r.error.error.detail);
  };
}

const REASON_LABELS: Partial<Record<TaskAction, string>> = {
  return: '退回原因',
  suspend: '挂起原因',
  resume: '恢复说明',
  cancel: '撤销原因',
  reject_extension: '驳回原因',
  request_extension: '延期理由',
};

export function ActionDialog({ task, action, onClose }: { task: Task; action: TaskAction; onClose: () => void }) {
  const run = useRunAction();
  const [reason, setReason] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; dueDate?: string }>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const extension = action === 'request_extension';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: { reason?: string; dueDate?: string } = {};
    if (reason.trim() === '') found.reason = `请填写${REASON_LABELS[action] ?? '原因'}。`;
    if (extension && !isCalendarDate(dueDate.trim())) found.dueDate = '请按“年-月-日”填写新的截止日期，如 2026-03-15。';
    setErrors(found);
    if (found.reason || found.dueDate) return;
    setBusy(true);
    const input: TaskActionInput = extension ? { action, reason: reason.trim(), dueDate: dueDate.trim() } : { action, reason: reason.trim() };
    const refused = await run(task, input);
    setBusy(false);
    if (refused) setRefusal(refused);
    else onClose();
  }

  return (
    <Dialog title={`${TASK_ACTION_LABELS[action]}：${task.title}`} onClose={onClose} testId="action-dialog">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <FormError text={refusal} />
        {extension && (
          <TextField
            label="新的截止日期"
            name="extensionDueDate"
            type="date"
            required
            hint={task.dueDate ? `当前截止日期：${task.dueDate}` : undefined}
            value={dueDate}
            onChange={(v) => {
              setDueDate(v);
              setErrors((x) => ({ ...x, dueDate: undefined }));
            }}
            error={errors.dueDate}
          />
        )}
        <TextAreaField
          label={REASON_LABELS[action] ?? '原因'}
          name="reason"
          required
          value={reason}
          onChange={(v) => {
            setReason(v);
            setErrors((x) => ({ ...x, reason: undefined }));
          }}
          error={errors.reason}
        />
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="primary" disabled={busy} data-testid="confirm-action">
            确定{TASK_ACTION_LABELS[action]}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
