// 出席情况: the check-in list of 应到 members (tick as they arrive), 请假/缺席 with a reason, 列席 and guests, and the
// counts 应到/实到/请假/缺席/列席.
import { useState, type FormEvent } from 'react';
import {
  applyMeetingAction,
  attendanceSummary,
  type Attendee,
  type AttendeeStatus,
} from '../../../shared/domain/minutes';
import { localTime } from '../../../shared/domain/common/dates';
import { formatAreaDm2 } from '../../../shared/domain/common/decimal';
import { useUiStore } from '../../ui/ui-store';
import { errorText } from '../../i18n/errors';
import { minutesErrorText } from '../../i18n/minutes-errors';
import { DraftInput } from './draft-fields';
import { actionContext, useEditor } from './editor-context';
import { PEOPLE_LIST_ID } from './HeaderSection';
import { ATTENDEE_ROLE_LABELS } from './labels';
import { addAttendee, patchObject, removeAttendee, updateAttendee, type Mutation } from './meeting-edits';
import { parseOptionalArea } from './parse';

const setAttendance =
  (attendeeId: string, status: AttendeeStatus, reason: string | undefined): Mutation =>
  (d) => {
    const r = applyMeetingAction(d, { kind: 'setAttendance', attendeeId, status, reason }, actionContext());
    return r.ok ? r.value : d;
  };

const clockOf = (iso: string | undefined): string => (iso ? localTime(iso) : '');

const STATUS_OPTIONS: readonly { value: AttendeeStatus; label: string }[] = [
  { value: 'unknown', label: '未登记' },
  { value: 'present', label: '出席' },
  { value: 'leave', label: '请假' },
  { value: 'absent', label: '缺席' },
];

function AttendeeRow({ a, assembly }: { a: Attendee; assembly: boolean }) {
  const { change, edit, problemAt } = useEditor();
  const setStatus = (status: AttendeeStatus) =>
    change(setAttendance(a.id, status, status === 'leave' || status === 'absent' ? a.reason : undefined));
  const needsReason = a.status === 'leave' || a.status === 'absent';
  const duplicate = problemAt(`attendees.${a.id}`);
  return (
    <tr data-testid="attendee-row" data-id={a.id} data-status={a.status} data-role={a.role}>
      <td className="cell-check">
        <input
          type="checkbox"
          aria-label={`${a.name} 到会`}
          data-testid="check-in"
          checked={a.status === 'present'}
          onChange={(e) => setStatus(e.target.checked ? 'present' : 'unknown')}
        />
      </td>
      <td className="cell-name">
        {a.name}
        {a.post && <span className="muted">（{a.post}）</span>}
        {a.role !== 'member' && <span className="badge badge-muted">{ATTENDEE_ROLE_LABELS[a.role]}</span>}
        {duplicate && (
          <p className="field-error" role="alert">
            {duplicate}
          </p>
        )}
      </td>
      <td>
        <select
          aria-label={`${a.name} 出席情况`}
          data-testid="attendance-status"
          data-path={`attendees.${a.id}.status`}
          value={a.status}
          onChange={(e) => {
            const v = STATUS_OPTIONS.find((o) => o.value === e.target.value);
            if (v) setStatus(v.value);
          }}
        >
          {STATUS_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {a.role !== 'member' && o.value === 'present' ? '列席' : o.label}
            </option>
          ))}
        </select>
      </td>
      <td className="cell-reason">
        {needsReason && (
          <DraftInput
            label={`${a.name} 请假/缺席原因`}
            labelHidden
            name="reason"
            placeholder="原因（可不填）"
            maxLength={200}
            stored={a.reason ?? ''}
            field={{ key: `attendees.${a.id}.reason` }}
            commit={(v) =>
              edit(`attendees.${a.id}.reason`, updateAttendee(a.id, (x) => patchObject(x, { reason: v.trim() === '' ? undefined : v })))
            }
          />
        )}
      </td>
      {assembly && (
        <td className="cell-area">
          <DraftInput
            label={`${a.name} 专有面积（平方米）`}
            labelHidden
            name="areaDm2"
            inputMode="decimal"
            placeholder="面积"
            stored={a.areaDm2 === undefined ? '' : formatAreaDm2(a.areaDm2)}
            field={{ key: `attendees.${a.id}.areaDm2` }}
            commit={(v) => {
              const n = parseOptionalArea(v);
              if (!n.ok) return errorText(n.error);
              return edit(`attendees.${a.id}.areaDm2`, updateAttendee(a.id, (x) => patchObject(x, { areaDm2: n.value })), [
                `attendees.${a.id}`,
              ]);
            }}
          />
        </td>
      )}
      <td className="cell-nowrap muted" data-testid="checked-in-at">
        {a.status === 'present' && a.checkedInAt ? `${clockOf(a.checkedInAt)} 签到` : ''}
      </td>
      <td className="cell-actions">
        <button type="button" className="link danger" onClick={() => change(removeAttendee(a.id))} aria-label={`移除 ${a.name}`}>
          移除
        </button>
      </td>
    </tr>
  );
}

function AttendeeTable({ list, assembly, testId }: { list: readonly Attendee[]; assembly: boolean; testId: string }) {
  return (
    <div className="table-wrap">
      <table className="table compact attendance-table" data-testid={testId}>
        <thead>
          <tr>
            <th>到会</th>
            <th>姓名</th>
            <th>出席情况</th>
            <th>原因</th>
            {assembly && <th>专有面积</th>}
            <th>签到时间</th>
            <th>操作</th>
          </tr>
        </thead>
        <tbody>
          {list.map((a) => (
            <AttendeeRow key={a.id} a={a} assembly={assembly} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Type a name, press Enter: that person is marked present. */
function QuickCheckIn() {
  const { meeting, change } = useEditor();
  const showToast = useUiStore((s) => s.showToast);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    const q = text.trim();
    if (q === '') return;
    const exact = meeting.attendees.filter((a) => a.name.trim() === q);
    const found = exact.length > 0 ? exact : meeting.attendees.filter((a) => a.name.includes(q));
    const [only] = found;
    if (!only) return setError(minutesErrorText('PERSON_NOT_FOUND'));
    if (found.length > 1) return setError(minutesErrorText('PERSON_AMBIGUOUS'));
    change(setAttendance(only.id, 'present', undefined));
    showToast(`已签到：${only.name}`);
    setText('');
    setError(null);
  }
  return (
    <form className="quick-check-in" onSubmit={submit} noValidate>
      <label htmlFor="quick-check-in">快速签到</label>
      <input
        id="quick-check-in"
        data-testid="quick-check-in"
        placeholder="输入姓名后按回车"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        aria-invalid={error ? true : undefined}
      />
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}

function AddAttendeeForm() {
  const { people, change } = useEditor();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Attendee['role']>('observer');
  const [post, setPost] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const n = name.trim();
    if (n === '') return setError(minutesErrorText('ATTENDEE_NAME_REQUIRED'));
    const p = people.find((x) => x.name === n);
    const a: Attendee = {
      id: crypto.randomUUID(),
      name: n,
      role,
      // Observers and guests are added as they arrive; members are ticked off like the others.
      status: role === 'member' ? 'unknown' : 'present',
      ...(role === 'member' ? {} : { checkedInAt: new Date().toISOString() }),
      ...(p ? { personId: p.id, party: p.party } : {}),
      ...(post.trim() || p?.post ? { post: post.trim() || p?.post } : {}),
    };
    const refused = change(addAttendee(a), [`attendees.${a.id}`]);
    if (refused) return setError(refused);
    setName('');
    setPost('');
    setError(null);
  }

  return (
    <form className="add-attendee" onSubmit={submit} noValidate data-testid="add-attendee">
      <div className="field">
        <label htmlFor="add-attendee-name">姓名</label>
        <input
          id="add-attendee-name"
          data-testid="field-attendeeName"
          data-path="attendees"
          list={PEOPLE_LIST_ID}
          placeholder="从名册选择或输入来宾姓名"
          maxLength={100}
          value={name}
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
        />
        {error && (
          <p className="field-error" role="alert" data-testid="error-attendeeName">
            {error}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="add-attendee-role">身份</label>
        <select
          id="add-attendee-role"
          value={role}
          onChange={(e) => setRole(e.target.value === 'member' ? 'member' : e.target.value === 'guest' ? 'guest' : 'observer')}
        >
          <option value="member">应到成员</option>
          <option value="observer">列席</option>
          <option value="guest">特邀来宾</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="add-attendee-post">职务或单位</label>
        <input id="add-attendee-post" maxLength={50} value={post} onChange={(e) => setPost(e.target.value)} />
      </div>
      <button type="submit">添加参会人员</button>
    </form>
  );
}

export function AttendanceSection() {
  const { meeting: m } = useEditor();
  const s = attendanceSummary(m);
  const assembly = m.type === 'owners_assembly';
  const members = m.attendees.filter((a) => a.role === 'member');
  const others = m.attendees.filter((a) => a.role !== 'member');
  return (
    <section className="card minutes-card" aria-labelledby="minutes-attendance-title" data-testid="attendance">
      <h2 id="minutes-attendance-title">出席情况</h2>
      <p className="attendance-counts" data-testid="attendance-counts">
        <span>
          应到 <strong data-testid="count-expected">{s.expected}</strong> 人
        </span>
        <span>
          实到 <strong data-testid="count-present">{s.present}</strong> 人
        </span>
        <span>
          请假 <strong data-testid="count-leave">{s.leave}</strong> 人
        </span>
        <span>
          缺席 <strong data-testid="count-absent">{s.absent}</strong> 人
        </span>
        <span>
          列席 <strong data-testid="count-observers">{s.observers}</strong> 人
        </span>
        {s.unknown > 0 && (
          <span className="warn-text">
            未登记 <strong data-testid="count-unknown">{s.unknown}</strong> 人
          </span>
        )}
      </p>
      {m.attendees.length > 0 && <QuickCheckIn />}
      {members.length > 0 ? (
        <AttendeeTable list={members} assembly={assembly} testId="members-table" />
      ) : (
        <p className="muted">
          {assembly ? '业主大会按参与表决的人数和面积统计；如需记名表决，可在下方添加业主。' : '名册中没有该类会议的应到人员，请在下方添加。'}
        </p>
      )}
      {others.length > 0 && (
        <>
          <h3 className="subhead">列席与来宾</h3>
          <AttendeeTable list={others} assembly={false} testId="observers-table" />
        </>
      )}
      <AddAttendeeForm />
    </section>
  );
}
