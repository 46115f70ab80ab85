// A finalised 会议记录, read-only: header, attendance, each 议题 with its notes and 决议 (vote, outcome, arithmetic,
// action items), then the 更正/补充 entries. Later changes go through 添加更正/补充; 决议公告 and tasks can still be
// started from a decision.
import { useMemo, useState, type ReactNode } from 'react';
import {
  assemblyTotals,
  attendanceSummary,
  correctionChanges,
  MEETING_TYPE_LABELS,
  meetingOutcomes,
  participationOf,
  tallyOf,
  voteOutcome,
  type Correction,
  type Meeting,
  type Settings,
} from '../../../shared/domain/minutes';
import { PARTY_LABELS } from '../../../shared/domain/roster';
import { useEditor } from './editor-context';
import { NoticeAction, OutcomeView, TaskAction } from './linked-actions';
import {
  attendanceCountsText,
  cnNumeral,
  CORRECTION_KIND_LABELS,
  formatTimestampCn,
  meetingTimeLine,
  namesText,
  participationText,
  tallyText,
  totalsText,
} from './print';
import { ChangesView } from './ChangesView';
import { correctionTargets } from './CorrectionDialog';
import { pathLabel } from './field-names';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** A 更正 of a decision that carries the corrected vote: its counts and the outcome they give. */
function CorrectedVote({ m, settings, c }: { m: Meeting; settings: Settings; c: Correction }) {
  const r = m.topics.flatMap((t) => t.resolutions ?? []).find((x) => x.id === c.targetId);
  if (!c.vote || !r) return null;
  const o = voteOutcome(m, { ...r, vote: c.vote }, settings);
  return (
    <div data-testid="corrected-vote">
      <p>更正后表决情况：{tallyText(o.tally ?? tallyOf(m, c.vote))}</p>
      <OutcomeView outcome={o} />
    </div>
  );
}

/**
 * Text typed on this PC that never reached the record before it was finalised (elsewhere): kept by the
 * write-ahead store, shown here so that nothing typed is dropped unseen; it can go into a 更正 or be discarded.
 */
function Leftovers() {
  const { session, meeting } = useEditor();
  const [list, setList] = useState(() => session.leftovers().filter((e) => e.text.trim() !== ''));
  if (list.length === 0) return null;
  const discard = () => {
    for (const e of list) session.forget(e.key);
    setList([]);
  };
  return (
    <section className="card minutes-card warn-text" data-testid="leftovers">
      <h2>本机有定稿前未写入记录的文字</h2>
      <p className="muted">这些文字在本机输入，但会议记录已定稿（可能在另一台电脑上）。如需保留，请复制到更正或补充中。</p>
      <ul>
        {list.map((e) => (
          <li key={e.key}>
            <span className="muted">{pathLabel(meeting, e.key) || e.key}：</span>
            <span className="pre">{e.text}</span>
          </li>
        ))}
      </ul>
      <button type="button" className="small" onClick={discard}>
        已处理，清除这些文字
      </button>
    </section>
  );
}

function targetLabel(m: Meeting, id: string | undefined): string {
  if (!id) return '整份记录';
  return correctionTargets(m).find((t) => t.value === id)?.label ?? '';
}

function CorrectionText({ m, c }: { m: Meeting; c: Correction }) {
  const changes = correctionChanges(m, c);
  if (changes === null) return <p className="pre">{c.text}</p>;
  return (
    <>
      <p className="muted">修改内容（删去的文字加删除线，增加的文字加下划线）：</p>
      <ChangesView segments={changes} />
    </>
  );
}

export function RecordView({ onCorrect }: { onCorrect: (targetId?: string) => void }) {
  const { meeting: m, settings } = useEditor();
  const att = attendanceSummary(m);
  const outcomes = useMemo(() => meetingOutcomes(m, settings), [m, settings]);
  const totals = assemblyTotals(m, settings);
  const assembly = m.type === 'owners_assembly';
  let n = 0;
  return (
    <div className="record-view" data-testid="record-view">
      <Leftovers />
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
          {assembly ? (
            <>
              <Fact label="业主总数">{totalsText(totals)}</Fact>
              <Fact label="参与情况" testId="record-attendance">
                {participationText(participationOf(m), totals)}
              </Fact>
              {att.present > 0 && <Fact label="出席人员">{namesText(att.lists.present, 'post')}</Fact>}
              {att.observers > 0 && <Fact label="列席人员">{namesText(att.lists.observers, 'post')}</Fact>}
            </>
          ) : (
            <>
              <Fact label="出席情况" testId="record-attendance">
                {attendanceCountsText(att)}
              </Fact>
              <Fact label="出席人员">{namesText(att.lists.present, 'post')}</Fact>
              <Fact label="请假人员">{namesText(att.lists.leave, 'reason')}</Fact>
              <Fact label="缺席人员">{namesText(att.lists.absent, 'reason')}</Fact>
              <Fact label="列席人员">{namesText(att.lists.observers, 'post')}</Fact>
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
                {assembly && (r.participatingOwners !== undefined || r.participatingAreaDm2 !== undefined) && (
                  <p data-testid="item-participation">本项参与表决：{participationText(participationOf(m, r), totals)}</p>
                )}
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
                <CorrectionText m={m} c={c} />
                <CorrectedVote m={m} settings={settings} c={c} />
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
