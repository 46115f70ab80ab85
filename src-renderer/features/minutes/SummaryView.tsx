// 会议纪要 on screen: generated from the 会议记录 (meetingSummary), in the words of the printed one — the intro
// (业主大会: participation against the totals), decisions only as corrected with their votes and outcomes, the
// 出席 / 请假 / 列席 lines and the 落款. What 打印会议纪要 prints.
import { useMemo } from 'react';
import { chinaDateOf, formatDateCn, type Correction, type Meeting, type Settings } from '../../../shared/domain/minutes';
import { amendmentLines, closingLines, cnNumeral, convenerOf, decisionVoteText, introSentence, minutesSummaryTitle, summaryOf } from './print';

const dateCn = (c: Correction): string => formatDateCn(chinaDateOf(c.at) ?? '') ?? c.at;

export function SummaryView({ meeting, settings }: { meeting: Meeting; settings: Settings }) {
  const s = useMemo(() => summaryOf({ meeting, settings }), [meeting, settings]);
  const h = s.header;
  const convener = convenerOf(meeting.type, settings);
  const closing = closingLines(s, meeting.type === 'owners_assembly');
  return (
    <article className="card summary-doc" data-testid="summary-view">
      <h2 className="summary-title">{minutesSummaryTitle({ meeting, settings })}</h2>
      <p className="summary-subtitle">
        {h.title}
        {!s.final && '（草稿）'}
      </p>
      <p className="summary-intro" data-testid="summary-intro">
        {introSentence(s, convener)}
      </p>
      {s.decisions.length > 0 && (
        <ol className="summary-decisions" data-testid="summary-decisions">
          {s.decisions.map((d, i) => {
            const vote = decisionVoteText(d);
            return (
              <li key={d.resolutionId} data-testid="summary-decision">
                <p className="pre">
                  {cnNumeral(i + 1)}、{d.text}
                </p>
                {vote && <p>{vote}</p>}
                {amendmentLines(d.amendments, dateCn).map((l, k) => (
                  <p key={k} className="pre muted" data-testid="summary-amendment">
                    {l}
                  </p>
                ))}
              </li>
            );
          })}
        </ol>
      )}
      {closing.length > 0 && (
        <section className="summary-closing" data-testid="summary-closing">
          {closing.map((l) => (
            <p key={l}>{l}</p>
          ))}
        </section>
      )}
      <section className="summary-signoff" data-testid="summary-signoff">
        {convener && <p>{convener}</p>}
        <p>{formatDateCn(s.issueDate) ?? s.issueDate}</p>
      </section>
    </article>
  );
}
