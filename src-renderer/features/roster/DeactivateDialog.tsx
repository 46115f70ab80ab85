import { useState, type FormEvent } from 'react';
import type { RosterRecord } from '../../../shared/domain/roster';
import { useUiStore } from '../../ui/ui-store';
import { useDatabase } from '../../db/context';
import { errorText } from '../../i18n/errors';
import { localDate } from '../../../shared/domain/common/dates';
import { Dialog } from '../../ui/Dialog';
import { FormError, TextField } from '../../ui/fields';
import { deactivateRecord } from './roster-writes';

/** 标记为已离开 (people) / 标记为已退出 (organisations): with a date; the record is kept, never deleted. */
export function DeactivateDialog({ record, onClose }: { record: RosterRecord; onClose: () => void }) {
  const db = useDatabase();
  const showToast = useUiStore((s) => s.showToast);
  const isPerson = record.kind === 'person';
  const [leftAt, setLeftAt] = useState(() => localDate(new Date()));
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    setSaving(true);
    const r = await deactivateRecord(db, record.id, leftAt, localDate(new Date()));
    setSaving(false);
    if (!r.ok) {
      const code = r.error.code;
      if (code === 'LEFT_DATE_INVALID' || code === 'LEFT_DATE_IN_FUTURE') setFieldError(errorText(code));
      else setFormError(errorText(code));
      return;
    }
    showToast(isPerson ? `已标记为已离开：${record.name}` : `已标记为已退出：${record.name}`);
    onClose();
  }

  return (
    <Dialog title={`${isPerson ? '标记为已离开' : '标记为已退出'}：${record.name}`} onClose={onClose} testId="deactivate-dialog">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <FormError text={formError} />
        <p className="dialog-text">
          {isPerson
            ? '标记后，该人员不再出现在默认列表中（勾选「显示已离开」可查看），会议记录等历史资料中仍保留其姓名。可随时恢复。'
            : '标记后，该组织不再出现在默认列表中（勾选「显示已退出」可查看），历史资料中仍保留其名称。可随时恢复。'}
        </p>
        <TextField
          label={isPerson ? '离开日期' : '退出日期'}
          name="leftAt"
          type="date"
          required
          value={leftAt}
          onChange={(v) => {
            setLeftAt(v);
            setFieldError(undefined);
          }}
          error={fieldError}
        />
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="primary danger" disabled={saving} data-testid="confirm-deactivate">
            确认
          </button>
        </div>
      </form>
    </Dialog>
  );
}
