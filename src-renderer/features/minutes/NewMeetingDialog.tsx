// 新建会议: choose the type (and date); the template fills in the agenda, who is expected (from the roster) and the
// vote rule (from settings); the editor opens on the new record.
import { useMemo, useState, type FormEvent } from 'react';
import { isCalendarDate } from '../../../shared/domain/common/text';
import { expectedPeople, MEETING_TYPE_LABELS, templateFor } from '../../../shared/domain/minutes';
import { sortRoster, type RosterRecord } from '../../../shared/domain/roster';
import { MEETING_TYPES, type MeetingType } from '../../../shared/schema';
import { useDatabase } from '../../db/context';
import { useRosterDocs, useSettings } from '../../db/hooks';
import { errorText } from '../../i18n/errors';
import { minutesErrorText } from '../../i18n/minutes-errors';
import { localDate } from '../../../shared/domain/common/dates';
import { Dialog } from '../../ui/Dialog';
import { FormError, SelectField, TextField } from '../../ui/fields';
import { createMeeting } from './minutes-writes';
import { openMeeting } from './route';

const TYPE_OPTIONS = MEETING_TYPES.map((t) => ({ value: t, label: MEETING_TYPE_LABELS[t] }));
const isMeetingType = (s: string): s is MeetingType => (MEETING_TYPES as readonly string[]).includes(s);

export function NewMeetingDialog({ onClose }: { onClose: () => void }) {
  const db = useDatabase();
  const settings = useSettings();
  const roster = useRosterDocs('person');
  const [type, setType] = useState<MeetingType>('council');
  const [date, setDate] = useState(localDate(new Date()));
  const [dateError, setDateError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const ready = settings.status === 'ready' && roster.status === 'ready';
  // Expected attendees in the order the roster lists people (by name), not storage order.
  const people = useMemo((): readonly RosterRecord[] => (roster.status === 'ready' ? sortRoster(roster.data) : []), [roster]);
  const template = templateFor(type);
  const expected = expectedPeople(template.attend, people);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (saving || !ready) return;
    if (!isCalendarDate(date)) return setDateError(minutesErrorText('DATE_INVALID'));
    setSaving(true);
    const r = await createMeeting(db, { type, date, roster: people, settings: settings.data });
    setSaving(false);
    if (!r.ok) return setFormError(errorText(r.error.code));
    onClose();
    openMeeting(r.value.id);
  }

  return (
    <Dialog title="新建会议" onClose={onClose} testId="new-meeting">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <FormError text={formError} />
        <SelectField label="会议类型" name="meetingType" options={TYPE_OPTIONS} value={type} onChange={(v) => isMeetingType(v) && setType(v)} />
        <TextField
          label="会议日期"
          name="meetingDate"
          type="date"
          value={date}
          onChange={(v) => {
            setDate(v);
            setDateError(undefined);
          }}
          error={dateError}
        />
        <div className="template-preview" data-testid="template-preview">
          <p>
            <strong>预设议题：</strong>
            {template.agenda.length > 0 ? template.agenda.join('；') : '无（可在记录中添加）'}
          </p>
          <p>
            <strong>应到人员：</strong>
            {template.attend.kind === 'none'
              ? '不预设，可在记录中添加'
              : roster.status !== 'ready'
                ? '正在读取名册……'
                : expected.length > 0
                ? `${expected.map((p) => p.name).join('、')}（共 ${expected.length} 人，来自组织人员名册）`
                : '名册中暂无相应人员，可在记录中添加'}
          </p>
        </div>
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="primary" disabled={saving || !ready} data-testid="create-meeting">
            创建并开始记录
          </button>
        </div>
      </form>
    </Dialog>
  );
}
