import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addCalendarDays, localDate } from '../../../shared/domain/common/dates';
import { applyAction } from '../../../shared/domain/tasks';
import type { TaskAction, TaskDoc } from '../../../shared/schema';
import type { LinliDatabase } from '../../db/database';
import { setOperatorName } from '../../db/operator';
import { dialog, fill, openTestDatabase, renderApp, teardown } from '../../testing/render-app';
import { useUiStore } from '../../ui/ui-store';
import { resetTasksUi } from './tasks-store';

let db: LinliDatabase | undefined;
beforeEach(async () => {
  resetTasksUi();
  db = await openTestDatabase();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await teardown(db);
  db = undefined;
});
const theDb = (): LinliDatabase => {
  if (!db) throw new Error('no database');
  return db;
};

const TODAY = localDate(new Date());
const CREATED = '2025-01-01T00:00:00.000Z';
const base = { createdAt: CREATED, updatedAt: CREATED, createdBy: '管理员', updatedBy: '管理员' };

/** A task taken to `status` by a legal chain of actions (the database checks the chain). */
function task(id: string, over: Partial<TaskDoc>, path: readonly TaskAction[] = []): TaskDoc {
  let doc: TaskDoc = { id, ...base, title: id, leadParty: 'property', status: 'pending', priority: 'normal', ...over };
  path.forEach((action, i) => {
    const r = applyAction(doc, { action, reason: '原因' }, { role: 'admin', name: '管理员' }, { at: CREATED, by: '管理员' }, `${id}-t${i}`, '2025-01-01');
    if (!r.ok) throw new Error(`${id}: ${action} ${r.error.code}`);
    doc = r.value;
  });
  return doc;
}
const IN_PROGRESS: readonly TaskAction[] = ['sign', 'start'];
const SUBMITTED: readonly TaskAction[] = ['sign', 'start', 'submit'];

const person = (id: string, name: string, party: TaskDoc['leadParty']) => ({ id, kind: 'person' as const, name, party, status: 'active' as const, ...base });

async function seedRoster() {
  await theDb().roster.bulkInsert([
    person('p-wang', '王强', 'property'),
    person('p-zhang', '张书记', 'branch'),
    { id: 'o-lc', kind: 'organization', name: '绿城物业', party: 'property', status: 'active', ...base },
  ]);
}

const rowIds = () => screen.queryAllByTestId(/^task-row-/).map((r) => r.getAttribute('data-testid')?.slice('task-row-'.length));
const stored = async (id: string) => (await theDb().tasks.findOne(id).exec())?.toJSON();
const entries = async (taskId: string) => (await theDb().task_updates.find({ selector: { taskId } }).exec()).map((d) => d.toJSON());

describe('六方联动 — list', () => {
  it('filters by party (lead or co-party) from the address, counts each value, and keeps the filter in the address', async () => {
    const past = addCalendarDays(TODAY, -3);
    await theDb().tasks.bulkInsert([
      task('a', { title: '修补屋顶', leadParty: 'property', dueDate: past }, IN_PROGRESS),
      task('b', { title: '楼道清理', leadParty: 'owners_committee', coParties: [{ party: 'property' }] }),
      task('c', { title: '党员认领', leadParty: 'branch' }, SUBMITTED),
    ]);
    await renderApp(theDb(), '#/tasks?party=property');
    await waitFor(() => expect(rowIds().sort()).toEqual(['a', 'b']));
    expect(screen.getByTestId('task-count').textContent).toBe('2 / 3 项');
    const party = screen.getByLabelText('按六方筛选') as HTMLSelectElement;
    expect(party.value).toBe('property');
    // Counts per value among the tasks matching the other filters.
    expect(within(party).getByRole('option', { name: '物业公司（2）' })).toBeTruthy();
    expect(within(party).getByRole('option', { name: '党支部（1）' })).toBeTruthy();
    const status = screen.getByLabelText('按状态筛选');
    expect(within(status).getByRole('option', { name: '办理中（1）' })).toBeTruthy();
    expect(within(status).getByRole('option', { name: '待分派（1）' })).toBeTruthy();
    expect(within(status).getByRole('option', { name: '待验收（0）' })).toBeTruthy();
    expect(screen.getByLabelText('已逾期（1）')).toBeTruthy();

    fireEvent.change(status, { target: { value: 'in_progress' } });
    await waitFor(() => expect(rowIds()).toEqual(['a']));
    expect(window.location.hash).toBe('#/tasks?party=property&status=in_progress');
    // Past due: 已逾期, or 已催办 once the next working day has come.
    expect(within(screen.getByTestId('task-row-a')).getByTestId('task-stage').textContent).toMatch(/^(已逾期|已催办)$/);

    fireEvent.change(screen.getByLabelText('搜索任务'), { target: { value: '楼道' } });
    await waitFor(() => expect(screen.getByTestId('task-list-empty').textContent).toBe('没有符合筛选条件的任务。'));
    fireEvent.click(screen.getByTestId('clear-filters'));
    await waitFor(() => expect(rowIds().sort()).toEqual(['a', 'b', 'c']));
    expect(window.location.hash).toBe('#/tasks');
  });

  it('a 工作台 card links to the list filtered the same way', async () => {
    await theDb().tasks.bulkInsert([
      task('late', { title: '逾期事项', dueDate: addCalendarDays(TODAY, -2) }, IN_PROGRESS),
      task('ok', { title: '按期事项', leadParty: 'branch', dueDate: addCalendarDays(TODAY, 20) }, SUBMITTED),
      // Accepted long after its due date: closed, so neither open nor overdue on the cards.
      task('closed', { title: '已办结事项', dueDate: addCalendarDays(TODAY, -9) }, [...SUBMITTED, 'accept']),
    ]);
    await renderApp(theDb(), '#/dashboard');
    const overdue = await screen.findByTestId('tasks-overdue');
    expect(overdue.getAttribute('href')).toBe('#/tasks?overdue=1');
    expect(overdue.textContent).toContain('1');
    expect(screen.getByTestId('tasks-submitted').getAttribute('href')).toBe('#/tasks?status=submitted');
    expect(screen.getByTestId('tasks-open-property').getAttribute('href')).toBe('#/tasks?party=property&status=open');
    expect(screen.getByTestId('tasks-open-property').textContent).toBe('1');
    window.location.hash = overdue.getAttribute('href') ?? '';
    await waitFor(() => expect(rowIds()).toEqual(['late']));
  });
});

describe('六方联动 — other views', () => {
  it('六方看板 shows a task under its lead and each co-party; 我的任务 and 治理清单 group and narrow', async () => {
    const list = (no: string) => ({ kind: 'governance_list' as const, listName: '2026清单', listItemNo: no, listItemTitle: `条目${no}` });
    await theDb().tasks.bulkInsert([
      task('g1', { title: '充电桩', ownerName: '王强', coParties: [{ party: 'branch' }], source: list('2') }, IN_PROGRESS),
      task('g2', { title: '充电桩验收', leadParty: 'branch', coParties: [{ party: 'property', personName: '王强' }], source: list('2') }, [...SUBMITTED, 'accept']),
      task('g3', { title: '绿化', leadParty: 'social_org', source: list('10') }),
    ]);
    await renderApp(theDb(), '#/tasks?view=parties');
    const branch = await screen.findByTestId('party-column-branch');
    await waitFor(() => expect(within(branch).queryByTestId('card-g1')).toBeTruthy());
    expect(within(branch).getByTestId('card-g1').textContent).toContain('配合');
    expect(within(branch).getByTestId('card-g2').textContent).toContain('牵头');
    expect(within(screen.getByTestId('party-column-property')).getByTestId('card-g1')).toBeTruthy();

    setOperatorName('王强');
    fireEvent.click(screen.getByTestId('tasks-tab-mine'));
    await waitFor(() => expect(rowIds().sort()).toEqual(['g1', 'g2']));
    expect(window.location.hash).toBe('#/tasks?view=mine');

    fireEvent.click(screen.getByTestId('tasks-tab-governance'));
    const item2 = await screen.findByTestId('governance-item-2026清单-2');
    expect(within(item2).getByTestId('governance-progress').textContent).toBe('1/2 已办结');
    expect(within(screen.getByTestId('governance-item-2026清单-10')).getByTestId('governance-progress').textContent).toBe('0/1 已办结');
    expect(screen.getAllByTestId(/^governance-item-/).map((e) => e.getAttribute('data-testid'))).toEqual([
      'governance-item-2026清单-2',
      'governance-item-2026清单-10',
    ]);
  });
});

describe('六方联动 — task form', () => {
  it('shows each error at its field and saves nothing until all are right', async () => {
    await seedRoster();
    await renderApp(theDb(), '#/tasks');
    fireEvent.click(await screen.findByTestId('new-task'));
    const form = await dialog();
    fireEvent.click(within(form).getByTestId('save-task'));
    expect((await within(form).findByTestId('error-title')).textContent).toBe('请填写标题。');
    expect(within(form).getByTestId('error-leadParty').textContent).toContain('请选择牵头方');
    expect(await theDb().tasks.count().exec()).toBe(0);

    fill('标题', '修补 3 号楼屋顶', form);
    fill('截止日期', '2000-01-01', form);
    fireEvent.click(within(form).getByTestId('add-co-party'));
    fill('配合方 1', 'property', form);
    fill('牵头方', 'property', form); // chosen after the co-party: the same party twice
    fireEvent.click(within(form).getByTestId('save-task'));
    expect((await within(form).findByTestId('error-dueDate')).textContent).toContain('截止日期不能早于');
    expect(within(form).getByTestId('error-coParties').textContent).toContain('已是牵头方');
    expect(within(form).queryByTestId('error-title')).toBeNull();
    expect(await theDb().tasks.count().exec()).toBe(0);

    fill('截止日期', addCalendarDays(TODAY, 10), form);
    fill('配合方 1', 'branch', form);
    fill('配合方 1 联系人', 'p-zhang', form);
    fill('牵头单位', 'o-lc', form);
    fill('责任人', 'p-wang', form);
    fill('来源', 'resident', form);
    fill('居民姓名', '李阿姨', form);
    fill('标签', '维修，安全', form);
    fireEvent.click(within(form).getByTestId('save-task'));
    await waitFor(() => expect(screen.queryByTestId('task-form')).toBeNull());
    const [saved] = (await theDb().tasks.find().exec()).map((d) => d.toJSON());
    expect(saved).toMatchObject({
      title: '修补 3 号楼屋顶',
      leadParty: 'property',
      leadOrganizationId: 'o-lc',
      ownerId: 'p-wang',
      ownerName: '王强',
      status: 'pending',
      coParties: [{ party: 'branch', personId: 'p-zhang' }],
      source: { kind: 'resident', residentName: '李阿姨' },
      tags: ['维修', '安全'],
    });
    // The new task opens.
    expect(await screen.findByTestId('task-detail')).toBeTruthy();
    expect(window.location.hash).toBe(`#/tasks/${saved?.id}`);
  });
});

describe('六方联动 — status board', () => {
  const drag = (card: HTMLElement, column: HTMLElement) => {
    fireEvent.dragStart(card);
    fireEvent.dragOver(column);
    fireEvent.drop(column);
  };

  it('refuses an illegal drop with the reason, performs a legal one with its log entry, and moves from the keyboard', async () => {
    await theDb().tasks.bulkInsert([task('w', { title: '办理中的事' }, IN_PROGRESS), task('p', { title: '待分派的事' })]);
    await renderApp(theDb(), '#/tasks?view=statuses');
    const card = await screen.findByTestId('card-w');

    drag(card, screen.getByTestId('status-column-done'));
    const refused = await screen.findByTestId('move-refused');
    expect(refused.textContent).toContain('不能直接“验收通过”');
    expect(refused.textContent).toContain('提交验收');
    expect((await stored('w'))?.status).toBe('in_progress');

    drag(screen.getByTestId('card-w'), screen.getByTestId('status-column-submitted'));
    await waitFor(async () => expect((await stored('w'))?.status).toBe('submitted'));
    await waitFor(() => expect(within(screen.getByTestId('status-column-submitted')).queryByTestId('card-w')).toBeTruthy());
    await waitFor(async () => expect((await entries('w')).map((e) => [e.kind, e.fromStatus, e.toStatus])).toEqual([['status', 'in_progress', 'submitted']]));

    // Keyboard: → takes the next legal step (签收).
    const pending = screen.getByTestId('card-p');
    pending.focus();
    fireEvent.keyDown(pending, { key: 'ArrowRight' });
    await waitFor(async () => expect((await stored('p'))?.status).toBe('signed'));
    // Enter opens the menu of the actions possible now.
    fireEvent.keyDown(await screen.findByTestId('card-p'), { key: 'Enter' });
    const menu = await screen.findByTestId('move-menu');
    fireEvent.click(within(menu).getByRole('menuitem', { name: '开始办理 → 办理中' }));
    await waitFor(async () => expect((await stored('p'))?.status).toBe('in_progress'));
  });
});

describe('六方联动 — task detail', () => {
  it('offers the actions of the acting person: no self-acceptance; 退回 asks for a reason; 验收 logs the move', { timeout: 20_000 }, async () => {
    await theDb().tasks.insert(task('t', { title: '修补屋顶', ownerName: '王强', dueDate: addCalendarDays(TODAY, 5) }, SUBMITTED));
    await renderApp(theDb(), '#/tasks/t');
    setOperatorName('王强'); // the task's own 责任人
    await screen.findByTestId('task-detail');
    await waitFor(() => expect(screen.getByTestId('sidebar-operator').textContent).toBe('操作人：王强'));
    const actions = screen.getByTestId('task-actions');
    await waitFor(() => expect(within(actions).queryByTestId('action-accept')).toBeNull());
    expect(within(actions).getByTestId('action-return')).toBeTruthy();

    setOperatorName('张书记');
    fireEvent.click(await within(actions).findByTestId('action-return'));
    const d = await dialog();
    fireEvent.click(within(d).getByTestId('confirm-action'));
    expect((await within(d).findByTestId('error-reason')).textContent).toBe('请填写退回原因。');
    fill('退回原因', '照片不清楚', d);
    fireEvent.click(within(d).getByTestId('confirm-action'));
    await waitFor(async () => expect((await stored('t'))?.status).toBe('in_progress'));
    const log = await screen.findByTestId('task-log');
    await waitFor(() => expect(log.textContent).toContain('照片不清楚'));

    const enabled = async (testId: string) => {
      const button = await screen.findByTestId(testId);
      await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false)); // the previous action's log entry is written
      return button;
    };
    fireEvent.click(await enabled('action-submit'));
    await waitFor(async () => expect((await stored('t'))?.status).toBe('submitted'));
    fireEvent.click(await enabled('action-accept'));
    await waitFor(async () => expect((await stored('t'))?.status).toBe('done'));
    expect((await stored('t'))?.acceptedBy).toBe('张书记');
    await waitFor(async () => expect((await entries('t')).filter((e) => e.kind === 'status')).toHaveLength(3));

    // Satisfaction after closing; a progress entry.
    fireEvent.click(within(await screen.findByTestId('satisfaction')).getByRole('button', { name: '5 分' }));
    await waitFor(async () => expect((await stored('t'))?.satisfaction).toBe(5));
    fill('进展内容', '已回访居民', screen.getByTestId('add-entry'));
    fireEvent.click(screen.getByTestId('save-entry'));
    await waitFor(() => expect(screen.getAllByTestId('log-entry')[0]?.textContent).toContain('已回访居民'));
    expect(screen.getAllByTestId('log-entry')[0]?.getAttribute('data-kind')).toBe('progress');
  });

  it('an unknown task says so', async () => {
    await renderApp(theDb(), '#/tasks/nope');
    expect((await screen.findByTestId('task-missing')).textContent).toContain('找不到该任务');
    expect(useUiStore.getState().route.path).toEqual(['nope']);
  });
});

describe('六方联动 — 生成进展公示', () => {
  it('opens a 任务进展公示 draft in 公告打印 of the tasks the current filter shows', async () => {
    await theDb().tasks.bulkInsert([task('a', { title: '修补东门道路' }), task('b', { title: '党员结对帮扶', leadParty: 'branch' })]);
    await renderApp(theDb(), '#/tasks?party=property');
    await waitFor(() => expect(rowIds()).toEqual(['a']));
    fireEvent.click(screen.getByTestId('create-progress-notice'));
    await screen.findByTestId('notice-form');
    const [notice] = (await theDb().notices.find().exec()).map((d) => d.toJSON());
    expect(notice).toMatchObject({ kind: 'task', status: 'draft' });
    expect(notice?.source?.taskIds).toEqual(['a']);
    expect(window.location.hash).toBe(`#/notices/${notice?.id}`);
  });
});
