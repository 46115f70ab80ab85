// A finalised 会议记录, read-only: header, attendance, each 议题 with its notes and 决议 (vote, outcome, arithmetic,
// action items), then the 更正/补充 entries. Later changes go through 添加更正/补充; 决议公告 and tasks can still be
// started from a decision.
import { useMemo, type ReactNode } from 'react';
import {
  assemblyTotals,
  attendanceSummary,
  MEETING_TYPE_LABELS,
  meetingOutcomes,
  tallyOf,
  type Meeting,
} from '../../../shared/domain/minutes';
import { PARTY_LABELS } from '../../../shared/domain/roster';
import { useEditor } from './editor-context';
import { NoticeAction, OutcomeView, TaskAction } from './linked-actions';
import { cnNumeral, formatAreaM2, formatTimestampCn, meetingTimeLine, tallyText } from './print';
import { attendanceCountsText, namesText } from './print/format';
import { CORRECTION_KIND_LABELS } from './print/print-labels';
import { correctionTargets } from './CorrectionDialog';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

function targetLabel(m: Meeting, id: string | undefined): string {
  if (!id) return '整份记录';
  return correctionTargets(m).find((t) => t.value === id)?.label ?? '';
}

export function RecordView({ onCorrect }: { onCorrect: (targetId?: string) => void }) {
  const { meeting: m, settings } = useEditor();
  const att = attendanceSummary(m);
  const outcomes = useMemo(() => meetingOutcomes(m, settings), [m, settings]);
  const totals = assemblyTotals(m, settings);
  let n = 0;
  return (
    <div className="record-view" data-testid="record-view">
      <section className="card minutes-card">
        <h2>基本信息</h2>
        <dl className="facts">
          <Fact label="会议名称" testId="record-title">
            {m.title}
          </Fact>
          <Fact label="会议类型">{MEETING_TYPE_LABELS[m.type]}</Fact>
          <Fact label="时间" testId="record-time">
            {meetingTimeLine(m)}
          </Fact>
          <Fact label="地点">{m.location}</Fact>
          <Fact label="主持人">{m.hostPost ? `${m.hostName ?? ''}（${m.hostPost}）` : m.hostName}</Fact>
          <Fact label="记录人">{m.recorderName}</Fact>
          <Fact label="出席情况" testId="record-attendance">
            {attendanceCountsText(att)}
          </Fact>
          <Fact label="出席人员">{namesText(att.lists.present, 'post')}</Fact>
          <Fact label="请假人员">{namesText(att.lists.leave, 'reason')}</Fact>
          <Fact label="缺席人员">{namesText(att.lists.absent, 'reason')}</Fact>
          <Fact label="列席人员">{namesText(att.lists.observers, 'post')}</Fact>
          {m.type === 'owners_assembly' && (
            <>
              <Fact label="业主总数">
                {[totals.totalOwners === undefined ? '' : `业主${totals.totalOwners}人`, totals.totalAreaDm2 === undefined ? '' : `专有部分面积${formatAreaM2(totals.totalAreaDm2)}`]
                  .filter(Boolean)
                  .join('，')}
              </Fact>
              <Fact label="参与表决">
                {[m.participatingOwners === undefined ? '' : `业主${m.participatingOwners}人`, m.participatingAreaDm2 === undefined ? '' : `专有部分面积${formatAreaM2(m.participatingAreaDm2)}`]
                  .filter(Boolean)
                  .join('，')}
              </Fact>
            </>
          )}
        </dl>
      </section>
      {m.topics.map((t, i) => (
        <section key={t.id} className="card minutes-card topic-view" data-testid="topic" data-id={t.id}>
          <div className="topic-view-head">
            <h3>
              议题{cnNumeral(i + 1)}：{t.title}
            </h3>
            <button type="button" className="link" onClick={() => onCorrect(t.id)}>
              更正/补充
            </button>
          </div>
          {(t.speakers ?? []).length > 0 && <p className="muted">发言人：{(t.speakers ?? []).join('、')}</p>}
          {t.notes.trim() !== '' && (
            <div className="pre record-notes" data-testid="topic-notes">
              {t.notes}
            </div>
          )}
          {(t.resolutions ?? []).map((r) => {
            n += 1;
            const o = outcomes[r.id];
            return (
              <div key={r.id} className="resolution-card" data-testid="resolution" data-id={r.id}>
                <div className="resolution-head">
                  <h4>决议{cnNumeral(n)}</h4>
                  <span className="toolbar-spacer" />
                  <button type="button" className="link" onClick={() => onCorrect(r.id)}>
                    更正/补充
                  </button>
                </div>
                <p className="pre" data-testid="resolution-text">
                  {r.text}
                </p>
                {r.vote.method !== 'none' && (
                  <p data-testid="vote-tally">
                    表决情况：{r.vote.method === 'roll_call' ? '记名表决，' : ''}
                    {tallyText(tallyOf(m, r.vote))}
                  </p>
                )}
                {o && <OutcomeView outcome={o} />}
                {(r.actionItems ?? []).length > 0 && (
                  <ul className="action-item-list read">
                    {(r.actionItems ?? []).map((item) => (
                      <li key={item.id} className="action-item" data-testid="action-item">
                        <span className="grow">
                          {item.title}
                          {item.leadParty && `（牵头：${PARTY_LABELS[item.leadParty]}${item.ownerName ? `；责任人：${item.ownerName}` : ''}${item.dueDate ? `；期限：${item.dueDate}` : ''}）`}
                        </span>
                        <TaskAction topicId={t.id} resolution={r} item={item} />
                      </li>
                    ))}
                  </ul>
                )}
                <div className="resolution-actions">
                  <NoticeAction topicId={t.id} resolution={r} />
                </div>
              </div>
            );
          })}
        </section>
      ))}
      <section className="card minutes-card" data-testid="corrections">
        <div className="topic-view-head">
          <h2>更正/补充记录</h2>
          <button type="button" className="primary" onClick={() => onCorrect(undefined)} data-testid="add-correction">
            添加更正/补充
          </button>
        </div>
        {(m.corrections ?? []).length === 0 ? (
          <p className="muted">暂无。原记录定稿后不再修改，更改以更正或补充的形式附在这里。</p>
        ) : (
          <ol className="corrections-list">
            {(m.corrections ?? []).map((c, i) => (
              <li key={c.id} data-testid="correction">
                <p className="correction-head">
                  <strong>
                    {CORRECTION_KIND_LABELS[c.kind]}
                    {cnNumeral(i + 1)}
                  </strong>
                  <span>{formatTimestampCn(c.at) ?? c.at}</span>
                  <span>{c.by}</span>
                  <span>针对：{targetLabel(m, c.targetId)}</span>
                </p>
                <p>原因：{c.reason}</p>
                <p className="pre">{c.text}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
