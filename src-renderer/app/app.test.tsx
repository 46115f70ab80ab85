import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LinliDatabase } from '../db/database';
import { openTestDatabase, renderApp, teardown } from '../testing/render-app';
import { App } from './App';
import { SECTIONS } from './sections';
import { SECTION_ORDER } from '../ui/section';
import { resetUiStore, viewFromHash } from '../ui/ui-store';
import { registeredView } from './routing';
import { addCalendarDays, localDate } from '../../shared/domain/common/dates';
import { applyAction } from '../../shared/domain/tasks';
import type { TaskDoc } from '../../shared/schema';

const stamp = { createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', createdBy: 'x', updatedBy: 'x' };

describe('shell', () => {
  let db: LinliDatabase | undefined;
  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(async () => {
    await teardown(db);
    db = undefined;
  });
  const theDb = (): LinliDatabase => {
    if (!db) throw new Error('no database');
    return db;
  };

  it('shows only the sections that are built, in the planned order', async () => {
    await renderApp(theDb());
    const nav = screen.getByRole('navigation', { name: '主导航' });
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(['工作台', '会议记录', '六方联动', '财务台账', '公告打印', '组织人员', '冲突', '设置']);
    expect(screen.getByTestId('nav-dashboard').getAttribute('aria-current')).toBe('page');
  });

  it('navigates by hash and keeps the section in the address (a reload lands there again)', async () => {
    await renderApp(theDb(), '#/settings');
    expect(await screen.findByRole('heading', { level: 1, name: '设置' })).toBeTruthy();
    window.location.hash = '#/roster';
    expect(await screen.findByRole('heading', { level: 1, name: '组织人员' })).toBeTruthy();
    expect(screen.getByTestId('nav-roster').getAttribute('aria-current')).toBe('page');
    expect(document.title).toBe('组织人员 - 邻里工作台');
  });

  it('falls back to 工作台 for an unknown section', async () => {
    await renderApp(theDb(), '#/nosuch');
    expect(await screen.findByRole('heading', { level: 1, name: '工作台' })).toBeTruthy();
  });

  it('工作台 prompts for the profile while it is empty', async () => {
    await renderApp(theDb());
    const prompt = await screen.findByTestId('profile-prompt');
    expect(within(prompt).getByRole('link', { name: '前往设置填写' }).getAttribute('href')).toBe('#/settings');
    expect(await screen.findByTestId('roster-prompt')).toBeTruthy();
  });

  it('工作台 summarises the profile and counts active people and organisations by party', async () => {
    await theDb().settings.insert({ id: 'compound', compoundName: '幸福里小区', street: '湖滨街道', totalAreaDm2: 1234567, ...stamp });
    await theDb().roster.bulkInsert([
      { id: 'p1', kind: 'person', name: '张', party: 'branch', status: 'active', ...stamp },
      { id: 'p2', kind: 'person', name: '李', party: 'branch', status: 'active', ...stamp },
      { id: 'p3', kind: 'person', name: '王', party: 'branch', status: 'left', leftAt: '2025-01-01', ...stamp },
      { id: 'p4', kind: 'person', name: '赵', party: 'property', status: 'active', ...stamp },
      { id: 'o1', kind: 'organization', name: '绿城物业', party: 'property', status: 'active', ...stamp },
      { id: 'o2', kind: 'organization', name: '医院', party: 'co_builder', status: 'active', ...stamp },
    ]);
    await renderApp(theDb());
    const summary = await screen.findByTestId('profile-summary');
    expect(summary.textContent).toContain('幸福里小区');
    expect(summary.textContent).toContain('湖滨街道');
    expect(summary.textContent).toContain('12,345.67 平方米');
    await waitFor(() => expect(screen.getByTestId('people-total').textContent).toBe('3'));
    expect(screen.getByTestId('organizations-total').textContent).toBe('2');
    expect(screen.getByTestId('party-count-branch').textContent).toBe('党支部2—');
    expect(screen.getByTestId('party-count-property').textContent).toBe('物业公司11');

    // Live: a new person shows up without a reload.
    await theDb().roster.insert({ id: 'p5', kind: 'person', name: '钱', party: 'branch', status: 'active', ...stamp });
    await waitFor(() => expect(screen.getByTestId('people-total').textContent).toBe('4'));
  });

  it('writes the 催办 and 上报 entries that fell due, on start', async () => {
    const due = addCalendarDays(localDate(new Date()), -40);
    const t = { at: '2025-01-01T00:00:00.000Z', by: 'x' };
    let task: TaskDoc = { id: 'late', ...stamp, title: '逾期事项', leadParty: 'property', status: 'pending', priority: 'normal', dueDate: due };
    const signed = applyAction(task, { action: 'sign' }, { role: 'admin', name: 'x' }, t, 'tr1', '2025-01-01');
    if (!signed.ok) throw new Error(signed.error.code);
    task = signed.value;
    await theDb().tasks.insert(task);
    await renderApp(theDb());
    await waitFor(async () => {
      const kinds = (await theDb().task_updates.find({ selector: { taskId: 'late' } }).exec()).map((d) => d.kind).sort();
      expect(kinds).toEqual(['escalation', 'urge']);
    });
    await waitFor(() => expect(screen.getByTestId('tasks-escalated').textContent).toContain('1'));
  });

  it('switching sections keeps 组织人员 filters (UI state lives in the store)', async () => {
    await renderApp(theDb(), '#/roster');
    fireEvent.change(await screen.findByLabelText('搜索人员'), { target: { value: '张' } });
    window.location.hash = '#/settings';
    await screen.findByRole('heading', { level: 1, name: '设置' });
    window.location.hash = '#/roster';
    expect(((await screen.findByLabelText('搜索人员')) as HTMLInputElement).value).toBe('张');
  });
});

describe('database open failure', () => {
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it('shows a Chinese full-page message with a retry', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    resetUiStore();
    render(<App database={Promise.reject(new Error('VersionError: The requested version is less than the existing version'))} />);
    const page = await screen.findByTestId('db-failed');
    expect(within(page).getByRole('heading', { name: '无法打开本机数据库' })).toBeTruthy();
    expect(page.textContent).toContain('已保存的数据没有被修改');
    expect(within(page).getByRole('button', { name: '重试' })).toBeTruthy();
    expect(page.textContent).toContain('VersionError');
  });

  it('says so when the disk is full', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(<App database={Promise.reject(new DOMException('quota', 'QuotaExceededError'))} />);
    expect((await screen.findByTestId('db-failed')).textContent).toContain('磁盘空间不足');
  });

  it('shows a waiting message while opening', () => {
    render(<App database={new Promise(() => undefined)} />);
    expect(screen.getByTestId('db-opening').textContent).toContain('正在打开本机数据');
  });
});

describe('section registry', () => {
  it('every registered section is a planned one, once', () => {
    const ids = SECTIONS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(SECTION_ORDER).toContain(id);
  });

  it.each([
    ['#/roster', 'roster'],
    ['#roster', 'roster'],
    ['#/settings?x=1', 'settings'],
    ['', 'dashboard'],
    ['#/nowhere', 'dashboard'],
    ['#/ledger', 'ledger'],
    ['#/notices', 'notices'],
    ['#/notices/n1', 'notices'],
  ])('registeredView(%j) = %s', (hash, view) => expect(registeredView(hash)).toBe(view));

  it('viewFromHash knows every planned section', () => {
    for (const id of SECTION_ORDER) expect(viewFromHash(`#/${id}`)).toBe(id);
  });
});
