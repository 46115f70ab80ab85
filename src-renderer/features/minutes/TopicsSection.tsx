// 议题: in agenda order, reorderable (buttons, Alt+Shift+↑/↓); each with its title, speakers, discussion notes
// (saved as typed) and its 决议.
import { useMemo, useState } from 'react';
import { meetingOutcomes, type Topic, type VoteOutcome } from '../../../shared/domain/minutes';
import { DraftInput, DraftTextArea, focusSoon } from './draft-fields';
import { useEditor } from './editor-context';
import { addResolution, moveTopic, newResolution, removeTopic, updateTopic } from './meeting-edits';
import { useMinutesUi } from './minutes-store';
import { parseNames } from './parse';
import { cnNumeral } from './print';
import { ResolutionCard } from './ResolutionCard';

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

export const topicTitleKey = (id: string): string => `topic-title-${id}`;
export const topicNotesKey = (id: string): string => `topic-notes-${id}`;
export const resolutionTextKey = (id: string): string => `resolution-text-${id}`;

function TopicCard({
  topic,
  index,
  count,
  numbers,
  outcomes,
}: {
  topic: Topic;
  index: number;
  count: number;
  numbers: ReadonlyMap<string, number>;
  outcomes: Readonly<Record<string, VoteOutcome>>;
}) {
  const { edit, change, problemAt } = useEditor();
  const setCurrent = useMinutesUi((s) => s.setCurrentTopic);
  const current = useMinutesUi((s) => s.currentTopicId === topic.id);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const tp = `topics.${topic.id}`;
  const resolutions = topic.resolutions ?? [];
  const label = `议题${cnNumeral(index + 1)}`;

  function addDecision() {
    const id = crypto.randomUUID();
    change(addResolution(topic.id, newResolution(id)));
    focusSoon(resolutionTextKey(id));
  }
  function move(delta: -1 | 1) {
    change(moveTopic(topic.id, delta));
  }

  return (
    <section
      className={`topic-card${current ? ' current' : ''}`}
      data-testid="topic"
      data-id={topic.id}
      aria-label={label}
      onFocusCapture={() => setCurrent(topic.id)}
    >
      <div className="topic-head">
        <span className="topic-no">{label}</span>
        <DraftInput
          label="议题名称"
          name="topicTitle"
          labelHidden
          className="grow"
          placeholder="议题名称"
          maxLength={500}
          focusKey={topicTitleKey(topic.id)}
          stored={topic.title}
          field={{ key: `${tp}.title` }}
          commit={(v) => edit(`${tp}.title`, updateTopic(topic.id, (t) => (t.title === v ? t : { ...t, title: v })), [`${tp}.title`])}
          storedError={problemAt(`${tp}.title`)}
        />
        <div className="topic-tools">
          <button type="button" className="small" aria-label={`上移${label}`} disabled={index === 0} onClick={() => move(-1)}>
            ↑ 上移
          </button>
          <button type="button" className="small" aria-label={`下移${label}`} disabled={index === count - 1} onClick={() => move(1)}>
            ↓ 下移
          </button>
          {confirmDelete ? (
            <>
              <button type="button" className="small danger-text" onClick={() => change(removeTopic(topic.id))}>
                确认删除
              </button>
              <button type="button" className="small" onClick={() => setConfirmDelete(false)}>
                取消
              </button>
            </>
          ) : (
            <button type="button" className="small" aria-label={`删除${label}`} onClick={() => setConfirmDelete(true)}>
              删除
            </button>
          )}
        </div>
      </div>
      <DraftInput
        label="发言人"
        name="speakers"
        placeholder="多人用顿号分隔，如 张三、李四"
        stored={(topic.speakers ?? []).join('、')}
        field={{ key: `${tp}.speakers` }}
        commit={(v) => {
          const names = parseNames(v);
          return edit(`${tp}.speakers`, updateTopic(topic.id, (t) => (sameList(t.speakers ?? [], names) ? t : { ...t, speakers: names })));
        }}
      />
      <DraftTextArea
        label="讨论情况"
        name="notes"
        rows={7}
        maxLength={500_000}
        focusKey={topicNotesKey(topic.id)}
        placeholder="记录讨论要点、各方意见……（自动保存）"
        stored={topic.notes}
        field={{ key: `${tp}.notes` }}
        commit={(v) => edit(`${tp}.notes`, updateTopic(topic.id, (t) => (t.notes === v ? t : { ...t, notes: v })))}
      />
      {resolutions.map((r) => (
        <ResolutionCard key={r.id} topicId={topic.id} r={r} number={numbers.get(r.id) ?? 0} outcome={outcomes[r.id]} />
      ))}
      <div className="topic-foot">
        <button type="button" onClick={addDecision} title="Alt+R">
          新增决议
        </button>
      </div>
    </section>
  );
}

export function TopicsSection({ onAddTopic }: { onAddTopic: () => void }) {
  const { meeting, settings } = useEditor();
  const outcomes = useMemo(() => meetingOutcomes(meeting, settings), [meeting, settings]);
  const numbers = useMemo(() => {
    const out = new Map<string, number>();
    for (const t of meeting.topics) for (const r of t.resolutions ?? []) out.set(r.id, out.size + 1);
    return out;
  }, [meeting.topics]);
  return (
    <section className="minutes-topics" aria-labelledby="minutes-topics-title" data-testid="topics">
      <h2 id="minutes-topics-title" className="section-title">
        议题
      </h2>
      {meeting.topics.length === 0 && <p className="empty">还没有议题。按 Alt+N 或点击「新增议题」。</p>}
      {meeting.topics.map((t, i) => (
        <TopicCard key={t.id} topic={t} index={i} count={meeting.topics.length} numbers={numbers} outcomes={outcomes} />
      ))}
      <button type="button" className="primary" onClick={onAddTopic} title="Alt+N" data-path="topics">
        新增议题
      </button>
    </section>
  );
}

