import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LinliDatabase } from '../../db/database';
import { fill, openTestDatabase, renderApp, teardown } from '../../testing/render-app';
import { SERVER_URL_KEY } from '../../sync/session-store';

// jsdom's page is http://localhost: the web host. Tests are on the desktop (any server may be named) unless they set
// the origin the page was served from.
const page = vi.hoisted(() => ({ webOrigin: null as string | null }));
vi.mock('../../bridge/host', () => ({ webHostOrigin: () => page.webOrigin }));

let db: LinliDatabase | undefined;
afterEach(async () => {
  page.webOrigin = null;
  vi.unstubAllGlobals();
  await teardown(db);
  db = undefined;
});

const T = '2026-11-25T08:30:00.000Z';
const person = (fields: Record<string, unknown> = {}) => ({
  id: 'p1', createdAt: T, updatedAt: T, createdBy: '秘书', updatedBy: '秘书',
  kind: 'person' as const, name: '张三', party: 'branch' as const, status: 'active' as const, ...fields,
});

describe('sync indicator', () => {
  it('is always visible, works without a server, and counts local changes not yet pushed', async () => {
    db = await openTestDatabase();
    await renderApp(db);
    const indicator = screen.getByTestId('sync-indicator');
    expect(within(indicator).getByTestId('sync-state').textContent).toBe('未登录（仅本机）');
    expect(within(indicator).getByTestId('sync-pending').textContent).toBe('本机修改已全部同步');
    await db.roster.insert(person());
    await waitFor(() => expect(within(indicator).getByTestId('sync-pending').textContent).toBe('未同步 1 条修改'));
    expect(within(indicator).getByTestId('sync-login-link').getAttribute('href')).toBe('#/settings');
  });
});

describe('sync login in 设置', () => {
  it('names every missing field in Chinese and sends nothing', async () => {
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    db = await openTestDatabase();
    await renderApp(db, '#/settings');
    fill('服务器地址', '');
    fireEvent.click(await screen.findByTestId('sync-login'));
    expect((await screen.findByTestId('error-serverUrl')).textContent).toContain('请填写服务器地址');
    expect(screen.getByTestId('error-compound').textContent).toContain('请填写小区代码');
    expect(screen.getByTestId('error-username').textContent).toBe('请填写用户名。');
    expect(screen.getByTestId('error-password').textContent).toBe('请填写密码。');
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('says a wrong password plainly, and that the server is unreachable', async () => {
    const fetchSpy = vi.fn(async (_url: string, _init?: RequestInit) => new Response(JSON.stringify({ error: { code: 'INVALID_CREDENTIALS', message: 'x' } }), { status: 401 }));
    vi.stubGlobal('fetch', fetchSpy);
    db = await openTestDatabase();
    await renderApp(db, '#/settings');
    fill('服务器地址', '192.168.1.10:8787');
    fill('小区代码', 'jinshan');
    fill('用户名', 'mishu');
    fill('密码', 'wrong-password');
    fireEvent.click(await screen.findByTestId('sync-login'));
    expect((await screen.findByTestId('form-error')).textContent).toContain('小区代码、用户名或密码不正确');
    expect(fetchSpy.mock.calls[0]?.[0]).toBe('http://192.168.1.10:8787/api/v1/auth/login');

    fetchSpy.mockImplementation(async () => {
      throw new TypeError('Failed to fetch');
    });
    fireEvent.click(screen.getByTestId('sync-login'));
    await waitFor(() => expect(screen.getByTestId('form-error').textContent).toContain('无法连接同步服务器'));
  });
});

describe('sync login on the web version (issue #16)', () => {
  it('uses the server that served the page, read-only, says why, and logs in there', async () => {
    page.webOrigin = 'http://192.168.1.20:8787';
    const fetchSpy = vi.fn(async (_url: string, _init?: RequestInit) => new Response(JSON.stringify({ error: { code: 'INVALID_CREDENTIALS', message: 'x' } }), { status: 401 }));
    vi.stubGlobal('fetch', fetchSpy);
    db = await openTestDatabase();
    localStorage.setItem(SERVER_URL_KEY, 'http://10.0.0.9:8787'); // typed before the page was locked
    await renderApp(db, '#/settings', { keepStorage: true });
    const address = screen.getByLabelText('服务器地址') as HTMLInputElement;
    expect(address.value).toBe('http://192.168.1.20:8787');
    expect(address.readOnly).toBe(true);
    expect(screen.getByText('网页版只能连接提供本网页的服务器。')).toBeTruthy();
    fill('服务器地址', 'http://10.0.0.9:8787');
    expect(address.value).toBe('http://192.168.1.20:8787');
    fill('小区代码', 'jinshan');
    fill('用户名', 'mishu');
    fill('密码', 'wrong-password');
    fireEvent.click(screen.getByTestId('sync-login'));
    expect((await screen.findByTestId('form-error')).textContent).toContain('小区代码、用户名或密码不正确');
    expect(fetchSpy.mock.calls[0]?.[0]).toBe('http://192.168.1.20:8787/api/v1/auth/login');
  });

  it('the desktop app keeps the address editable, without the web sentence', async () => {
    db = await openTestDatabase();
    await renderApp(db, '#/settings');
    const address = screen.getByLabelText('服务器地址') as HTMLInputElement;
    expect(address.readOnly).toBe(false);
    fill('服务器地址', '192.168.1.10:8787');
    expect(address.value).toBe('192.168.1.10:8787');
    expect(screen.queryByText('网页版只能连接提供本网页的服务器。')).toBeNull();
  });
});

describe('冲突', () => {
  const withConflict = () =>
    person({
      note: '他的备注',
      conflicts: [{ id: 'c1', path: 'note', mine: JSON.stringify('我的备注'), theirs: JSON.stringify('他的备注'), at: T, by: '秘书A', device: 'pc-a', status: 'open' }],
    });

  it('lists an open conflict with both versions; keeping mine writes it back and closes the conflict', async () => {
    db = await openTestDatabase();
    await db.roster.insert(withConflict());
    await renderApp(db, '#/conflicts');
    const item = await screen.findByTestId('conflict-item');
    expect(within(item).getByTestId('conflict-theirs').textContent).toBe('他的备注');
    expect(within(item).getByTestId('conflict-mine').textContent).toBe('我的备注');
    fireEvent.click(within(item).getByTestId('conflict-keep-mine'));
    await screen.findByTestId('conflicts-empty');
    const doc = (await db.roster.findOne('p1').exec())!.toJSON();
    expect(doc.note).toBe('我的备注');
    expect(doc.conflicts?.[0]).toMatchObject({ id: 'c1', status: 'kept_mine' });
  });

  it('merges by hand', async () => {
    db = await openTestDatabase();
    await db.roster.insert(withConflict());
    await renderApp(db, '#/conflicts');
    const item = await screen.findByTestId('conflict-item');
    fireEvent.click(within(item).getByTestId('conflict-merge'));
    fireEvent.change(within(item).getByLabelText('手动合并后的内容'), { target: { value: '合并后的备注' } });
    fireEvent.click(within(item).getByTestId('conflict-save-merged'));
    await screen.findByTestId('conflicts-empty');
    const doc = (await db.roster.findOne('p1').exec())!.toJSON();
    expect(doc.note).toBe('合并后的备注');
    expect(doc.conflicts?.[0]?.status).toBe('merged');
  });
});

describe('server address on the desktop', () => {
  it('asks for https for a remote server, because the app page is a secure origin', async () => {
    const { blockedAsMixedContent } = await import('../../sync/session-store');
    expect(blockedAsMixedContent('http://192.168.1.10:8787', 'desktop')).toBe(true);
    expect(blockedAsMixedContent('https://sync.huli.example', 'desktop')).toBe(false);
    expect(blockedAsMixedContent('http://127.0.0.1:8787', 'desktop')).toBe(false);
    expect(blockedAsMixedContent('http://192.168.1.10:8787', 'web')).toBe(false);
  });
});

describe('sync verification in 冲突', () => {
  it('lists what anti-entropy repaired, newest first, and when the PC last matched the server', async () => {
    db = await openTestDatabase();
    localStorage.setItem(
      'linli.sync.divergences.v1',
      JSON.stringify([
        { collection: 'tasks', at: '2026-11-27T02:00:00.000Z', fetched: 2, repushed: 1, ids: ['a', 'b', 'c'] },
        { collection: 'roster', at: '2026-11-28T02:00:00.000Z', fetched: 0, repushed: 3, ids: ['d'] },
      ]),
    );
    localStorage.setItem('linli.sync.verified.v1', '2026-11-28T03:00:00.000Z');
    await renderApp(db, '#/conflicts', { keepStorage: true });
    const items = within(await screen.findByTestId('divergence-list')).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringContaining('组织人员：重新上传 3 条'),
      expect.stringContaining('六方联动任务：从服务器补回 2 条，重新上传 1 条'),
    ]);
    expect(screen.getByTestId('last-verified').textContent).toMatch(/^上次核对一致：2026-11-28 \d\d:00$/);
  });
});
