// 基本信息: name, date, times, place, host, recorder; for 业主大会 the compound totals and the participation.
import { isCalendarDate } from '../../../shared/domain/common/text';
import {
  assemblyTotals,
  MEETING_TYPE_LABELS,
  presentOwners,
  voteRuleFor,
  type Meeting,
  type Settings,
  type Threshold,
} from '../../../shared/domain/minutes';
import { formatAreaDm2 } from '../../../shared/domain/common/decimal';
import { useUiStore } from '../../ui/ui-store';
import { errorText } from '../../i18n/errors';
import { minutesErrorText } from '../../i18n/minutes-errors';
import { nowHHMM } from './clock';
import { DraftInput } from './draft-fields';
import { useEditor } from './editor-context';
import { patchObject, setFields, type MeetingFieldPatch } from './meeting-edits';
import { parseOptionalArea, parseOptionalCount, parseTimeInput } from './parse';
import { formatAreaM2, participationText } from './print';

export const PEOPLE_LIST_ID = 'minutes-people';

const fraction = (t: Threshold): string => `${t.num}/${t.den}`;
const rel = (t: Threshold): string => (t.inclusive ? '不少于' : '多于');

/** The rule the outcomes are computed with, in words. */
export function ruleDescription(m: Meeting, settings: Settings): string {
  const ruled = voteRuleFor(m, settings);
  if (!ruled)
    return '依民法典第二百七十八条：参与表决的专有部分面积和人数均不少于 2/3；一般事项须参与表决面积和人数均过半数同意，第（六）至（八）项须均不少于 3/4 同意。';
  const r = ruled.rule;
  const base = r.passBase === 'all' ? '全体成员' : '出席人数';
  return `表决规则：出席人数${rel(r.quorum)}全体成员的 ${fraction(r.quorum)} 方可表决；同意票${rel(r.pass)}${base}的 ${fraction(r.pass)} 为通过。`;
}

const optional = (text: string): string | undefined => (text.trim() === '' ? undefined : text);

/** 开始/结束时间 are validated together, and so are the 业主大会 totals and participation (issue #8). */
const TIMES = ['startTime', 'endTime'] as const;
const PARTICIPATION = ['totalAreaDm2', 'totalOwners', 'participatingAreaDm2', 'participatingOwners'] as const;

/**
 * 业主大会 with owners listed (a roll call): the owners checked in and their area beside the participation typed
 * above, and a button that fills the participation from them. A roll call is decided against the participation,
 * so the two must agree (V17): 定稿 refuses while they differ.
 */
function RollCallParticipation() {
  const { meeting: m, change } = useEditor();
  const showToast = useUiStore((s) => s.showToast);
  if (!m.attendees.some((a) => a.role === 'member')) return null;
  const present = presentOwners(m);
  const rollCall = m.topics.some((t) => (t.resolutions ?? []).some((r) => r.vote.method === 'roll_call'));
  const differs = m.participatingOwners !== present.owners || m.participatingAreaDm2 !== present.areaDm2;
  const fill = () => {
    const refused = change(setFields({ participatingOwners: present.owners, participatingAreaDm2: present.areaDm2 }), PARTICIPATION);
    if (refused) showToast(refused);
  };
  return (
    <div className="participation-check" data-testid="roll-call-participation" data-differs={differs ? 'true' : 'false'}>
      <p className={differs && rollCall ? 'warn-text' : 'muted'}>
        签到出席的业主：{present.owners} 人，专有部分面积 {formatAreaM2(present.areaDm2)}
        {present.missingArea > 0 && `（另有 ${present.missingArea} 人未登记面积）`}
        {differs &&
          (rollCall
            ? '。与上面填写的参与表决人数或面积不一致，记名表决按参与表决的人数和面积计算，请核对。'
            : '。与上面填写的参与表决人数或面积不一致。')}
      </p>
      {differs && (
        <button type="button" className="small" onClick={fill} data-testid="fill-participation">
          按签到业主填入参与表决人数和面积
        </button>
      )}
    </div>
  );
}

export function HeaderSection() {
  const { meeting: m, settings, people, edit, change, problemAt } = useEditor();
  const showToast = useUiStore((s) => s.showToast);
  const assembly = m.type === 'owners_assembly';

  const text = (field: 'title' | 'location' | 'hostPost') => (value: string) =>
    edit(field, setFields({ [field]: field === 'title' ? value : optional(value) }), [field]);

  const time = (field: 'startTime' | 'endTime') => (value: string) => {
    const t = parseTimeInput(value);
    if (!t.ok) return minutesErrorText(t.error);
    return edit(field, setFields({ [field]: t.value }), TIMES);
  };

  const now = (field: 'startTime' | 'endTime') => {
    const refused = change(setFields({ [field]: nowHHMM() }), TIMES);
    if (refused) showToast(refused);
  };

  const person = (field: 'host' | 'recorder') => (value: string) => {
    const name = value.trim();
    const p = name === '' ? undefined : people.find((x) => x.name === name);
    return edit(field === 'host' ? 'hostName' : 'recorderName', (d) => {
      const patch: MeetingFieldPatch =
        field === 'host'
          ? { hostName: optional(value), hostId: p?.id, hostPost: d.hostPost ?? p?.post }
          : { recorderName: optional(value), recorderId: p?.id };
      return patchObject(d, patch);
    });
  };

  const count = (field: 'totalOwners' | 'participatingOwners' | 'totalMembers') => (value: string) => {
    const n = parseOptionalCount(value);
    if (!n.ok) return errorText(n.error);
    return edit(field, setFields({ [field]: n.value }), field === 'totalMembers' ? [field] : PARTICIPATION);
  };
  const area = (field: 'totalAreaDm2' | 'participatingAreaDm2') => (value: string) => {
    const n = parseOptionalArea(value);
    if (!n.ok) return errorText(n.error);
    return edit(field, setFields({ [field]: n.value }), PARTICIPATION);
  };
  const totals = assemblyTotals(m, settings);
  const areaText = (n: number | undefined): string => (n === undefined ? '' : formatAreaDm2(n));
  const countText = (n: number | undefined): string => (n === undefined ? '' : String(n));

  return (
    <section className="card minutes-card" aria-labelledby="minutes-header-title" data-testid="meeting-header">
      <h2 id="minutes-header-title">基本信息</h2>
      <div className="form-grid minutes-header-grid">
        <DraftInput
          label="会议名称"
          name="title"
          className="span-2"
          maxLength={200}
          stored={m.title}
          field={{ key: 'title' }}
          commit={text('title')}
          storedError={problemAt('title')}
        />
        <div className="field">
          <span className="field-label">会议类型</span>
          <p className="field-static" data-testid="meeting-type">
            {MEETING_TYPE_LABELS[m.type]}
          </p>
        </div>
        <DraftInput
          label="会议日期"
          name="date"
          type="date"
          stored={m.date}
          field={{ key: 'date' }}
          commit={(v) => (isCalendarDate(v) ? edit('date', setFields({ date: v }), ['date']) : minutesErrorText('DATE_INVALID'))}
          storedError={problemAt('date')}
        />
        <DraftInput
          label="开始时间"
          name="startTime"
          placeholder="如 19:30"
          inputMode="numeric"
          stored={m.startTime ?? ''}
          field={{ key: 'startTime', group: 'times' }}
          commit={time('startTime')}
          storedError={problemAt('startTime')}
          after={
            <button type="button" className="small" onClick={() => now('startTime')} title="填入当前时间">
              现在
            </button>
          }
        />
        <DraftInput
          label="结束时间"
          name="endTime"
          placeholder="如 21:00"
          inputMode="numeric"
          stored={m.endTime ?? ''}
          field={{ key: 'endTime', group: 'times' }}
          commit={time('endTime')}
          storedError={problemAt('endTime')}
          after={
            <button type="button" className="small" onClick={() => now('endTime')} title="填入当前时间">
              现在
            </button>
          }
        />
        <DraftInput
          label="地点"
          name="location"
          className="span-2"
          maxLength={200}
          stored={m.location ?? ''}
          field={{ key: 'location' }}
          commit={text('location')}
          storedError={problemAt('location')}
        />
        <DraftInput
          label="主持人"
          name="hostName"
          list={PEOPLE_LIST_ID}
          maxLength={100}
          placeholder="从名册选择或直接输入"
          stored={m.hostName ?? ''}
          field={{ key: 'hostName' }}
          commit={person('host')}
          storedError={problemAt('hostName')}
        />
        <DraftInput
          label="主持人职务"
          name="hostPost"
          maxLength={50}
          stored={m.hostPost ?? ''}
          field={{ key: 'hostPost' }}
          commit={text('hostPost')}
        />
        <DraftInput
          label="记录人"
          name="recorderName"
          list={PEOPLE_LIST_ID}
          maxLength={100}
          stored={m.recorderName ?? ''}
          field={{ key: 'recorderName' }}
          commit={person('recorder')}
          storedError={problemAt('recorderName')}
        />
        {assembly ? (
          <>
            <DraftInput
              label="小区专有部分总面积（平方米）"
              name="totalAreaDm2"
              inputMode="decimal"
              stored={areaText(m.totalAreaDm2)}
              field={{ key: 'totalAreaDm2', group: 'participation' }}
              commit={area('totalAreaDm2')}
              storedError={problemAt('totalAreaDm2')}
            />
            <DraftInput
              label="业主总人数"
              name="totalOwners"
              inputMode="numeric"
              stored={countText(m.totalOwners)}
              field={{ key: 'totalOwners', group: 'participation' }}
              commit={count('totalOwners')}
              storedError={problemAt('totalOwners')}
            />
            <DraftInput
              label="参与表决的专有部分面积（平方米）"
              name="participatingAreaDm2"
              inputMode="decimal"
              stored={areaText(m.participatingAreaDm2)}
              field={{ key: 'participatingAreaDm2', group: 'participation' }}
              commit={area('participatingAreaDm2')}
              storedError={problemAt('participatingAreaDm2')}
            />
            <DraftInput
              label="参与表决的业主人数"
              name="participatingOwners"
              inputMode="numeric"
              stored={countText(m.participatingOwners)}
              field={{ key: 'participatingOwners', group: 'participation' }}
              commit={count('participatingOwners')}
              storedError={problemAt('participatingOwners')}
            />
          </>
        ) : (
          <DraftInput
            label="全体成员人数"
            name="totalMembers"
            inputMode="numeric"
            hint="留空则按应到人数计算"
            stored={countText(m.totalMembers)}
            field={{ key: 'totalMembers' }}
            commit={count('totalMembers')}
            storedError={problemAt('totalMembers')}
          />
        )}
      </div>
      {assembly && (
        <p className="participation-line" data-testid="participation-line">
          {participationText(
            { owners: m.participatingOwners, areaDm2: m.participatingAreaDm2 },
            { totalOwners: totals.totalOwners, totalAreaDm2: totals.totalAreaDm2 },
          ) || '填写参与表决的业主人数和专有部分面积后，这里显示其占总数的比例。'}
        </p>
      )}
      {assembly && <RollCallParticipation />}
      <p className="muted rule-line" data-testid="vote-rule">
        {ruleDescription(m, settings)}
      </p>
    </section>
  );
}
