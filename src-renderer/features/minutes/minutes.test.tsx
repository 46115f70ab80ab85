// 会议记录 in the renderer: jsdom + fake-indexeddb, the whole app on a fresh database per test (one open at a time).
// Real timers throughout: RxDB and IndexedDB run on them; waits are waitFor with a bound.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SETTINGS_ID, type MeetingDoc, type RosterDoc, type SettingsDoc, type TaskDoc } from '../../../shared/schema';
import type { Bridge } from '../../../shared/bridge';
import { webBridge } from '../../bridge/web';
import { DatabaseProvider } from '../../db/context';
import type { LinliDatabase } from '../../db/database';
import { OPERATOR_STORAGE_KEY } from '../../db/operator';
import { localDate } from '../../../shared/domain/common/dates';
import { dialog, fill, openTestDatabase, renderApp, teardown } from '../../testing/render-app';
import { setFields } from './meeting-edits';
import type { MeetingSession } from './meeting-session';
import { resetMinutesUi } from './minutes-store';
import { addDays } from './minutes-writes';
import { useMeetingSession } from './use-meeting-session';
import { applyAction } from '../../../shared/domain/tasks/workflow';

let db: LinliDatabase | undefined;
beforeEach(async () => {
  resetMinutesUi();
  db = await openTestDatabase();
});
afterEach(async () => {
  vi.restoreAllMocks();
  delete window.linli;
  await teardown(db);
  db = undefined;
});

const theDb = (): LinliDatabase => {
  if (!db) throw new Error('no database');
  return db;
};

const T0 = '2026-11-25T08:00:00.000Z';
const stamp = { createdAt: T0, updatedAt: T0, createdBy: '秘书', updatedBy: '秘书' };

const person = (id: string, name: string, extra: Partial<RosterDoc> = {}): RosterDoc => ({
  id,
  kind: 'person',
  name,
  party: 'co_builder',
  status: 'active',
  roles: ['council_member'],
  ...stamp,
  ...extra,
});

const settings = (extra: Partial<SettingsDoc> = {}): SettingsDoc => ({
  id: SETTINGS_ID,
  ...stamp,
  compoundName: '金山花园',
  councilName: '金山花园小区共建理事会',
  branchName: '中共金山花园小区支部委员会',
  ...extra,
});

const SIMPLE = {
  quorum: { num: 1, den: 2, inclusive: false },
  pass: { num: 1, den: 2, inclusive: false },
  passBase: 'present' as const,
};

/** A 共建理事会会议 draft: five members (张一…张五) with the given statuses, one 议题 t1. */
function councilMeeting(over: Partial<MeetingDoc> = {}, present = 4): MeetingDoc {
  return {
    id: 'm1',
    ...stamp,
    title: '金山花园共建理事会会议（2026年11月25日）',
    type: 'council',
    status: 'draft',
    date: '2026-11-25',
    voteRule: SIMPLE,
    attendees: ['张一', '张二', '张三', '张四', '张五'].map((name, i) => ({
      id: `a${i + 1}`,
      personId: `p${i + 1}`,
      name,
      role: 'member' as const,
      status: i < present ? ('present' as const) : ('leave' as const),
      ...(i < present ? { checkedInAt: T0 } : { reason: '出差' }),
    })),
    topics: [{ id: 't1', title: '东门道路修缮', notes: '物业报告了东门道路的破损情况。', resolutions: [] }],
    ...over,
  };
}

async function stored(id = 'm1'): Promise<MeetingDoc> {
  const doc = await theDb().meetings.findOne(id).exec();
  if (!doc) throw new Error(`no meeting ${id}`);
  return doc.toMutableJSON();
}

async function openEditor(doc: MeetingDoc): Promise<HTMLElement> {
  await theDb().meetings.insert(doc);
  await renderApp(theDb(), `#/meetings/${doc.id}`);
  return screen.findByTestId('meeting-editor');
}

const topicCards = () => screen.getAllByTestId('topic');
const topic = (i: number): HTMLElement => {
  const t = topicCards()[i];
  if (!t) throw new Error(`no topic ${i}`);
  return t;
};

/** Waits until the editor says 已保存 (nothing queued or in flight). */
const saved = () => waitFor(() => expect(screen.getByTestId('save-state').getAttribute('data-state')).toBe('saved'));

describe('会议记录 — new meeting from a template', () => {
  it('prefills the agenda, the expected attendees from the roster and the vote rule from settings', async () => {
    await theDb().roster.bulkInsert([
      person('p1', '李建国', { post: '理事长' }),
      person('p2', '王晓梅'),
      person('p3', '赵大勇', { roles: ['volunteer'] }), // not a 理事: not expected
      person('p4', '钱多多', { status: 'left' }), // left: not expected
    ]);
    await theDb().settings.insert(
      settings({ voteRules: { council: { quorum: { num: 2, den: 3, inclusive: true }, pass: { num: 1, den: 2, inclusive: false }, passBase: 'present' } } }),
    );
    await renderApp(theDb(), '#/meetings');
    localStorage.setItem(OPERATOR_STORAGE_KEY, '王晓梅');
    expect((await screen.findByTestId('meetings-empty')).textContent).toContain('还没有会议记录');

    fireEvent.click(screen.getByRole('button', { name: '新建会议' }));
    const form = await dialog();
    fill('会议类型', 'council', form);
    fill('会议日期', '2026-11-25', form);
    await waitFor(() => expect(within(form).getByTestId('template-preview').textContent).toContain('李建国、王晓梅（共 2 人'));
    fireEvent.click(within(form).getByRole('button', { name: '创建并开始记录' }));

    const editor = await screen.findByTestId('meeting-editor');
    expect(window.location.hash).toMatch(/^#\/meetings\/[0-9a-f-]{36}$/);
    expect(within(editor).getByTestId('meeting-title').textContent).toContain('金山花园共建理事会会议（2026年11月25日）');
    expect(topicCards().map((t) => (within(t).getByLabelText('议题名称') as HTMLInputElement).value)).toEqual([
      '上次会议议定事项落实情况',
      '小区近期治理重点问题',
      '共建项目认领与推进',
      '其他事项',
    ]);
    const rows = within(screen.getByTestId('members-table')).getAllByTestId('attendee-row');
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining('李建国'), expect.stringContaining('王晓梅')]);
    expect(screen.getByTestId('count-expected').textContent).toBe('2');
    expect(screen.getByTestId('count-present').textContent).toBe('0');
    expect(screen.getByTestId('vote-rule').textContent).toContain('不少于全体成员的 2/3');

    const [doc] = (await theDb().meetings.find().exec()).map((d) => d.toMutableJSON());
    expect(doc).toMatchObject({
      type: 'council',
      status: 'draft',
      date: '2026-11-25',
      recorderName: '王晓梅',
      createdBy: '王晓梅',
      voteRule: { quorum: { num: 2, den: 3, inclusive: true } },
      attendees: [
        { personId: 'p1', name: '李建国', post: '理事长', role: 'member', status: 'unknown' },
        { personId: 'p2', name: '王晓梅', role: 'member', status: 'unknown' },
      ],
    });
    expect(doc?.topics).toHaveLength(4);
  });
});

describe('会议记录 — attendance', () => {
  it('ticks members present as they arrive, records leave with a reason, and counts 应到/实到/请假/列席', async () => {
    await openEditor(councilMeeting({}, 0));
    // All five start on leave in this fixture; set them to 未登记 first through the status select.
    for (const name of ['张一', '张二', '张三', '张四', '张五']) fill(`${name} 出席情况`, 'unknown');
    await waitFor(() => expect(screen.getByTestId('count-unknown').textContent).toBe('5'));

    fireEvent.click(screen.getByLabelText('张一 到会'));
    fireEvent.click(screen.getByLabelText('张二 到会'));
    fireEvent.click(screen.getByLabelText('张三 到会'));
    fill('张四 出席情况', 'leave');
    fill('张五 出席情况', 'absent');
    expect(screen.getByTestId('count-expected').textContent).toBe('5');
    expect(screen.getByTestId('count-present').textContent).toBe('3');
    expect(screen.getByTestId('count-leave').textContent).toBe('1');
    expect(screen.getByTestId('count-absent').textContent).toBe('1');
    fill('张四 请假/缺席原因', '外出开会');

    // Quick check-in by name; a guest who is 列席.
    fireEvent.click(screen.getByLabelText('张三 到会')); // un-tick
    fill('快速签到', '张三');
    fireEvent.submit(screen.getByTestId('quick-check-in'));
    fill('姓名', '吴律师');
    fill('身份', 'observer');
    fill('职务或单位', '小区律师');
    fireEvent.click(screen.getByRole('button', { name: '添加参会人员' }));
    await waitFor(() => expect(screen.getByTestId('count-observers').textContent).toBe('1'));
    expect(screen.getByTestId('count-present').textContent).toBe('3');

    await saved();
    const doc = await stored();
    const byName = new Map(doc.attendees.map((a) => [a.name, a]));
    expect(byName.get('张一')).toMatchObject({ status: 'present', checkedInAt: expect.stringMatching(/^\d{4}-/) });
    expect(byName.get('张三')).toMatchObject({ status: 'present' });
    expect(byName.get('张四')).toMatchObject({ status: 'leave', reason: '外出开会' });
    expect(byName.get('张五')).toMatchObject({ status: 'absent' });
    expect(byName.get('吴律师')).toMatchObject({ role: 'observer', status: 'present', post: '小区律师' });
  });

  it('refuses an attendee listed twice, with the message at the name, and stores nothing', async () => {
    await theDb().roster.insert(person('p1', '张一'));
    await openEditor(councilMeeting());
    await waitFor(() => expect(document.querySelectorAll('#minutes-people option')).toHaveLength(1)); // the roster is read
    fill('姓名', '吴律师');
    fireEvent.click(screen.getByRole('button', { name: '添加参会人员' }));
    await waitFor(() => expect(screen.getByTestId('count-observers').textContent).toBe('1'));
    fill('姓名', ' 吴律师 ');
    fireEvent.click(screen.getByRole('button', { name: '添加参会人员' }));
    expect((await screen.findByTestId('error-attendeeName')).textContent).toBe('“吴律师”已在参会名单中，同一人不能登记两次。');
    expect((screen.getByLabelText('姓名') as HTMLInputElement).value).toBe(' 吴律师 ');

    // The roster's 张一 is already a member of this meeting.
    fill('姓名', '张一');
    fireEvent.click(screen.getByRole('button', { name: '添加参会人员' }));
    expect((await screen.findByTestId('error-attendeeName')).textContent).toContain('“张一”已在参会名单中');

    await saved();
    const doc = await stored();
    expect(doc.attendees.map((a) => a.name)).toEqual(['张一', '张二', '张三', '张四', '张五', '吴律师']);
  });
});

describe('会议记录 — save as you type', () => {
  it('writes typed notes within moments, without waiting for the typing to stop, and says 已保存', async () => {
    await openEditor(councilMeeting());
    const notes = within(topic(0)).getByLabelText('讨论情况') as HTMLTextAreaElement;
    notes.focus();
    const started = Date.now();
    fireEvent.change(notes, { target: { value: '李建国：东门道路' } });
    expect(screen.getByTestId('save-state').textContent).toBe('正在保存…');
    // Keep typing every 50 ms: a debounce would never fire; the writes must still land.
    for (let i = 1; i <= 6; i += 1) {
      await act(() => new Promise((r) => setTimeout(r, 50)));
      fireEvent.change(notes, { target: { value: `李建国：东门道路${'破损'.repeat(i)}` } });
    }
    await waitFor(async () => expect((await stored()).topics[0]?.notes).toMatch(/^李建国：东门道路(破损)+$/), { timeout: 1000 });
    expect(Date.now() - started).toBeLessThan(1000);
    await saved();
    expect((await stored()).topics[0]?.notes).toBe(`李建国：东门道路${'破损'.repeat(6)}`);
    // The caret stayed where it was: the same element, still focused, with the text typed.
    expect(document.activeElement).toBe(notes);
    expect(notes.value).toBe(`李建国：东门道路${'破损'.repeat(6)}`);
    expect((await stored()).updatedBy).toBe('本机用户');
  });

  it('flushes queued edits at once on pagehide and when the window is hidden', async () => {
    await theDb().meetings.insert(councilMeeting());
    let session: MeetingSession | undefined;
    function Probe() {
      session = useMeetingSession('m1', 60_000).session; // a delay that never elapses in this test
      return null;
    }
    render(
      <DatabaseProvider db={theDb()}>
        <Probe />
      </DatabaseProvider>,
    );
    await waitFor(() => expect(session?.current).toBeTruthy());
    const s = session;
    if (!s) throw new Error('no session');

    s.edit('title', setFields({ title: '第一稿' }));
    await new Promise((r) => setTimeout(r, 100));
    expect((await stored()).title).not.toBe('第一稿');
    window.dispatchEvent(new Event('pagehide'));
    await waitFor(async () => expect((await stored()).title).toBe('第一稿'), { timeout: 1000 });

    s.edit('title', setFields({ title: '第二稿' }));
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    await waitFor(async () => expect((await stored()).title).toBe('第二稿'), { timeout: 1000 });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });

    s.edit('title', setFields({ title: '第三稿' }));
    window.dispatchEvent(new Event('beforeunload'));
    await waitFor(async () => expect((await stored()).title).toBe('第三稿'), { timeout: 1000 });
  });

  it('picks up a change made on another PC to a field not being edited, and keeps what is being typed', async () => {
    await openEditor(councilMeeting());
    const notes = within(topic(0)).getByLabelText('讨论情况') as HTMLTextAreaElement;
    notes.focus();
    fireEvent.change(notes, { target: { value: '正在记录的内容' } });
    // Another PC (through sync) sets the location meanwhile.
    const doc = await theDb().meetings.findOne('m1').exec();
    await doc?.incrementalPatch({ location: '党群服务站二楼' });
    await waitFor(() => expect((screen.getByLabelText('地点') as HTMLInputElement).value).toBe('党群服务站二楼'));
    expect(notes.value).toBe('正在记录的内容');
    expect(document.activeElement).toBe(notes);
    await saved();
    const after = await stored();
    expect(after.location).toBe('党群服务站二楼');
    expect(after.topics[0]?.notes).toBe('正在记录的内容');
  });

  it('keeps the input and says so in Chinese when the disk is full; a retry saves it', async () => {
    await openEditor(councilMeeting());
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(theDb().meetings.storageInstance, 'bulkWrite').mockRejectedValueOnce(
      new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
    );
    fill('地点', '会议室A');
    expect(await screen.findByText(/磁盘空间不足，本次修改未保存/)).toBeTruthy();
    expect((screen.getByLabelText('地点') as HTMLInputElement).value).toBe('会议室A');
    expect((await stored()).location).toBeUndefined();
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    await saved();
    expect((await stored()).location).toBe('会议室A');
  });
});

/** Waits until the editor says some field holds a value that is not stored. */
const unsaved = () => waitFor(() => expect(screen.getByTestId('save-state').getAttribute('data-state')).toBe('unsaved'));

const walKey = (field: string, meeting = 'm1'): string => `linli.minutes.unsaved.v1:${meeting}:${field}`;
const walText = (field: string): string | null => {
  const raw = localStorage.getItem(walKey(field));
  return raw === null ? null : (JSON.parse(raw) as { text: string }).text;
};

describe('会议记录 — nothing typed is lost on close (issue #8)', () => {
  it('keeps every keystroke in the write-ahead store at once, and drops it once the database has it', async () => {
    await openEditor(councilMeeting());
    const notes = within(topic(0)).getByLabelText('讨论情况');
    fireEvent.change(notes, { target: { value: '李建国：东门道路破损' } });
    // Synchronously, before any database write could have happened.
    expect(walText('topics.t1.notes')).toBe('李建国：东门道路破损');
    expect((await stored()).topics[0]?.notes).toBe('物业报告了东门道路的破损情况。');
    await saved();
    expect((await stored()).topics[0]?.notes).toBe('李建国：东门道路破损');
    expect(walText('topics.t1.notes')).toBeNull();
  });

  it('text the database never got (the window closed, the write failed) is restored on the next open and saved', async () => {
    const first = await renderAppWith(councilMeeting());
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const write = vi
      .spyOn(theDb().meetings.storageInstance, 'bulkWrite')
      .mockRejectedValue(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    fill('讨论情况', '关窗前最后输入的文字', topic(0));
    fill('地点', '党群服务站');
    expect(await screen.findByText(/磁盘空间不足/)).toBeTruthy();
    first.unmount(); // closing: the last flush fails too
    await new Promise((r) => setTimeout(r, 500)); // the closed editor's writes have all been tried (and failed)
    expect(write).toHaveBeenCalled();
    write.mockRestore();
    expect((await stored()).topics[0]?.notes).toBe('物业报告了东门道路的破损情况。');

    await renderApp(theDb(), '#/meetings/m1', { keepStorage: true });
    await screen.findByTestId('meeting-editor');
    await waitFor(() => expect((within(topic(0)).getByLabelText('讨论情况') as HTMLTextAreaElement).value).toBe('关窗前最后输入的文字'));
    expect((screen.getByLabelText('地点') as HTMLInputElement).value).toBe('党群服务站');
    await saved();
    expect(await stored()).toMatchObject({ location: '党群服务站', topics: [{ notes: '关窗前最后输入的文字' }] });
    expect(walText('topics.t1.notes')).toBeNull();
    expect(walText('location')).toBeNull();
  });

  it('a refused value survives a close: shown again on the next open, still 未保存 with its message', async () => {
    const first = await renderAppWith(councilMeeting());
    const res = async () => {
      fireEvent.click(within(topic(0)).getByRole('button', { name: '新增决议' }));
      return within(topic(0)).findByTestId('resolution');
    };
    const r = await res();
    fill('表决方式', 'count', r);
    fill('同意', '3', r);
    await saved();
    fill('同意', '5', r); // 5 of 4 present
    expect((await within(r).findByTestId('error-yes')).textContent).toContain('多于实到');
    first.unmount();

    await renderApp(theDb(), '#/meetings/m1', { keepStorage: true });
    await screen.findByTestId('meeting-editor');
    const again = within(topic(0)).getByTestId('resolution');
    await waitFor(() => expect((within(again).getByLabelText('同意') as HTMLInputElement).value).toBe('5'));
    expect(within(again).getByTestId('error-yes').textContent).toContain('多于实到');
    expect(within(again).getByTestId('unsaved-yes')).toBeTruthy();
    await unsaved();
    expect((await stored()).topics[0]?.resolutions?.[0]?.vote.yes).toBe(3);
  });

  it('text kept for a record finalised meanwhile (on another PC) is shown, not dropped unseen, until cleared', async () => {
    localStorage.clear();
    localStorage.setItem(walKey('topics.t1.notes'), JSON.stringify({ text: '另一台电脑定稿前在本机输入的文字', at: T0 }));
    await theDb().meetings.insert(complete({ status: 'final', finalisedAt: T0, finalisedBy: '王晓梅' }));
    await renderApp(theDb(), '#/meetings/m1', { keepStorage: true });
    const box = await screen.findByTestId('leftovers');
    expect(box.textContent).toContain('议题一：另一台电脑定稿前在本机输入的文字');
    fireEvent.click(within(box).getByRole('button', { name: '已处理，清除这些文字' }));
    await waitFor(() => expect(screen.queryByTestId('leftovers')).toBeNull());
    expect(localStorage.getItem(walKey('topics.t1.notes'))).toBeNull();
  });

  it('text kept for an element removed meanwhile is dropped when the meeting opens', async () => {
    localStorage.clear();
    localStorage.setItem(walKey('topics.gone.notes'), JSON.stringify({ text: '已删除议题的文字', at: T0 }));
    localStorage.setItem(walKey('title'), JSON.stringify({ text: '金山花园共建理事会会议（2026年11月25日）', at: T0 }));
    await theDb().meetings.insert(councilMeeting());
    await renderApp(theDb(), '#/meetings/m1', { keepStorage: true });
    await screen.findByTestId('meeting-editor');
    await waitFor(() => expect(localStorage.getItem(walKey('topics.gone.notes'))).toBeNull());
    await waitFor(() => expect(localStorage.getItem(walKey('title'))).toBeNull()); // the same as stored
    await saved();
  });
});

/** Inserts the meeting and renders the app at its editor; returns the render (to unmount it: a closed window). */
async function renderAppWith(doc: MeetingDoc) {
  await theDb().meetings.insert(doc);
  const r = await renderApp(theDb(), `#/meetings/${doc.id}`);
  await screen.findByTestId('meeting-editor');
  return r;
}

describe('会议记录 — bad input is refused at the field', () => {
  it('rejects an end time before the start and keeps the typed text with the message, marked 未保存', async () => {
    await openEditor(councilMeeting());
    fill('开始时间', '19:30');
    fill('结束时间', '19:00');
    expect((await screen.findByTestId('error-endTime')).textContent).toBe('结束时间必须晚于开始时间。');
    expect((screen.getByLabelText('结束时间') as HTMLInputElement).value).toBe('19:00');
    expect(screen.getByTestId('unsaved-endTime').textContent).toBe('未保存');
    fill('开始时间', '1930'); // accepted spelling of what is stored: nothing to change
    await unsaved();
    expect(screen.getByTestId('save-state').textContent).toBe('1 处未保存');
    await waitFor(async () => expect(await stored()).toMatchObject({ startTime: '19:30' }));
    expect((await stored()).endTime).toBeUndefined();
    fill('结束时间', '21：05');
    await saved();
    expect(screen.queryByTestId('unsaved-endTime')).toBeNull();
    expect(await stored()).toMatchObject({ startTime: '19:30', endTime: '21:05' });
    fill('结束时间', '25:00');
    expect((await screen.findByTestId('error-endTime')).textContent).toContain('时间格式不正确');
    await unsaved();
    // Escape lets go of it: the stored value again.
    fireEvent.keyDown(screen.getByLabelText('结束时间'), { key: 'Escape' });
    await saved();
    expect((screen.getByLabelText('结束时间') as HTMLInputElement).value).toBe('21:05');
  });
});

/** A 业主大会 draft (no rule copied, nobody listed). */
function assembly(over: Partial<MeetingDoc> = {}): MeetingDoc {
  const { voteRule: _rule, ...m } = councilMeeting({ type: 'owners_assembly', attendees: [], ...over });
  return m;
}

describe('会议记录 — a refused value never looks saved (issue #8)', () => {
  /** 3/2/0 with five present (张一…张五), r1 in t1. */
  const recount = (): MeetingDoc =>
    complete({
      attendees: councilMeeting({}, 5).attendees,
      topics: [
        {
          id: 't1',
          title: '东门道路修缮',
          notes: '',
          resolutions: [{ id: 'r1', text: '同意由物业公司对东门道路进行修缮。', vote: { method: 'count', yes: 3, no: 2, abstain: 0 } }],
        },
      ],
    });

  it('the chair recounts 3/2/0 to 4/1/0: 同意 4 is refused and held, 反对 1 saves both; 定稿 refused meanwhile, naming 同意', async () => {
    await openEditor(recount());
    const res = within(topic(0)).getByTestId('resolution');
    expect(within(res).getByTestId('outcome-label').textContent).toBe('通过');
    fill('同意', '4', res);
    expect((await within(res).findByTestId('error-yes')).textContent).toBe(
      '同意、反对、弃权合计 6 票，多于实到（参与表决）的 5 人，请核对票数或出席情况。',
    );
    expect(within(res).getByTestId('unsaved-yes').textContent).toBe('未保存');
    await unsaved();
    // The outcome line does not state a result the boxes do not show.
    expect(within(res).getByTestId('outcome').getAttribute('data-outcome')).toBe('unsaved');
    expect((await stored()).topics[0]?.resolutions?.[0]?.vote).toEqual({ method: 'count', yes: 3, no: 2, abstain: 0 });

    // 定稿 now is refused, naming the field; the focus goes there.
    fireEvent.click(screen.getByRole('button', { name: '定稿' }));
    expect((await screen.findByTestId('finalise-unsaved')).textContent).toContain('未保存');
    expect(screen.getByTestId('finalise-issues').textContent).toContain('议题一 决议一 同意：同意、反对、弃权合计 6 票');
    await waitFor(() => expect(document.activeElement).toBe(within(res).getByLabelText('同意')));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((await stored()).status).toBe('draft');

    fill('反对', '1', res);
    await saved();
    expect((await stored()).topics[0]?.resolutions?.[0]?.vote).toEqual({ method: 'count', yes: 4, no: 1, abstain: 0 });
    expect(within(res).queryByTestId('error-yes')).toBeNull();
    expect(within(res).queryByTestId('unsaved-yes')).toBeNull();
    expect(within(res).getByTestId('outcome-label').textContent).toBe('通过');
    expect(within(res).getByTestId('outcome-arith').textContent).toBe('出席 5/5 > 1/2；同意 4/5 > 1/2');

    fireEvent.click(screen.getByRole('button', { name: '定稿' }));
    fireEvent.click(within(await dialog()).getByRole('button', { name: '确认定稿' }));
    await waitFor(async () => expect((await stored()).status).toBe('final'));
    expect((await stored()).topics[0]?.resolutions?.[0]?.vote).toEqual({ method: 'count', yes: 4, no: 1, abstain: 0 });
  });

  it('when the group cannot be saved as shown, the message names the group; the edit that makes it hold saves all of it', async () => {
    await openEditor(recount());
    const res = within(topic(0)).getByTestId('resolution');
    fill('同意', '4', res); // 4 + 2: refused
    fill('弃权', '1', res); // 4 + 2 + 1 as shown: refused too, not saved half-way
    expect((await within(res).findByTestId('error-abstain')).textContent).toBe(
      '同意、反对、弃权合计 7 票，多于实到（参与表决）的 5 人，请核对票数或出席情况。',
    );
    expect(within(res).getByTestId('error-yes').textContent).toContain('合计 7 票');
    expect(screen.getByTestId('save-state').textContent).toBe('2 处未保存');
    expect((await stored()).topics[0]?.resolutions?.[0]?.vote).toEqual({ method: 'count', yes: 3, no: 2, abstain: 0 });
    fill('反对', '0', res); // 4 + 0 + 1 = 5: the group as shown holds
    await saved();
    expect((await stored()).topics[0]?.resolutions?.[0]?.vote).toEqual({ method: 'count', yes: 4, no: 0, abstain: 1 });
  });

  it('Escape lets a held value go: the field shows what is stored again', async () => {
    await openEditor(recount());
    const res = within(topic(0)).getByTestId('resolution');
    fill('同意', '9', res);
    await unsaved();
    fireEvent.keyDown(within(res).getByLabelText('同意'), { key: 'Escape' });
    await saved();
    expect((within(res).getByLabelText('同意') as HTMLInputElement).value).toBe('3');
    expect(within(res).queryByTestId('error-yes')).toBeNull();
  });

  it('attendance counts: votes refused for want of members present are saved once another member checks in', async () => {
    await openEditor(recount());
    const res = within(topic(0)).getByTestId('resolution');
    fill('同意', '2', res); // 2 + 2 of 5
    await saved();
    fill('张五 出席情况', 'leave'); // 4 present
    await saved();
    fill('同意', '3', res); // 3 + 2 = 5 > 4: refused
    expect((await within(res).findByTestId('error-yes')).textContent).toContain('多于实到（参与表决）的 4 人');
    await unsaved();
    fireEvent.click(screen.getByLabelText('张五 到会')); // 5 present: 3 + 2 ≤ 5, so the held 3 is saved as shown
    await saved();
    expect((await stored()).topics[0]?.resolutions?.[0]?.vote).toEqual({ method: 'count', yes: 3, no: 2, abstain: 0 });
    expect(within(res).queryByTestId('error-yes')).toBeNull();
  });

  it('times: an end refused before the start is saved with the start that unblocks it', async () => {
    await openEditor(councilMeeting({ startTime: '19:30' }));
    fill('结束时间', '19:00');
    expect((await screen.findByTestId('error-endTime')).textContent).toBe('结束时间必须晚于开始时间。');
    fill('开始时间', '18:30');
    await saved();
    expect(await stored()).toMatchObject({ startTime: '18:30', endTime: '19:00' });
    expect(screen.queryByTestId('error-endTime')).toBeNull();
    expect(screen.queryByTestId('unsaved-endTime')).toBeNull();
  });

  it('业主大会 participation: owners and area refused beyond the totals are saved when the totals allow them', async () => {
    await openEditor(assembly({ totalOwners: 400, totalAreaDm2: 3_000_000, topics: [] }));
    fill('参与表决的业主人数', '460');
    expect((await screen.findByTestId('error-participatingOwners')).textContent).toBe('参与表决的数量不能超过小区的总数，请核对。');
    fill('参与表决的专有部分面积（平方米）', '35,120.50');
    expect((await screen.findByTestId('error-participatingAreaDm2')).textContent).toBe('参与表决的数量不能超过小区的总数，请核对。');
    await unsaved();
    fill('业主总人数', '610'); // owners fit now, the area does not: the group as shown still cannot be saved
    await unsaved();
    expect((await stored()).totalOwners).toBe(400);
    fill('小区专有部分总面积（平方米）', '45026.28');
    await saved();
    expect(await stored()).toMatchObject({ totalOwners: 610, totalAreaDm2: 4_502_628, participatingOwners: 460, participatingAreaDm2: 3_512_050 });
    expect(screen.getByTestId('participation-line').textContent).toBe('参与表决业主460人，占总人数75.4%；专有部分面积35,120.50 m²，占78.0%');
  });

  it('业主大会 votes: counts refused beyond the participating owners are saved when participation is raised', async () => {
    await openEditor(
      assembly({
        totalOwners: 1000,
        totalAreaDm2: 10_000_000,
        participatingOwners: 700,
        participatingAreaDm2: 7_000_000,
        topics: [{ id: 't1', title: '表决', notes: '', resolutions: [{ id: 'r1', text: '续聘物业', vote: { method: 'count', yes: 600, yesAreaDm2: 6_000_000 } }] }],
      }),
    );
    const res = within(topic(0)).getByTestId('resolution');
    fill('同意（人）', '720', res);
    expect((await within(res).findByTestId('error-yes')).textContent).toContain('多于实到（参与表决）的 700 人');
    fill('参与表决的业主人数', '750');
    await saved();
    expect(await stored()).toMatchObject({ participatingOwners: 750, topics: [{ resolutions: [{ vote: { yes: 720 } }] }] });
  });
});

describe('会议记录 — votes', () => {
  async function recordCounts(yes: string, no: string, abstain: string) {
    fireEvent.click(within(topic(0)).getByRole('button', { name: '新增决议' }));
    const res = await within(topic(0)).findByTestId('resolution');
    fill('决议内容', '同意由物业公司对东门道路进行修缮，费用从公共收益中列支。', res);
    fill('表决方式', 'count', res);
    fill('同意', yes, res);
    fill('反对', no, res);
    fill('弃权', abstain, res);
    return res;
  }

  it('shows the outcome with the arithmetic behind it', async () => {
    await openEditor(councilMeeting());
    const res = await recordCounts('3', '1', '0');
    const outcome = within(res).getByTestId('outcome');
    expect(outcome.getAttribute('data-outcome')).toBe('passed');
    expect(within(outcome).getByTestId('outcome-label').textContent).toBe('通过');
    expect(within(outcome).getByTestId('outcome-arith').textContent).toBe('出席 4/5 > 1/2；同意 3/4 > 1/2');
    fill('同意', '2', res);
    fill('反对', '2', res);
    expect(within(res).getByTestId('outcome-label').textContent).toBe('未通过');
    expect(within(res).getByTestId('outcome-arith').textContent).toBe('出席 4/5 > 1/2；同意 2/4 ≤ 1/2');
    await saved();
    expect((await stored()).topics[0]?.resolutions?.[0]?.vote).toEqual({ method: 'count', yes: 2, no: 2, abstain: 0 });
  });

  it('a meeting without quorum decides nothing', async () => {
    await openEditor(councilMeeting({}, 2));
    const res = await recordCounts('2', '0', '0');
    expect(within(res).getByTestId('outcome-label').textContent).toBe('未达到法定人数');
    expect(within(res).getByTestId('outcome-arith').textContent).toBe('出席 2/5 ≤ 1/2');
  });

  it('refuses more votes than members present (and negative counts): message at the field, nothing saved', async () => {
    await openEditor(councilMeeting());
    const res = await recordCounts('3', '1', '0');
    await saved();
    fill('弃权', '1', res); // 5 votes, 4 present
    expect((await within(res).findByTestId('error-abstain')).textContent).toBe(
      '同意、反对、弃权合计 5 票，多于实到（参与表决）的 4 人，请核对票数或出席情况。',
    );
    expect((within(res).getByLabelText('弃权') as HTMLInputElement).value).toBe('1');
    fill('反对', '-1', res);
    expect((await within(res).findByTestId('error-no')).textContent).toBe('票数不能为负数。');
    fill('同意', '三', res);
    expect((await within(res).findByTestId('error-yes')).textContent).toBe('请填写整数，如 1200。');
    await new Promise((r) => setTimeout(r, 400));
    await unsaved();
    expect(screen.getByTestId('save-state').textContent).toBe('3 处未保存');
    expect((await stored()).topics[0]?.resolutions?.[0]?.vote).toEqual({ method: 'count', yes: 3, no: 1, abstain: 0 });
    for (const label of ['同意', '反对', '弃权']) fireEvent.keyDown(within(res).getByLabelText(label), { key: 'Escape' });
    await saved();
    expect((await stored()).topics[0]?.resolutions?.[0]?.vote).toEqual({ method: 'count', yes: 3, no: 1, abstain: 0 });
  });

  it('records a roll call from the members present', async () => {
    await openEditor(councilMeeting());
    fireEvent.click(within(topic(0)).getByRole('button', { name: '新增决议' }));
    const res = await within(topic(0)).findByTestId('resolution');
    fill('决议内容', '同意增设电动车充电桩。', res);
    fill('表决方式', 'roll_call', res);
    fill('张一 表决', 'no', res);
    fireEvent.click(within(res).getByRole('button', { name: '其余均记为同意' }));
    expect(within(res).queryByLabelText('张五 表决')).toBeNull(); // on leave: does not vote
    expect(within(res).getByTestId('outcome-arith').textContent).toBe('出席 4/5 > 1/2；同意 3/4 > 1/2');
    await saved();
    expect((await stored()).topics[0]?.resolutions?.[0]?.vote.rollCall).toEqual([
      { attendeeId: 'a1', choice: 'no' },
      { attendeeId: 'a2', choice: 'yes' },
      { attendeeId: 'a3', choice: 'yes' },
      { attendeeId: 'a4', choice: 'yes' },
    ]);
  });
});

/** A council meeting ready to be finalised except for what `over` leaves out. */
const complete = (over: Partial<MeetingDoc> = {}): MeetingDoc =>
  councilMeeting({
    startTime: '19:30',
    endTime: '21:05',
    location: '党群服务站',
    hostName: '张一',
    hostPost: '理事长',
    recorderName: '王晓梅',
    attendees: [
      ...councilMeeting().attendees,
      { id: 'g1', name: '吴律师', post: '小区律师', role: 'observer', status: 'present', checkedInAt: T0 },
    ],
    topics: [
      {
        id: 't1',
        title: '东门道路修缮',
        notes: '物业报告了东门道路的破损情况。',
        resolutions: [
          {
            id: 'r1',
            text: '同意由物业公司对东门道路进行修缮，费用从公共收益中列支。',
            vote: { method: 'count', yes: 3, no: 1, abstain: 0 },
            actionItems: [{ id: 'i1', title: '修缮东门道路' }],
          },
        ],
      },
      { id: 't2', title: '其他事项', notes: '居民反映楼道堆物。', resolutions: [] },
    ],
    ...over,
  });

describe('会议记录 — 定稿 and corrections', () => {
  it('refuses to finalise while header fields are missing and names them; then finalises and records who and when', async () => {
    localStorage.setItem(OPERATOR_STORAGE_KEY, '王晓梅');
    const doc = complete();
    for (const k of ['startTime', 'endTime', 'location', 'hostName', 'recorderName'] as const) delete doc[k];
    await openEditor(doc);
    localStorage.setItem(OPERATOR_STORAGE_KEY, '王晓梅');
    fireEvent.click(screen.getByRole('button', { name: '定稿' }));
    expect((await screen.findByTestId('finalise-missing')).textContent).toBe('定稿前还需填写：开始时间、结束时间、地点、主持人、记录人。');
    expect((await stored()).status).toBe('draft');

    fill('开始时间', '19:30');
    fill('结束时间', '21:05');
    fill('地点', '党群服务站');
    fill('主持人', '张一');
    fill('记录人', '王晓梅');
    fireEvent.click(screen.getByRole('button', { name: '定稿' }));
    const confirm = await dialog();
    expect(confirm.textContent).toContain('定稿后会议记录将被锁定');
    fireEvent.click(within(confirm).getByRole('button', { name: '确认定稿' }));
    await waitFor(() => expect(screen.getByTestId('meeting-status').textContent).toBe('已定稿'));
    await saved();
    const after = await stored();
    expect(after).toMatchObject({ status: 'final', finalisedBy: '王晓梅', startTime: '19:30', hostName: '张一' });
    expect(after.finalisedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(screen.getByTestId('finalised-line').textContent).toContain('由 王晓梅 定稿');
  });

  it('refuses to finalise an invalid record and lists the problems where they are', async () => {
    const doc = complete();
    doc.topics[0]?.resolutions?.push({ id: 'r2', text: '', vote: { method: 'none' } });
    await openEditor(doc);
    fireEvent.click(screen.getByRole('button', { name: '定稿' }));
    expect((await screen.findByTestId('finalise-issues')).textContent).toContain('议题一 决议二：请填写决议内容。');
    // After a refused 定稿 the field shows what it lacks too.
    expect(within(topic(0)).getAllByTestId('error-resolutionText')[0]?.textContent).toBe('请填写决议内容。');
  });

  it('locks a finalised record: no inputs; a 更正 is stored beside the original, which stays unchanged', async () => {
    localStorage.setItem(OPERATOR_STORAGE_KEY, '王晓梅');
    await openEditor(complete({ status: 'final', finalisedAt: T0, finalisedBy: '王晓梅' }));
    localStorage.setItem(OPERATOR_STORAGE_KEY, '王晓梅');
    const view = await screen.findByTestId('record-view');
    expect(within(view).queryAllByRole('textbox')).toHaveLength(0);
    expect(screen.queryByRole('button', { name: '定稿' })).toBeNull();
    expect(screen.queryByTestId('shortcut-help')).toBeNull();
    expect(within(topic(0)).getByTestId('topic-notes').textContent).toBe('物业报告了东门道路的破损情况。');

    fireEvent.click(within(topic(0)).getAllByRole('button', { name: '更正/补充' })[0] as HTMLElement);
    const form = await dialog();
    expect((within(form).getByLabelText(/内容/) as HTMLTextAreaElement).value).toBe('物业报告了东门道路的破损情况。');
    fill(/内容/, '物业报告了东门道路和北门台阶的破损情况。', form);
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    expect((await within(form).findByTestId('error-correctionReason')).textContent).toBe('请填写原因。');
    fill(/原因/, '记录遗漏北门台阶', form);
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const entry = await screen.findByTestId('correction');
    expect(entry.textContent).toContain('更正一');
    expect(entry.textContent).toContain('王晓梅');
    expect(entry.textContent).toContain('针对：议题一“东门道路修缮”');
    expect(entry.textContent).toContain('原因：记录遗漏北门台阶');
    const after = await stored();
    expect(after.corrections).toEqual([
      {
        id: expect.any(String),
        kind: 'correction',
        at: expect.stringMatching(/^\d{4}-/),
        by: '王晓梅',
        reason: '记录遗漏北门台阶',
        targetId: 't1',
        text: '物业报告了东门道路和北门台阶的破损情况。',
      },
    ]);
    expect(after.topics[0]?.notes).toBe('物业报告了东门道路的破损情况。');
    expect(after.status).toBe('final');
    expect(within(topic(0)).getByTestId('topic-notes').textContent).toBe('物业报告了东门道路的破损情况。');
  });
});

describe('会议记录 — 会议纪要', () => {
  it('is generated from the record: decisions with votes and outcomes only, ending with 出席/请假/列席', async () => {
    await theDb().settings.insert(settings());
    await openEditor(complete());
    fireEvent.click(screen.getByRole('tab', { name: '会议纪要' }));
    const summary = await screen.findByTestId('summary-view');
    expect(summary.textContent).toContain('金山花园共建理事会会议纪要');
    expect(summary.textContent).toContain('2026年11月25日19时30分至21时05分，金山花园小区共建理事会在党群服务站召开共建理事会会议。');
    expect(summary.textContent).toContain('会议由理事长张一主持，应到5人，实到4人。');
    const decisions = within(summary).getAllByTestId('summary-decision');
    expect(decisions).toHaveLength(1);
    expect(decisions[0]?.textContent).toContain('一、同意由物业公司对东门道路进行修缮，费用从公共收益中列支。');
    expect(decisions[0]?.textContent).toContain('表决情况：同意3人，反对1人，弃权0人。');
    expect(decisions[0]?.textContent).toContain('表决结果：通过。');
    expect(summary.textContent).not.toContain('物业报告了东门道路的破损情况'); // notes are not in the 纪要
    const closing = within(summary).getByTestId('summary-closing');
    expect([...closing.querySelectorAll('p')].map((p) => p.textContent)).toEqual([
      '出席：张一、张二、张三、张四',
      '请假：张五（出差）',
      '列席：吴律师（小区律师）',
    ]);
  });
});

type StubBridge = Bridge & { html: ReturnType<typeof vi.fn<Bridge['print:html']>>; pdf: ReturnType<typeof vi.fn<Bridge['print:toPdf']>> };

function stubBridge(host: 'desktop' | 'web', pdfPath: string | null): StubBridge {
  const html = vi.fn<Bridge['print:html']>(async () => ({ ok: true, value: { printed: true } }));
  const pdf = vi.fn<Bridge['print:toPdf']>(async () => ({ ok: true, value: { path: pdfPath } }));
  return {
    // Every other channel as the web host answers it (backups, host state): these tests print.
    ...webBridge,
    html,
    pdf,
    'app:info': async () => ({ ok: true, value: { version: '0', host, platform: 'test', userDataPath: '', documentsPath: '' } }),
    'print:html': html,
    'print:toPdf': pdf,
    'file:save': async () => ({ ok: true, value: { path: null } }),
    'file:open': async () => ({ ok: true, value: null }),
  };
}

describe('会议记录 — printing', () => {
  it('prints the record and saves the 纪要 as PDF through the bridge, with the header and decisions in the HTML', async () => {
    await theDb().settings.insert(settings());
    const bridge = stubBridge('desktop', '/home/mishu/文档/纪要.pdf');
    window.linli = bridge;
    await openEditor(complete());

    fireEvent.click(screen.getByRole('button', { name: '打印会议记录' }));
    await waitFor(() => expect(bridge.html).toHaveBeenCalledTimes(1));
    const printed = bridge.html.mock.calls[0]?.[0];
    expect(printed?.title).toBe('金山花园会议记录 金山花园共建理事会会议（2026年11月25日）');
    expect(printed?.html).toContain('<h1>金山花园会议记录</h1>');
    expect(printed?.html).toContain('党群服务站');
    expect(printed?.html).toContain('同意由物业公司对东门道路进行修缮');
    expect(printed?.html).toContain('同意3人，反对1人，弃权0人');
    expect(printed?.html).toContain('物业报告了东门道路的破损情况。');

    fireEvent.click(screen.getByRole('button', { name: '保存会议纪要为PDF' }));
    await waitFor(() => expect(bridge.pdf).toHaveBeenCalledTimes(1));
    const pdf = bridge.pdf.mock.calls[0]?.[0];
    expect(pdf?.fileName).toBe('金山花园共建理事会会议（2026年11月25日）-会议纪要.pdf');
    expect(pdf?.html).toContain('金山花园共建理事会会议纪要');
    expect(pdf?.html).toContain('表决结果：通过');
    expect(pdf?.html).not.toContain('物业报告了东门道路的破损情况');
    expect((await screen.findByTestId('print-status')).textContent).toBe('已保存为 PDF：/home/mishu/文档/纪要.pdf');
  });

  it('on the web host tells the user to choose 另存为 PDF; a bridge failure is said in Chinese', async () => {
    const bridge = stubBridge('web', null);
    window.linli = bridge;
    await openEditor(complete());
    fireEvent.click(screen.getByRole('button', { name: '保存会议记录为PDF' }));
    await waitFor(() => expect(bridge.pdf).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(screen.getByTestId('print-status').textContent).toBe('请在打印对话框中选择“另存为 PDF”'));
    bridge.html.mockResolvedValueOnce({ ok: false, error: { code: 'IO' } });
    fireEvent.click(screen.getByRole('button', { name: '打印会议纪要' }));
    await waitFor(() => expect(screen.getByTestId('print-status').textContent).toContain('文件没能保存'));
  });
});

describe('会议记录 — from decisions to notices and tasks', () => {
  it('生成决议公告 creates a draft notice from the decision, links it and opens it in 公告打印', async () => {
    await theDb().settings.insert(settings({ noticeDays: 5 }));
    await openEditor(complete());
    fireEvent.click(within(topic(0)).getByRole('button', { name: '生成决议公告' }));
    await waitFor(() => expect(window.location.hash).toMatch(/^#\/notices\/[0-9a-f-]{36}$/));
    const notices = (await theDb().notices.find().exec()).map((d) => d.toMutableJSON());
    expect(notices).toHaveLength(1);
    expect(window.location.hash).toBe(`#/notices/${notices[0]?.id}`);
    const today = localDate(new Date());
    expect(notices[0]).toMatchObject({
      kind: 'resolution',
      status: 'draft',
      title: '关于由物业公司对东门道路进行修缮的决议公告',
      issuers: ['中共金山花园小区支部委员会', '金山花园小区共建理事会'],
      issueDate: today,
      postFrom: today,
      postUntil: addDays(today, 4),
      createdBy: '本机用户',
      source: { meetingId: 'm1', resolutionId: 'r1', voteSummary: expect.stringContaining('同意3人，反对1人，弃权0人；通过') },
    });
    expect(notices[0]?.body).toContain('同意由物业公司对东门道路进行修缮，费用从公共收益中列支。');
    // The draft record stored the link before the editor closed.
    await waitFor(async () => expect((await stored()).topics[0]?.resolutions?.[0]?.noticeId).toBe(notices[0]?.id));
    expect(await screen.findByTestId('notice-form')).toBeTruthy();
  });

  it('生成任务 creates a pending (待分派) task from an action item, links it, and shows progress', async () => {
    await openEditor(complete());
    const item = within(topic(0)).getByTestId('action-item');
    fireEvent.click(within(item).getByRole('button', { name: '生成任务' }));
    expect(await screen.findByText('请先选择牵头方，再生成任务。')).toBeTruthy();
    expect(await theDb().tasks.count().exec()).toBe(0);
    expect(screen.getByTestId('task-progress').textContent).toBe('落实事项 1 项，尚未生成任务');

    fill('牵头方', 'property', item);
    fill('责任人', '物业王经理', item);
    fill('期限', '2026-12-31', item);
    fireEvent.click(within(item).getByRole('button', { name: '生成任务' }));
    await waitFor(() => expect(within(item).getByTestId('task-link').textContent).toBe('任务：待分派'));
    const tasks = (await theDb().tasks.find().exec()).map((d) => d.toMutableJSON());
    expect(tasks).toHaveLength(1);
    const task = tasks[0] as TaskDoc;
    expect(task).toMatchObject({
      title: '修缮东门道路',
      status: 'pending',
      priority: 'normal',
      leadParty: 'property',
      ownerName: '物业王经理',
      dueDate: '2026-12-31',
      source: { kind: 'meeting', meetingId: 'm1', resolutionId: 'r1', actionItemId: 'i1' },
    });
    await waitFor(() => expect(screen.getByTestId('task-progress').textContent).toBe('落实任务：0/1 已办结'));
    await saved();
    const doc = await stored();
    expect(doc.taskIds).toEqual([task.id]);
    expect(doc.topics[0]?.resolutions?.[0]?.actionItems?.[0]?.taskId).toBe(task.id);

    // The 六方联动 side closes it: the meeting shows it.
    let closed = task;
    for (const action of ['sign', 'start', 'submit', 'accept'] as const) {
      const r = applyAction(closed, { action }, { role: 'branch_secretary', name: '张书记' }, { at: new Date().toISOString(), by: '张书记' }, `tr-${action}`, '2026-11-28');
      if (!r.ok) throw new Error(r.error.code);
      closed = r.value;
    }
    await (await theDb().tasks.findOne(task.id).exec())?.incrementalModify(() => closed);
    await waitFor(() => expect(screen.getByTestId('task-progress').textContent).toBe('落实任务：1/1 已办结'));
    expect(within(item).getByTestId('task-link').textContent).toBe('任务：已办结');
  });
});

describe('会议记录 — keyboard', () => {
  it('Alt+N adds a 议题 after the current one, Alt+R a 决议 in it, Alt+↑/↓ and Ctrl+PageUp/Down jump, Alt+Shift+↑ moves', async () => {
    await openEditor(complete());
    expect(screen.getByTestId('shortcut-help').textContent).toContain('Alt+N 新增议题');
    const notes0 = within(topic(0)).getByLabelText('讨论情况');
    notes0.focus();
    fireEvent.keyDown(notes0, { key: 'n', code: 'KeyN', altKey: true });
    await waitFor(() => expect(topicCards()).toHaveLength(3));
    const title = within(topic(1)).getByLabelText('议题名称');
    await waitFor(() => expect(document.activeElement).toBe(title));
    fireEvent.change(title, { target: { value: '楼道堆物清理' } });

    fireEvent.keyDown(title, { key: 'r', code: 'KeyR', altKey: true });
    await waitFor(() => expect(within(topic(1)).getAllByTestId('resolution')).toHaveLength(1));
    const decision = within(topic(1)).getByLabelText('决议内容');
    await waitFor(() => expect(document.activeElement).toBe(decision));

    fireEvent.keyDown(decision, { key: 'ArrowDown', code: 'ArrowDown', altKey: true });
    await waitFor(() => expect(document.activeElement).toBe(within(topic(2)).getByLabelText('讨论情况')));
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'PageUp', code: 'PageUp', ctrlKey: true });
    await waitFor(() => expect(document.activeElement).toBe(within(topic(1)).getByLabelText('讨论情况')));

    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'ArrowUp', code: 'ArrowUp', altKey: true, shiftKey: true });
    await saved();
    expect((await stored()).topics.map((t) => t.title)).toEqual(['楼道堆物清理', '东门道路修缮', '其他事项']);
    // and with the buttons
    fireEvent.click(screen.getByRole('button', { name: '下移议题二' }));
    await saved();
    expect((await stored()).topics.map((t) => t.title)).toEqual(['楼道堆物清理', '其他事项', '东门道路修缮']);
  });
});

describe('会议记录 — the list', () => {
  const listed = () => screen.getAllByTestId('meeting-row').map((r) => r.getAttribute('data-id'));

  it('lists newest first; filters by type, status and dates; searches titles, notes and decisions', async () => {
    const base = councilMeeting();
    await theDb().meetings.bulkInsert([
      { ...base, id: 'a', date: '2026-01-10', status: 'final', title: '一月理事会', topics: [{ id: 'ta', title: '议题', notes: '讨论电动车充电桩选址' }] },
      {
        ...base,
        id: 'b',
        type: 'owners_committee',
        date: '2026-03-05',
        title: '三月业委会',
        topics: [{ id: 'tb', title: '议题', notes: '', resolutions: [{ id: 'rb', text: '同意使用维修资金更换电梯', vote: { method: 'none' } }] }],
      },
      { ...base, id: 'c', date: '2026-02-01', title: '二月理事会', topics: [] },
    ]);
    await renderApp(theDb(), '#/meetings');
    await waitFor(() => expect(listed()).toEqual(['b', 'c', 'a']));

    fill('搜索会议', '充电桩');
    await waitFor(() => expect(listed()).toEqual(['a']));
    fill('搜索会议', '维修资金 电梯');
    await waitFor(() => expect(listed()).toEqual(['b']));
    fill('搜索会议', '没有这个词');
    expect((await screen.findByTestId('meetings-empty')).textContent).toBe('没有符合条件的会议记录。');
    fill('搜索会议', '');
    fill('按类型筛选', 'council');
    await waitFor(() => expect(listed()).toEqual(['c', 'a']));
    fill('按状态筛选', 'final');
    await waitFor(() => expect(listed()).toEqual(['a']));
    fill('按状态筛选', '');
    fill('开始日期', '2026-01-15');
    fill('结束日期', '2026-02-28');
    await waitFor(() => expect(listed()).toEqual(['c']));

    fireEvent.click(within(screen.getByTestId('meeting-row')).getByRole('button', { name: '二月理事会' }));
    expect(await screen.findByTestId('meeting-editor')).toBeTruthy();
    expect(window.location.hash).toBe('#/meetings/c');
    fireEvent.click(screen.getByRole('button', { name: '← 会议列表' }));
    await waitFor(() => expect(window.location.hash).toBe('#/meetings'));
    expect(await screen.findByTestId('meetings-table')).toBeTruthy();
  });

  it('opens the next meeting on its 记录 tab, not on the tab chosen in the last one', async () => {
    const base = councilMeeting();
    await theDb().meetings.bulkInsert([
      { ...base, id: 'a', date: '2026-01-10', title: '一月理事会', topics: [] },
      { ...base, id: 'b', date: '2026-02-01', title: '二月理事会', topics: [] },
    ]);
    await renderApp(theDb(), '#/meetings/a');
    fireEvent.click(await screen.findByTestId('minutes-tab-summary'));
    expect(screen.getByTestId('minutes-tab-summary').getAttribute('aria-selected')).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: '← 会议列表' }));
    fireEvent.click(within(await screen.findByTestId('meetings-table')).getByRole('button', { name: '二月理事会' }));
    await waitFor(() => expect(window.location.hash).toBe('#/meetings/b'));
    await waitFor(() => expect(screen.getByTestId('minutes-tab-record').getAttribute('aria-selected')).toBe('true'));
    expect(screen.getByTestId('minutes-tab-summary').getAttribute('aria-selected')).toBe('false');
  });

  it('stays quick with 2,000 meetings: one page of rows, a search answered at once', async () => {
    const base = councilMeeting();
    const notes = '会议讨论了小区停车、绿化、垃圾分类、楼道堆物、电梯维保等事项。'.repeat(40);
    const docs: MeetingDoc[] = Array.from({ length: 2000 }, (_, i) => ({
      ...base,
      id: `m${String(i).padStart(4, '0')}`,
      date: `20${String(10 + Math.floor(i / 365)).padStart(2, '0')}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      title: `第${i + 1}次会议`,
      topics: [{ id: `t${i}`, title: '议题', notes: i === 1234 ? `${notes}特别事项：屋顶防水` : notes }],
    }));
    await theDb().meetings.bulkInsert(docs);
    await renderApp(theDb(), '#/meetings');
    await waitFor(() => expect(screen.getAllByTestId('meeting-row')).toHaveLength(50), { timeout: 10_000 });
    expect(screen.getByTestId('meetings-count').textContent).toBe('共 2000 次会议，显示最近 50 次');
    fireEvent.click(screen.getByRole('button', { name: '显示更多（还有 1950 次）' }));
    expect(screen.getAllByTestId('meeting-row')).toHaveLength(100);

    const started = performance.now();
    fill('搜索会议', '屋顶防水');
    await waitFor(() => expect(listed()).toEqual(['m1234']));
    expect(performance.now() - started).toBeLessThan(1500);
  }, 60_000);
});

describe('会议记录 — 业主大会 (民法典 art. 278)', () => {
  it('records totals, participation and areas exactly (m² → dm²) and decides by area and headcount', async () => {
    await theDb().settings.insert(settings({ totalAreaDm2: 12_000_000, totalOwners: 1000 }));
    await renderApp(theDb(), '#/meetings');
    fireEvent.click(await screen.findByRole('button', { name: '新建会议' }));
    const form = await dialog();
    fill('会议类型', 'owners_assembly', form);
    await waitFor(() => expect((within(form).getByRole('button', { name: '创建并开始记录' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(within(form).getByRole('button', { name: '创建并开始记录' }));
    await screen.findByTestId('meeting-editor');
    expect((screen.getByLabelText('小区专有部分总面积（平方米）') as HTMLInputElement).value).toBe('120000');
    expect((screen.getByLabelText('业主总人数') as HTMLInputElement).value).toBe('1000');
    fill('参与表决的专有部分面积（平方米）', '90,000.50');
    fill('参与表决的业主人数', '800');

    fireEvent.click(within(topic(1)).getByRole('button', { name: '新增决议' }));
    const res = await within(topic(1)).findByTestId('resolution');
    fill('决议内容', '同意按每平方米每月0.25元筹集维修资金。', res);
    fill('表决事项', 'art278_6', res);
    fill('表决方式', 'count', res);
    fill('同意（人）', '620', res);
    fill('同意面积（平方米）', '70000.25', res);
    fill('反对（人）', '100', res);
    fill('反对面积（平方米）', '10000', res);
    fill('弃权（人）', '80', res);
    fill('弃权面积（平方米）', '10000.25', res);
    expect(within(res).getByTestId('outcome-label').textContent).toBe('通过');
    expect(within(res).getByTestId('outcome-arith').textContent).toBe(
      '参与表决面积 90,000.50/120,000.00 m² ≥ 2/3；参与表决业主 800/1000 ≥ 2/3；同意面积 70,000.25/90,000.50 m² ≥ 3/4；同意业主 620/800 ≥ 3/4',
    );
    fill('同意面积（平方米）', '70000.256', res);
    expect((await within(res).findByTestId('error-yesAreaDm2')).textContent).toBe('面积最多保留两位小数。');

    // 590 of 800 owners: short of 3/4 for 筹集维修资金, a majority for 使用维修资金.
    fill('同意面积（平方米）', '70000.25', res);
    fill('同意（人）', '590', res);
    expect(within(res).getByTestId('outcome-label').textContent).toBe('未通过');
    fill('表决事项', 'art278_5', res);
    expect(within(res).getByTestId('outcome-label').textContent).toBe('通过');
    await saved();
    const [doc] = (await theDb().meetings.find().exec()).map((d) => d.toMutableJSON());
    expect(doc).toMatchObject({ totalAreaDm2: 12_000_000, totalOwners: 1000, participatingAreaDm2: 9_000_050, participatingOwners: 800 });
    expect(doc?.topics[1]?.resolutions?.[0]).toMatchObject({
      matter: 'art278_5',
      vote: { method: 'count', yes: 590, yesAreaDm2: 7_000_025, no: 100, noAreaDm2: 1_000_000, abstain: 80, abstainAreaDm2: 1_000_025 },
    });
  });
});

describe('会议记录 — 业主大会 documents and 定稿 by meeting type (issue #8)', () => {
  const ready = (over: Partial<MeetingDoc> = {}): MeetingDoc =>
    assembly({
      title: '金山花园2026年第一次业主大会',
      startTime: '09:00',
      endTime: '11:30',
      location: '小区中心广场',
      hostName: '张伟',
      recorderName: '王晓梅',
      totalOwners: 610,
      totalAreaDm2: 4_502_628,
      participatingOwners: 460,
      participatingAreaDm2: 3_512_050,
      topics: [
        {
          id: 't1',
          title: '表决事项',
          notes: '',
          resolutions: [{ id: 'r1', text: '续聘物业', matter: 'art278_4', vote: { method: 'count', yes: 400, yesAreaDm2: 3_000_000, no: 60, noAreaDm2: 512_050 } }],
        },
      ],
      ...over,
    });

  it('finalises a 业主大会 without a list of 参会人员; the 纪要 states participation against the totals', async () => {
    await theDb().settings.insert(settings({ ownersCommitteeName: '金山花园业主委员会' }));
    await openEditor(ready());
    fireEvent.click(screen.getByRole('tab', { name: '会议纪要' }));
    expect((await screen.findByTestId('summary-intro')).textContent).toContain(
      '参与表决业主460人，占总人数75.4%；专有部分面积35,120.50 m²，占78.0%。',
    );
    expect(screen.getByTestId('summary-view').textContent).not.toMatch(/应到|实到/);
    fireEvent.click(screen.getByRole('tab', { name: '会议记录' }));
    fireEvent.click(screen.getByRole('button', { name: '定稿' }));
    fireEvent.click(within(await dialog()).getByRole('button', { name: '确认定稿' }));
    await waitFor(async () => expect((await stored()).status).toBe('final'));
    expect(screen.getByTestId('record-attendance').textContent).toBe('参与表决业主460人，占总人数75.4%；专有部分面积35,120.50 m²，占78.0%');
  });

  it('still needs the totals and participation at 定稿, and marks and focuses the first field missing', async () => {
    const doc = ready();
    delete doc.participatingOwners;
    await openEditor(doc);
    fireEvent.click(screen.getByRole('button', { name: '定稿' }));
    expect((await screen.findByTestId('finalise-missing')).textContent).toBe('定稿前还需填写：参与表决的业主人数。');
    expect(screen.getByTestId('error-participatingOwners').textContent).toBe('定稿前请填写此项。');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('参与表决的业主人数')));
    fill('参与表决的业主人数', '460');
    await waitFor(() => expect(screen.queryByTestId('error-participatingOwners')).toBeNull());
  });

  it('a roll call: the owners checked in beside the participation typed; 定稿 refused while they differ; 按签到业主填入', async () => {
    const owners = [
      { id: 'o1', name: '甲业主', role: 'member' as const, status: 'present' as const, areaDm2: 12_000, checkedInAt: T0 },
      { id: 'o2', name: '乙业主', role: 'member' as const, status: 'present' as const, areaDm2: 8_000, checkedInAt: T0 },
    ];
    await openEditor(
      ready({
        attendees: owners,
        totalOwners: 3,
        totalAreaDm2: 30_000,
        participatingOwners: 2,
        participatingAreaDm2: 29_000,
        topics: [
          {
            id: 't1',
            title: '表决事项',
            notes: '',
            resolutions: [
              {
                id: 'r1',
                text: '筹集维修资金',
                matter: 'art278_6',
                vote: { method: 'roll_call', rollCall: [{ attendeeId: 'o1', choice: 'yes' }, { attendeeId: 'o2', choice: 'yes' }] },
              },
            ],
          },
        ],
      }),
    );
    const check = screen.getByTestId('roll-call-participation');
    expect(check.getAttribute('data-differs')).toBe('true');
    expect(check.textContent).toContain('签到出席的业主：2 人，专有部分面积 200.00 m²');
    const res = within(topic(0)).getByTestId('resolution');
    // Not a silent 未通过: the vote cannot be decided against a participation the roll call contradicts.
    expect(within(res).getByTestId('outcome').getAttribute('data-outcome')).toBe('invalid');
    expect(within(res).getByTestId('outcome').textContent).toContain('与签到出席的业主（2人，200 平方米）不一致');
    fireEvent.click(screen.getByRole('button', { name: '定稿' }));
    expect((await screen.findByTestId('finalise-issues')).textContent).toContain('不一致');
    fireEvent.click(screen.getByRole('button', { name: '按签到业主填入参与表决人数和面积' }));
    await waitFor(() => expect(within(res).getByTestId('outcome-label').textContent).toBe('通过'));
    await saved();
    expect(await stored()).toMatchObject({ participatingOwners: 2, participatingAreaDm2: 20_000 });
  });

  it('switching a vote to 记名表决 while the owners are still checking in is not refused', async () => {
    await openEditor(ready({ attendees: [{ id: 'o1', name: '甲业主', role: 'member', status: 'present', areaDm2: 12_000, checkedInAt: T0 }] }));
    const res = within(topic(0)).getByTestId('resolution');
    fill('表决方式', 'roll_call', res);
    expect(within(res).queryByTestId('error-voteMethod')).toBeNull();
    await saved();
    expect((await stored()).topics[0]?.resolutions?.[0]?.vote.method).toBe('roll_call');
    expect(within(res).getByTestId('outcome').getAttribute('data-outcome')).toBe('invalid'); // 460 typed, 1 checked in
  });

  it('records participation per 表决事项, defaulting to the meeting’s', async () => {
    await openEditor(ready());
    const res = within(topic(0)).getByTestId('resolution');
    expect(within(res).getByLabelText('本项参与表决人数').getAttribute('value')).toBe('');
    expect(within(res).getByText('留空则按会议的 460 人')).toBeTruthy();
    fill('本项参与表决人数', '470', res);
    expect((await within(res).findByTestId('error-itemParticipatingOwners')).textContent).toBe(
      '本项参与表决的数量不能超过本次会议参与表决的总数，请核对。',
    );
    fill('本项参与表决人数', '455', res); // 400 + 60 voted: more than 455 took part in this item
    expect((await within(res).findByTestId('error-itemParticipatingOwners')).textContent).toContain('合计 460 票，多于实到（参与表决）的 455 人');
    fill('反对（人）', '55', res); // with the item's participation, as shown: saved together
    await saved();
    expect((await stored()).topics[0]?.resolutions?.[0]).toMatchObject({ participatingOwners: 455, vote: { yes: 400, no: 55 } });
    expect(within(res).getByTestId('outcome-arith').textContent).toContain('同意业主 400/455');
  });
});

describe('会议记录 — 更正 in the record and the 纪要 (issue #8)', () => {
  it('a 更正 of a decision with corrected counts: what changed is marked; the 纪要 states the decision as corrected', async () => {
    localStorage.setItem(OPERATOR_STORAGE_KEY, '王晓梅');
    await theDb().settings.insert(settings());
    await openEditor(complete({ status: 'final', finalisedAt: T0, finalisedBy: '王晓梅' }));
    localStorage.setItem(OPERATOR_STORAGE_KEY, '王晓梅');
    const r1 = within(topic(0)).getByTestId('resolution');
    fireEvent.click(within(r1).getByRole('button', { name: '更正/补充' }));
    const form = await dialog();
    fill(/内容/, '同意由物业公司对东门道路和北门台阶进行修缮，费用从公共收益中列支。', form);
    expect(within(form).getByTestId('correction-preview').textContent).toContain('［增加“和北门台阶”］');
    fireEvent.click(within(form).getByTestId('correct-vote'));
    fill('更正后同意', '4', form);
    fill('更正后反对', '1', form); // 5 of 4 present
    fill(/原因/, '计票有误', form);
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('更正后的表决票数有误');
    fill('更正后反对', '0', form);
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const entry = await screen.findByTestId('correction');
    expect(within(entry).getByTestId('correction-changes').textContent).toBe(
      '同意由物业公司对东门道路［增加“和北门台阶”］进行修缮，费用从公共收益中列支。',
    );
    expect(within(entry).getByTestId('corrected-vote').textContent).toContain('更正后表决情况：同意4人，反对0人，弃权0人');
    expect((await stored()).corrections?.[0]).toMatchObject({ targetId: 'r1', vote: { method: 'count', yes: 4, no: 0, abstain: 0 } });

    fireEvent.click(screen.getByRole('tab', { name: '会议纪要' }));
    const decision = (await screen.findAllByTestId('summary-decision'))[0];
    expect(decision?.textContent).toContain('一、同意由物业公司对东门道路和北门台阶进行修缮');
    expect(decision?.textContent).toContain('表决情况：同意4人，反对0人，弃权0人。');
    expect(within(decision as HTMLElement).getByTestId('summary-amendment').textContent).toMatch(/^（本决议于\d{4}年\d+月\d+日更正表决情况，原因：计票有误。）$/);
    expect(screen.getByTestId('summary-signoff').textContent).toMatch(/^金山花园小区共建理事会\d{4}年\d+月\d+日$/);
  });
});

describe('会议记录 — smaller things (issue #8)', () => {
  it('search finds attendees’ names and 发言人', async () => {
    const base = councilMeeting();
    await theDb().meetings.bulkInsert([
      { ...base, id: 'a', title: '一月理事会', attendees: [{ id: 'g1', name: '吴律师', role: 'guest', status: 'present' }] },
      { ...base, id: 'b', title: '二月理事会', topics: [{ id: 'tb', title: '议题', notes: '', speakers: ['钱多多'] }] },
    ]);
    await renderApp(theDb(), '#/meetings');
    const listed = () => screen.getAllByTestId('meeting-row').map((r) => r.getAttribute('data-id'));
    await waitFor(() => expect(listed()).toHaveLength(2));
    fill('搜索会议', '吴律师');
    await waitFor(() => expect(listed()).toEqual(['a']));
    fill('搜索会议', '钱多多');
    await waitFor(() => expect(listed()).toEqual(['b']));
  });

  it('定稿 marks the missing fields where they are and focuses the first', async () => {
    const doc = complete();
    delete doc.location;
    delete doc.recorderName;
    await openEditor(doc);
    fireEvent.click(screen.getByRole('button', { name: '定稿' }));
    expect((await screen.findByTestId('finalise-missing')).textContent).toBe('定稿前还需填写：地点、记录人。');
    expect(screen.getByTestId('error-location').textContent).toBe('定稿前请填写此项。');
    expect(screen.getByTestId('error-recorderName').textContent).toBe('定稿前请填写此项。');
    expect(screen.getByLabelText('地点').getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('地点')));
  });

  it('决议公告: the draft is edited in 公告打印, and the decision opens it there again', async () => {
    await theDb().settings.insert(settings());
    await openEditor(complete());
    fireEvent.click(within(topic(0)).getByRole('button', { name: '生成决议公告' }));
    const form = await screen.findByTestId('notice-form');
    await waitFor(() => expect((within(form).getByLabelText(/^标题/) as HTMLInputElement).value).toBe('关于由物业公司对东门道路进行修缮的决议公告'));
    expect((within(form).getByLabelText(/^正文/) as HTMLTextAreaElement).value).toContain('同意由物业公司对东门道路进行修缮');
    fill(/^标题/, '关于东门道路修缮的决议公告', form);
    fill(/^正文/, '', form);
    fireEvent.click(within(form).getByRole('button', { name: '保存草稿' }));
    expect((await within(form).findByTestId('error-body')).textContent).toBe('请填写公告正文。');
    fill(/^正文/, '经会议表决，同意修缮东门道路。\n\n特此公告。', form);
    fireEvent.click(within(form).getByRole('button', { name: '保存草稿' }));
    await waitFor(async () => {
      const [notice] = (await theDb().notices.find().exec()).map((d) => d.toMutableJSON());
      expect(notice).toMatchObject({ title: '关于东门道路修缮的决议公告', body: '经会议表决，同意修缮东门道路。\n\n特此公告。' });
    });
    const [notice] = (await theDb().notices.find().exec()).map((d) => d.toMutableJSON());
    window.location.hash = '#/meetings/m1';
    expect((await within(await screen.findByTestId('meeting-editor')).findByTestId('notice-created')).textContent).toBe('已生成公告草稿');
    expect(within(topic(0)).getByTestId('open-notice').getAttribute('href')).toBe(`#/notices/${notice?.id}`);
  });
});
