// One 决议: its text, (业主大会) the matter of art. 278, the vote (counts or roll call), the computed outcome with its
// arithmetic, the action items, and the 决议公告 button.
import { useState } from 'react';
import { isCalendarDate } from '../../../shared/domain/common/text';
import { ART278_MATTERS, type Party } from '../../../shared/schema';
import { isParty, PARTY_LABELS } from '../../../shared/domain/roster';
import {
  isPresentMember,
  type ActionItem,
  type Art278Matter,
  type Resolution,
  type RollCallEntry,
  type Vote,
  type VoteOutcome,
} from '../../../shared/domain/minutes';
import { formatAreaDm2 } from '../../../shared/domain/common/decimal';
import { errorText } from '../../i18n/errors';
import { minutesErrorText } from '../../i18n/minutes-errors';
import { ChoiceField, DraftInput, DraftTextArea, focusSoon } from './draft-fields';
import { useEditor } from './editor-context';
import { PEOPLE_LIST_ID } from './HeaderSection';
import { VOTE_METHOD_LABELS } from './labels';
import { NoticeAction, OutcomeView, TaskAction } from './linked-actions';
import {
  addActionItem,
  patchObject,
  removeActionItem,
  removeResolution,
  setRollCall,
  updateActionItem,
  updateResolution,
  updateVote,
  type Mutation,
} from './meeting-edits';
import { parseOptionalArea, parseOptionalCount, parseVoteCount } from './parse';
import { cnNumeral } from './print';
import { matterText } from './print';

const METHOD_OPTIONS = (Object.keys(VOTE_METHOD_LABELS) as Vote['method'][]).map((v) => ({ value: v, label: VOTE_METHOD_LABELS[v] }));
const MATTER_OPTIONS = ART278_MATTERS.map((m) => ({ value: m, label: matterText(m) }));
const PARTY_OPTIONS = (Object.keys(PARTY_LABELS) as Party[]).map((p) => ({ value: p, label: PARTY_LABELS[p] }));
const CHOICES: readonly { value: RollCallEntry['choice']; label: string }[] = [
  { value: 'yes', label: '同意' },
  { value: 'no', label: '反对' },
  { value: 'abstain', label: '弃权' },
];

const isMethod = (s: string): s is Vote['method'] => s in VOTE_METHOD_LABELS;
const isMatter = (s: string): s is Art278Matter => (ART278_MATTERS as readonly string[]).includes(s);
const optional = (text: string): string | undefined => (text.trim() === '' ? undefined : text);

type CountKey = 'yes' | 'no' | 'abstain';
type AreaKey = 'yesAreaDm2' | 'noAreaDm2' | 'abstainAreaDm2';

/**
 * A vote's counts and areas, and (业主大会) the item's own participation, are validated together (issue #8): their
 * group is the vote's path, and every edit of one is checked with the others as shown.
 */
const voteGroup = (rp: string): string => `${rp}.vote`;
const voteChecks = (rp: string): string[] => [`${rp}.vote`, `${rp}.participatingOwners`, `${rp}.participatingAreaDm2`];

function VoteCounts({ topicId, r }: { topicId: string; r: Resolution }) {
  const { meeting, edit, problemAt } = useEditor();
  const rp = `topics.${topicId}.resolutions.${r.id}`;
  const assembly = meeting.type === 'owners_assembly';
  const count = (key: CountKey, label: string) => (
    <DraftInput
      key={key}
      label={label}
      name={key}
      inputMode="numeric"
      className="vote-count"
      stored={r.vote[key] === undefined ? '' : String(r.vote[key])}
      field={{ key: `${rp}.vote.${key}`, group: voteGroup(rp) }}
      commit={(text) => {
        const n = parseVoteCount(text);
        if (!n.ok) return errorText(n.error);
        return edit(`${rp}.vote.${key}`, updateVote(topicId, r.id, (v) => patchObject(v, { [key]: n.value })), voteChecks(rp));
      }}
      storedError={problemAt(`${rp}.vote.${key}`)}
    />
  );
  const area = (key: AreaKey, label: string) => (
    <DraftInput
      key={key}
      label={label}
      name={key}
      inputMode="decimal"
      className="vote-count"
      stored={r.vote[key] === undefined ? '' : formatAreaDm2(r.vote[key])}
      field={{ key: `${rp}.vote.${key}`, group: voteGroup(rp) }}
      commit={(text) => {
        const n = parseOptionalArea(text);
        if (!n.ok) return errorText(n.error);
        return edit(`${rp}.vote.${key}`, updateVote(topicId, r.id, (v) => patchObject(v, { [key]: n.value })), voteChecks(rp));
      }}
      storedError={problemAt(`${rp}.vote.${key}`)}
    />
  );
  return (
    <div className={`vote-counts${assembly ? ' with-area' : ''}`}>
      {count('yes', assembly ? '同意（人）' : '同意')}
      {count('no', assembly ? '反对（人）' : '反对')}
      {count('abstain', assembly ? '弃权（人）' : '弃权')}
      {assembly && (
        <>
          {area('yesAreaDm2', '同意面积（平方米）')}
          {area('noAreaDm2', '反对面积（平方米）')}
          {area('abstainAreaDm2', '弃权面积（平方米）')}
        </>
      )}
    </div>
  );
}

/**
 * 业主大会: who took part in this item, when it differs from the meeting (owners left, or abstained from this one
 * item). Empty = the meeting's participation (V16).
 */
function ItemParticipation({ topicId, r }: { topicId: string; r: Resolution }) {
  const { meeting: m, edit, problemAt } = useEditor();
  const rp = `topics.${topicId}.resolutions.${r.id}`;
  const ownersHint = m.participatingOwners === undefined ? '留空则按会议的参与表决人数' : `留空则按会议的 ${m.participatingOwners} 人`;
  const areaHint =
    m.participatingAreaDm2 === undefined ? '留空则按会议的参与表决面积' : `留空则按会议的 ${formatAreaDm2(m.participatingAreaDm2)} 平方米`;
  return (
    <div className="vote-counts item-participation" data-testid="item-participation">
      <DraftInput
        label="本项参与表决人数"
        name="itemParticipatingOwners"
        inputMode="numeric"
        className="vote-count"
        hint={ownersHint}
        stored={r.participatingOwners === undefined ? '' : String(r.participatingOwners)}
        field={{ key: `${rp}.participatingOwners`, group: voteGroup(rp) }}
        commit={(text) => {
          const n = parseOptionalCount(text);
          if (!n.ok) return errorText(n.error);
          return edit(`${rp}.participatingOwners`, updateResolution(topicId, r.id, (x) => patchObject(x, { participatingOwners: n.value })), voteChecks(rp));
        }}
        storedError={problemAt(`${rp}.participatingOwners`)}
      />
      <DraftInput
        label="本项参与表决面积（平方米）"
        name="itemParticipatingAreaDm2"
        inputMode="decimal"
        className="vote-count"
        hint={areaHint}
        stored={r.participatingAreaDm2 === undefined ? '' : formatAreaDm2(r.participatingAreaDm2)}
        field={{ key: `${rp}.participatingAreaDm2`, group: voteGroup(rp) }}
        commit={(text) => {
          const n = parseOptionalArea(text);
          if (!n.ok) return errorText(n.error);
          return edit(`${rp}.participatingAreaDm2`, updateResolution(topicId, r.id, (x) => patchObject(x, { participatingAreaDm2: n.value })), voteChecks(rp));
        }}
        storedError={problemAt(`${rp}.participatingAreaDm2`)}
      />
    </div>
  );
}

function RollCall({ topicId, r }: { topicId: string; r: Resolution }) {
  const { meeting, change } = useEditor();
  const [error, setError] = useState<string | null>(null);
  const rp = `topics.${topicId}.resolutions.${r.id}`;
  const voters = meeting.attendees.filter(isPresentMember);
  const choiceOf = new Map((r.vote.rollCall ?? []).map((e) => [e.attendeeId, e.choice] as const));
  const set = (attendeeId: string, value: string) => {
    const choice = CHOICES.find((c) => c.value === value)?.value ?? null;
    setError(change(setRollCall(topicId, r.id, attendeeId, choice), [`${rp}.vote`]));
  };
  const restYes: Mutation = (d) =>
    voters.filter((a) => !choiceOf.has(a.id)).reduce((acc, a) => setRollCall(topicId, r.id, a.id, 'yes')(acc), d);
  if (voters.length === 0) return <p className="muted">还没有人签到出席，签到后可逐人记录表决。</p>;
  return (
    <div className="roll-call" data-testid="roll-call">
      <ul>
        {voters.map((a) => (
          <li key={a.id}>
            <label>
              <span>{a.name}</span>
              <select aria-label={`${a.name} 表决`} value={choiceOf.get(a.id) ?? ''} onChange={(e) => set(a.id, e.target.value)}>
                <option value="">未表决</option>
                {CHOICES.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            </label>
          </li>
        ))}
      </ul>
      <button type="button" className="small" onClick={() => setError(change(restYes, [`${rp}.vote`]))}>
        其余均记为同意
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function ActionItemRow({ topicId, r, item }: { topicId: string; r: Resolution; item: ActionItem }) {
  const { edit, change, people, problemAt } = useEditor();
  const ip = `topics.${topicId}.resolutions.${r.id}.actionItems.${item.id}`;
  const update = (f: (x: ActionItem) => ActionItem): Mutation => updateActionItem(topicId, r.id, item.id, f);
  return (
    <li className="action-item" data-testid="action-item" data-id={item.id}>
      <DraftInput
        label="落实事项"
        name="actionTitle"
        className="grow"
        maxLength={500}
        focusKey={`action-title-${item.id}`}
        stored={item.title}
        field={{ key: `${ip}.title` }}
        commit={(v) => edit(`${ip}.title`, update((x) => (x.title === v ? x : { ...x, title: v })), [`${ip}.title`])}
        storedError={problemAt(`${ip}.title`)}
      />
      <ChoiceField
        label="牵头方"
        name="leadParty"
        empty="请选择"
        options={PARTY_OPTIONS}
        value={item.leadParty ?? ''}
        onChange={(v) => change(update((x) => patchObject(x, { leadParty: isParty(v) ? v : undefined })))}
      />
      <DraftInput
        label="责任人"
        name="owner"
        list={PEOPLE_LIST_ID}
        maxLength={100}
        stored={item.ownerName ?? ''}
        field={{ key: `${ip}.ownerName` }}
        commit={(v) => {
          const p = people.find((x) => x.name === v.trim());
          return edit(`${ip}.ownerName`, update((x) => patchObject(x, { ownerName: optional(v), ownerId: p?.id })));
        }}
      />
      <DraftInput
        label="期限"
        name="dueDate"
        type="date"
        stored={item.dueDate ?? ''}
        field={{ key: `${ip}.dueDate` }}
        commit={(v) => {
          if (v !== '' && !isCalendarDate(v)) return minutesErrorText('DUE_DATE_INVALID');
          return edit(`${ip}.dueDate`, update((x) => patchObject(x, { dueDate: optional(v) })), [`${ip}.dueDate`]);
        }}
        storedError={problemAt(`${ip}.dueDate`)}
      />
      <div className="action-item-links">
        <TaskAction topicId={topicId} resolution={r} item={item} />
        {!item.taskId && (
          <button type="button" className="link danger" onClick={() => change(removeActionItem(topicId, r.id, item.id))}>
            删除
          </button>
        )}
      </div>
    </li>
  );
}

export function ResolutionCard({
  topicId,
  r,
  number,
  outcome,
}: {
  topicId: string;
  r: Resolution;
  number: number;
  outcome: VoteOutcome | undefined;
}) {
  const { meeting, session, held, edit, change, problemAt } = useEditor();
  const [methodError, setMethodError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const rp = `topics.${topicId}.resolutions.${r.id}`;
  const assembly = meeting.type === 'owners_assembly';
  const voteProblem = problemAt(`${rp}.vote`);
  const items = r.actionItems ?? [];
  // A count or area of this vote holds a value that is not stored: no outcome is stated from the stored one.
  const voteHeld = [...held.values()].some((h) => h.group === voteGroup(rp));

  function addItem() {
    const id = crypto.randomUUID();
    change(addActionItem(topicId, r.id, { id, title: '' }));
    focusSoon(`action-title-${id}`);
  }

  return (
    <div className="resolution-card" data-testid="resolution" data-id={r.id}>
      <div className="resolution-head">
        <h4>决议{cnNumeral(number)}</h4>
        <span className="toolbar-spacer" />
        {confirmDelete ? (
          <>
            <button type="button" className="link danger" onClick={() => change(removeResolution(topicId, r.id))}>
              确认删除决议
            </button>
            <button type="button" className="link" onClick={() => setConfirmDelete(false)}>
              取消
            </button>
          </>
        ) : (
          <button type="button" className="link danger" onClick={() => setConfirmDelete(true)}>
            删除决议
          </button>
        )}
      </div>
      <DraftTextArea
        label="决议内容"
        name="resolutionText"
        rows={3}
        maxLength={20_000}
        focusKey={`resolution-text-${r.id}`}
        stored={r.text}
        field={{ key: `${rp}.text` }}
        commit={(v) => edit(`${rp}.text`, updateResolution(topicId, r.id, (x) => (x.text === v ? x : { ...x, text: v })), [`${rp}.text`])}
        storedError={problemAt(`${rp}.text`)}
      />
      <div className="vote-row">
        {assembly && (
          <ChoiceField
            label="表决事项"
            name="matter"
            className="matter"
            options={MATTER_OPTIONS}
            value={r.matter ?? 'general'}
            onChange={(v) => {
              if (isMatter(v)) change(updateResolution(topicId, r.id, (x) => patchObject(x, { matter: v })));
            }}
          />
        )}
        <ChoiceField
          label="表决方式"
          name="voteMethod"
          options={METHOD_OPTIONS}
          value={r.vote.method}
          error={methodError ?? undefined}
          onChange={(v) => {
            if (!isMethod(v)) return;
            const refused = change(updateVote(topicId, r.id, (x) => patchObject(x, { method: v })), [`${rp}.vote`]);
            setMethodError(refused);
            // The count boxes go away with their method: what they held unsaved goes with them.
            if (!refused && v !== 'count') session.releaseUnder(`${rp}.vote`);
          }}
        />
      </div>
      {r.vote.method === 'count' && <VoteCounts topicId={topicId} r={r} />}
      {assembly && r.vote.method !== 'none' && <ItemParticipation topicId={topicId} r={r} />}
      {r.vote.method === 'roll_call' && <RollCall topicId={topicId} r={r} />}
      {voteProblem && r.vote.method !== 'none' && (
        <p className="field-error" role="alert" data-testid="error-vote">
          {voteProblem}
        </p>
      )}
      {outcome && <OutcomeView outcome={outcome} unsaved={voteHeld} />}
      <div className="action-items">
        <h5>落实事项</h5>
        {items.length > 0 && (
          <ul className="action-item-list">
            {items.map((i) => (
              <ActionItemRow key={i.id} topicId={topicId} r={r} item={i} />
            ))}
          </ul>
        )}
        <div className="resolution-actions">
          <button type="button" className="small" onClick={addItem}>
            新增落实事项
          </button>
          <NoticeAction topicId={topicId} resolution={r} />
        </div>
      </div>
    </div>
  );
}
