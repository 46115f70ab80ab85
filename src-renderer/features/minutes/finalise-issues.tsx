// What stops 定稿, shown above the record: values not saved, edits not written, required fields missing, problems,
// each named by its field's label; and where the focus goes first.
import type { FinaliseField, Meeting, MeetingFieldError } from '../../../shared/domain/minutes';
import { finaliseMissingText } from '../../i18n/minutes-errors';
import { focusPath } from './draft-fields';
import { heldText, problemText } from './editor-context';
import { heldFieldName, pathLabel } from './field-names';
import type { HeldField } from './meeting-session';

export type FinaliseIssues = {
  unsaved: readonly HeldField[];
  /** Queued edits the database did not take (disk full): 定稿 would be of something else than is shown. */
  notWritten: boolean;
  missing: readonly FinaliseField[];
  errors: readonly MeetingFieldError[];
};

/** Where the focus goes for a field 定稿 still needs (data-path of the control that fills it). */
function missingPath(m: Meeting, f: FinaliseField): string {
  if (f === 'attendance') {
    const a = m.attendees.find((x) => x.status === 'unknown');
    return a ? `attendees.${a.id}.status` : 'attendees';
  }
  return f;
}

/** Marks are shown at the fields (showSoft); the focus goes to the first one, in the order they are listed. */
export function focusFirstIssue(m: Meeting, issues: FinaliseIssues): void {
  const first = issues.unsaved[0]?.key ?? (issues.missing[0] ? missingPath(m, issues.missing[0]) : issues.errors[0]?.path);
  if (first !== undefined) focusPath(first);
}

export function FinaliseIssuesView({ issues, meeting }: { issues: FinaliseIssues; meeting: Meeting }) {
  return (
    <div className="form-error finalise-issues" role="alert" data-testid="finalise-issues">
      {issues.notWritten && <p data-testid="finalise-not-written">还有修改没有写入本机数据库，请先点“重试”保存后再定稿。</p>}
      {issues.unsaved.length > 0 && (
        <>
          <p data-testid="finalise-unsaved">以下栏目中的值未保存，与已保存的记录不一致，不能定稿：</p>
          <ul>
            {issues.unsaved.map((h) => (
              <li key={h.key}>
                {heldFieldName(meeting, h)}：{heldText(h, meeting)}
              </li>
            ))}
          </ul>
        </>
      )}
      {issues.missing.length > 0 && <p data-testid="finalise-missing">{finaliseMissingText(issues.missing)}</p>}
      {issues.errors.length > 0 && (
        <>
          <p>以下内容需要先更正：</p>
          <ul>
            {issues.errors.map((e) => (
              <li key={`${e.path}:${e.code}`}>
                {pathLabel(meeting, e.path)}：{problemText(e, meeting)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
