// 会议纪要 on screen: generated from the 会议记录 (meetingSummary) — the header, decisions only with their votes and
// outcomes, then the 出席 / 请假 / 列席 lines. What 打印会议纪要 prints.
import { useMemo } from 'react';
import { ATTENDANCE_LABELS, meetingOutcomes, meetingSummary, type Meeting, type Settings } from '../../../shared/domain/minutes';
import { cnNumeral, formatTimestampCn, minutesSummaryTitle, tallyText } from './print';
import { matterText, namesText } from './print/format';
import { convenerOf } from './print/print-input';
import { CORRECTION_KIND_LABELS } from './print/print-labels';

export function SummaryView({ meeting, settings }: { meeting: Meeting; settings: Settings }) {
  const s = useMemo(() => meetingSummary(meeting, meetingOutcomes(meeting, settings)), [meeting, settings]);
  const h = s.header;
  const convener = convenerOf(meeting.type, settings);
  const intro = [
    `${h.dateCn ?? h.date}${h.time ?? ''}，${convener}${h.location ? `在${h.location}` : ''}召开${h.typeLabel}。`,
    h.hostName ? `会议由${h.hostPost ?? ''}${h.hostName}主持，` : '',
    `${ATTENDANCE_LABELS.expected}${h.expected}人，${ATTENDANCE_LABELS.actual}${h.present}人。`,
    s.decisions.length > 0 ? '现将会议议定事项纪要如下：' : '本次会议未形成决议。',
  ].join('');
  return (
    <article className="card summary-doc" data-testid="summary-view">
      <h2 className="summary-title">{minutesSummaryTitle({ meeting, settings })}</h2>
      <p className="summary-subtitle">
        {h.title}
        {!s.final && '（草稿）'}
      </p>
      <p className="summary-intro">{intro}</p>
      {s.decisions.length > 0 && (
        <ol className="summary-decisions" data-testid="summary-decisions">
          {s.decisions.map((d, i) => (
            <li key={d.resolutionId} data-testid="summary-decision">
              <p className="pre">
                {cnNumeral(i + 1)}、{d.text}
              </p>
              {d.matter && <p className="muted">表决事项：{matterText(d.matter)}</p>}
              {d.method !== 'none' && d.tally && <p>表决情况：{tallyText(d.tally)}。</p>}
              {d.outcomeLabel && d.method !== 'none' && <p>表决结果：{d.outcomeLabel}。</p>}
            </li>
          ))}
        </ol>
      )}
      {s.corrections.length > 0 && (
        <section className="summary-corrections">
          <h3>更正/补充记录</h3>
          {s.corrections.map((c, i) => (
            <p key={c.id} className="pre">
              {CORRECTION_KIND_LABELS[c.kind]}
              {cnNumeral(i + 1)}（{formatTimestampCn(c.at) ?? c.at}，{c.by}；原因：{c.reason}）：{c.text}
            </p>
          ))}
        </section>
      )}
      <section className="summary-closing" data-testid="summary-closing">
        <p>
          {ATTENDANCE_LABELS.present}：{namesText(s.closing.present, 'post')}
        </p>
        <p>
          {ATTENDANCE_LABELS.leave}：{namesText(s.closing.leave, 'reason')}
        </p>
        {s.closing.absent.length > 0 && (
          <p>
            {ATTENDANCE_LABELS.absent}：{namesText(s.closing.absent, 'reason')}
          </p>
        )}
        <p>
          {ATTENDANCE_LABELS.observer}：{namesText(s.closing.observers, 'post')}
        </p>
      </section>
    </article>
  );
}
