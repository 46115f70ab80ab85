// Storage loss at start (issue #15): an empty database on a PC that synced or backed up before shows the loss
// screen instead of an empty app, and every way out leaves no pull checkpoint behind. One database at a time.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HeldDataMarker } from '../../shared/domain/storage';
import { ok } from '../../shared/result';
import { HOST_STATE_KEY } from '../bridge/web-state';
import type { LinliDatabase } from '../db/database';
import { recordHeldData } from '../db/held-data';
import { resetRosterUi } from '../features/roster/roster-store';
import { resetTasksUi } from '../features/tasks/tasks-store';
import { checkpointKey } from '../sync/replication';
import { LAST_SYNC_KEY, SESSION_KEY } from '../sync/session-store';
import { openTestDatabase, renderApp, teardown } from '../testing/render-app';
import { resetUiStore } from '../ui/ui-store';
import { App } from './App';
import type { RestoreSource } from './storage-check';

const T = '2026-11-28T09:00:00.000Z';
const session = { serverUrl: 'http://127.0.0.1:8787', compound: { code: 'JINSHAN', name: '金山小区' } };
const checkpoints = (['roster', 'tasks', 'meetings'] as const).map((c) => checkpointKey(session, c));
const person = { id: 'p1', kind: 'person' as const, name: '张三', party: 'branch' as const, status: 'active' as const, createdAt: T, updatedAt: T, createdBy: '秘书', updatedBy: '秘书' };

let db: LinliDatabase | undefined;
const theDb = (): LinliDatabase => {
  if (!db) throw new Error('no database');
  return db;
};
const marker = (over: Partial<HeldDataMarker> = {}): HeldDataMarker => ({
  version: 1,
  compoundCode: 'JINSHAN',
  at: T,
  docCount: 1200,
  dbName: theDb().name,
  via: 'sync',
  ...over,
});
const saveMarker = (m: HeldDataMarker | null) => localStorage.setItem(HOST_STATE_KEY, JSON.stringify({ heldData: m }));
const savedMarker = (): unknown => JSON.parse(localStorage.getItem(HOST_STATE_KEY) ?? '{"heldData":null}').heldData;
const leftCheckpoints = () => checkpoints.filter((k) => localStorage.getItem(k) !== null);

/** The whole app on `db`, with localStorage as the test left it (the marker and the checkpoints live there). */
function renderWithStorage(restoreSource: (d: LinliDatabase) => Promise<RestoreSource | null> = async () => null) {
  window.location.hash = '#/dashboard';
  resetUiStore();
  resetRosterUi();
  resetTasksUi();
  return render(<App database={Promise.resolve(theDb())} checks={{ restoreSource }} />);
}

beforeEach(async () => {
  localStorage.clear();
  db = await openTestDatabase();
  for (const k of checkpoints) localStorage.setItem(k, '4711');
  localStorage.setItem(LAST_SYNC_KEY, T);
});
afterEach(async () => {
  await teardown(db);
  db = undefined;
  localStorage.clear();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('an empty database on a PC that held the compound’s data', () => {
  it('shows the loss screen, not the app, and has already dropped the pull checkpoints', async () => {
    saveMarker(marker());
    renderWithStorage();
    const screenEl = await screen.findByTestId('storage-lost');
    expect(within(screenEl).getByRole('heading', { name: '本机的数据不见了' })).toBeTruthy();
    expect(screenEl.textContent).toContain('约 1,200 条记录');
    expect(screenEl.textContent).toContain('浏览器数据被清除');
    expect(screen.queryByRole('navigation', { name: '主导航' })).toBeNull();
    expect(leftCheckpoints()).toEqual([]);
  });

  it('重新同步 without a saved login: no checkpoint is left, and the app opens at 设置 to log in', async () => {
    saveMarker(marker());
    renderWithStorage();
    fireEvent.click(await screen.findByTestId('storage-lost-resync'));
    await screen.findByRole('navigation', { name: '主导航' });
    expect(await screen.findByRole('heading', { level: 1, name: '设置' })).toBeTruthy();
    expect(leftCheckpoints()).toEqual([]);
    expect(localStorage.getItem(LAST_SYNC_KEY)).toBeNull();
    // The marker stays until the data is back: a restart before the pull shows the screen again.
    expect(savedMarker()).toEqual(marker());
  });

  it('重新同步 with a saved login: checkpoints that reappeared meanwhile (another window) are dropped too; the app starts', async () => {
    saveMarker(marker());
    // A login whose token the server will refuse: sync starts and stops at once, pulling nothing.
    const later = '2099-01-01T00:00:00.000Z';
    localStorage.setItem(
      SESSION_KEY,
      JSON.stringify({ ...session, accessToken: 'a', accessTokenExpiresAt: later, refreshToken: 'r', refreshTokenExpiresAt: later, user: { id: 'u1', username: 'mishu', name: '王秘书', role: 'secretary' } }),
    );
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'x' } }), { status: 401 })));
    renderWithStorage();
    await screen.findByTestId('storage-lost');
    for (const k of checkpoints) localStorage.setItem(k, '4711');
    fireEvent.click(screen.getByTestId('storage-lost-resync'));
    await screen.findByRole('navigation', { name: '主导航' });
    expect(await screen.findByRole('heading', { level: 1, name: '工作台' })).toBeTruthy();
    expect(leftCheckpoints()).toEqual([]);
  });

  it('作为新电脑继续 asks first; confirmed, the app starts blank and the marker is forgotten', async () => {
    saveMarker(marker());
    renderWithStorage();
    fireEvent.click(await screen.findByTestId('storage-lost-blank'));
    const confirm = await screen.findByTestId('storage-lost-confirm');
    fireEvent.click(within(confirm).getByRole('button', { name: '取消' }));
    expect(screen.queryByTestId('storage-lost-confirm')).toBeNull();
    expect(screen.getByTestId('storage-lost')).toBeTruthy();

    fireEvent.click(screen.getByTestId('storage-lost-blank'));
    fireEvent.click(within(await screen.findByTestId('storage-lost-confirm')).getByRole('button', { name: '确定，作为新电脑继续' }));
    await screen.findByRole('navigation', { name: '主导航' });
    expect(savedMarker()).toBeNull();
    expect(leftCheckpoints()).toEqual([]);
  });

  it('从最近的备份恢复 previews the backup, restores it on confirmation, then starts the app', async () => {
    saveMarker(marker({ via: 'backup' }));
    const apply = vi.fn(async () => {
      await theDb().roster.insert(person);
      return ok(undefined);
    });
    renderWithStorage(async () => ({
      kind: 'latest',
      find: async () => ok({ title: '2026年11月28日 17:00 的备份（王秘书）', details: ['共 1 条记录：组织人员 1'], apply }),
    }));
    fireEvent.click(await screen.findByRole('button', { name: '从最近的备份恢复' }));
    const preview = await screen.findByTestId('restore-preview');
    expect(preview.textContent).toContain('2026年11月28日 17:00 的备份');
    expect(apply).not.toHaveBeenCalled();
    fireEvent.click(within(preview).getByRole('button', { name: '恢复这份备份' }));
    await screen.findByRole('navigation', { name: '主导航' });
    expect(apply).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.getByTestId('people-total').textContent).toBe('1'));
  });

  it('a backup that cannot be read is said in Chinese and changes nothing', async () => {
    saveMarker(marker());
    renderWithStorage(async () => ({ kind: 'file', find: async () => ({ ok: false, error: { message: '文件不完整（可能下载或复制时中断），没有恢复任何数据。' } }) }));
    fireEvent.click(await screen.findByRole('button', { name: '从备份文件恢复' }));
    expect((await screen.findByTestId('storage-lost-error')).textContent).toContain('文件不完整');
    expect(screen.getByTestId('storage-lost')).toBeTruthy();
  });
});

describe('starts normally', () => {
  it('a fresh PC without a marker, and still drops checkpoints an emptied database left behind', async () => {
    await renderApp(theDb(), '#/dashboard', { keepStorage: true });
    expect(screen.queryByTestId('storage-lost')).toBeNull();
    expect(await screen.findByTestId('profile-prompt')).toBeTruthy();
    expect(leftCheckpoints()).toEqual([]);
  });

  it('a database that holds documents, whatever the marker says; its checkpoints are kept', async () => {
    await theDb().roster.insert(person);
    saveMarker(marker());
    await renderApp(theDb(), '#/dashboard', { keepStorage: true });
    expect(screen.queryByTestId('storage-lost')).toBeNull();
    expect(leftCheckpoints()).toEqual(checkpoints);
  });

  it('a database holding only deleted records is not empty', async () => {
    const doc = await theDb().roster.insert(person);
    await doc.remove();
    saveMarker(marker());
    await renderApp(theDb(), '#/dashboard', { keepStorage: true });
    expect(screen.queryByTestId('storage-lost')).toBeNull();
  });

  it('a marker of a compound that held no documents is no loss', async () => {
    saveMarker(marker({ docCount: 0 }));
    await renderApp(theDb(), '#/dashboard', { keepStorage: true });
    expect(screen.queryByTestId('storage-lost')).toBeNull();
  });
});

describe('a database that does not open', () => {
  it('with a marker: says the data is unreadable and what was held', async () => {
    saveMarker(marker());
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(<App database={Promise.reject(new Error('UnknownError: backing store'))} />);
    const el = await screen.findByTestId('storage-unreadable');
    expect(el.textContent).toContain('本机的数据打不开了');
    expect(el.textContent).toContain('约 1,200 条记录');
    expect(within(el).getByRole('button', { name: '重试' })).toBeTruthy();
  });

  it('without a marker: the plain cannot-open screen', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(<App database={Promise.reject(new Error('UnknownError: backing store'))} />);
    expect(await screen.findByTestId('db-failed')).toBeTruthy();
  });
});

describe('recording the marker', () => {
  it('records the compound, when, how many documents and the database name; an empty database records nothing', async () => {
    expect(await recordHeldData(theDb(), { via: 'sync', compoundCode: 'JINSHAN', at: T })).toBe(false);
    expect(savedMarker()).toBeNull();
    await theDb().roster.insert(person);
    expect(await recordHeldData(theDb(), { via: 'backup', compoundCode: null, at: T })).toBe(true);
    expect(savedMarker()).toEqual({ version: 1, compoundCode: null, at: T, docCount: 1, dbName: theDb().name, via: 'backup' });
  });
});
