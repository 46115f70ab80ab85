// 设置 → 备份与恢复 (issue #15), through the whole app: the desktop's backups folder (a fake host bridge standing in
// for Electron main) and the web host's download and upload. One database at a time.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { version } from '../../../package.json';
import { backupError, decodeBackup } from '../../../shared/backup/format';
import type { BackupEntry, BackupWarning, Bridge } from '../../../shared/bridge';
import { ok } from '../../../shared/result';
import { base64ToBytes } from '../../bridge/base64';
import { webBridge } from '../../bridge/web';
import type { LinliDatabase } from '../../db/database';
import { SESSION_KEY } from '../../sync/session-store';
import { openTestDatabase, renderApp, teardown } from '../../testing/render-app';
import { createBackupBytes } from './backup-io';
import { HOST_STATE_KEY } from '../../bridge/web-state';

const T = '2026-11-28T09:00:00.000Z';
const person = { id: 'p1', kind: 'person' as const, name: '张三', party: 'branch' as const, status: 'active' as const, createdAt: T, updatedAt: T, createdBy: '秘书', updatedBy: '秘书' };
const GiB = 1024 ** 3;

let db: LinliDatabase | undefined;
const theDb = (): LinliDatabase => {
  if (!db) throw new Error('no database');
  return db;
};
beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(async () => {
  vi.restoreAllMocks();
  delete window.linli;
  await teardown(db);
  db = undefined;
});

/** What the fake desktop host holds and was asked. */
type Folder = { files: Map<string, { content: string; entry: BackupEntry }>; writes: Parameters<Bridge['backup:write']>[0][]; warning: BackupWarning | null };

/** The desktop host: the web bridge's file channels, app:info saying desktop, and a backups folder in memory. */
function installDesktop(): Folder {
  const folder: Folder = { files: new Map(), writes: [], warning: null };
  const bridge: Bridge = {
    ...webBridge,
    'app:info': async () => ok({ version, host: 'desktop', platform: 'win32', userDataPath: 'C:\\Users\\u\\AppData\\Roaming\\邻里工作台', documentsPath: '' }),
    'backup:list': async () =>
      ok({
        backups: [...folder.files.values()].map((f) => f.entry).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)),
        disk: { freeBytes: 50 * GiB, totalBytes: 500 * GiB, low: false },
      }),
    'backup:write': async (a) => {
      folder.writes.push(a);
      const entry: BackupEntry = { fileName: a.fileName, size: base64ToBytes(a.content).length, createdAt: a.summary.createdAt, reason: a.reason, summary: a.summary };
      folder.files.set(a.fileName, { content: a.content, entry });
      return ok({ entry, pruned: [], warning: folder.warning });
    },
    'backup:read': async ({ fileName }) => {
      const f = folder.files.get(fileName);
      return f ? ok({ name: fileName, content: f.content }) : { ok: false, error: { code: 'IO', message: 'ENOENT' } };
    },
    'backup:saveAs': async () => ok({ path: 'E:\\邻里工作台备份.linlibak' }),
    'backup:lastRun': async () => ok({ daily: null, any: null }),
  };
  window.linli = bridge;
  return folder;
}

/** The web host's file picker hands over these bytes when 从文件恢复 opens it. */
function pickFile(bytes: Uint8Array, name = '邻里工作台备份-HYXQ-20261128-170000.linlibak'): void {
  vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
    Object.defineProperty(this, 'files', { value: [new File([new Uint8Array(bytes)], name)] });
    this.dispatchEvent(new Event('change'));
  });
}

const backupOf = async (d: LinliDatabase) =>
  (
    await createBackupBytes(d, {
      appVersion: '0.0.9',
      device: { id: 'dev-office', name: '王秘书（Windows 桌面版）' },
      compound: { code: 'HYXQ', name: '和谐小区' },
      reason: 'daily',
      now: new Date(T),
    })
  ).bytes;

const card = () => screen.findByTestId('backup-card');
const rosterNow = async () => (await theDb().roster.find().exec()).map((d) => d.toJSON());

describe('desktop: the backups folder', () => {
  it('立即备份 writes a backup of every collection into the folder and lists it', async () => {
    const folder = installDesktop();
    await theDb().roster.insert(person);
    await renderApp(theDb(), '#/settings');
    const c = await card();
    await within(c).findByTestId('backup-empty');
    expect(within(c).getByTestId('backup-last-daily').textContent).toBe('最近一次每日自动备份：尚未进行');

    fireEvent.click(within(c).getByRole('button', { name: '立即备份' }));
    const row = await within(c).findByTestId('backup-row');
    expect(folder.writes).toHaveLength(1);
    const written = folder.writes[0]!;
    expect(written.reason).toBe('manual');
    expect(written.fileName).toMatch(/^邻里工作台备份-\d{8}-\d{6}\.linlibak$/);
    // The file is a complete backup of what the PC holds, and its summary says so.
    const decoded = decodeBackup(base64ToBytes(written.content));
    expect(decoded.ok && decoded.value.manifest).toMatchObject({ reason: 'manual', appVersion: version, counts: { roster: { live: 1, deleted: 0 } } });
    expect(written.summary).toMatchObject({ appVersion: version, compound: null, counts: { roster: 1 }, device: { name: '本机用户（Windows 桌面版）' } });
    expect(row.getAttribute('data-reason')).toBe('manual');
    expect(within(row).getByTestId('backup-reason').textContent).toBe('手动');
    expect(within(row).getByTestId('backup-counts').textContent).toBe('名册 1');
    expect((await screen.findByTestId('toast')).textContent).toBe(`已备份：${written.fileName}`);
  });

  it('另存到… copies a listed backup to the place the user picks', async () => {
    installDesktop();
    const saveAs = vi.spyOn(window.linli as Bridge, 'backup:saveAs');
    await theDb().roster.insert(person);
    await renderApp(theDb(), '#/settings');
    const c = await card();
    fireEvent.click(await within(c).findByRole('button', { name: '立即备份' }));
    const row = await within(c).findByTestId('backup-row');
    await waitFor(() => expect(screen.queryByTestId('toast')?.textContent ?? '').toMatch(/^已备份/));
    fireEvent.click(within(row).getByRole('button', { name: '另存到…' }));
    await waitFor(() => expect(screen.getByTestId('toast').textContent).toBe('已另存到：E:\\邻里工作台备份.linlibak'));
    expect(saveAs).toHaveBeenCalledWith({ fileName: row.getAttribute('data-file') });
  });

  it('shows the low-disk warning the folder returns', async () => {
    const folder = installDesktop();
    folder.warning = { code: 'LOW_DISK', kept: 3, freeBytes: 512 * 1024 * 1024 };
    await theDb().roster.insert(person);
    await renderApp(theDb(), '#/settings');
    const c = await card();
    fireEvent.click(await within(c).findByRole('button', { name: '立即备份' }));
    expect((await within(c).findByTestId('backup-low-disk')).textContent).toBe(
      '磁盘剩余空间不足（剩余 512.0 MB），为避免占满磁盘，只保留了最近 3 份备份。请清理磁盘，或把备份另存到U盘。',
    );
  });

  it('恢复 from a listed backup: preview, then 恢复 keeps what this PC already holds', async () => {
    installDesktop();
    await theDb().roster.insert(person);
    await renderApp(theDb(), '#/settings');
    const c = await card();
    fireEvent.click(await within(c).findByRole('button', { name: '立即备份' }));
    const row = await within(c).findByTestId('backup-row');
    fireEvent.click(within(row).getByRole('button', { name: '恢复' }));
    const dialog = await screen.findByTestId('restore-dialog');
    expect(within(dialog).getByTestId('preview-count-roster').textContent).toBe('名册10');
    fireEvent.click(within(dialog).getByRole('button', { name: '恢复' }));
    const result = await within(c).findByTestId('restore-result');
    expect(result.textContent).toContain('写入 0 条记录，保留本机的 1 条');
    expect(screen.queryByTestId('restore-dialog')).toBeNull();
  });
});

describe('web host: download and upload', () => {
  it('下载备份 downloads the file; the page has no folder list', async () => {
    const saved: Array<Parameters<Bridge['file:save']>[0]> = [];
    vi.spyOn(webBridge, 'file:save').mockImplementation(async (a) => {
      saved.push(a);
      return ok({ path: a.defaultName });
    });
    await theDb().roster.insert(person);
    await renderApp(theDb(), '#/settings');
    const c = await card();
    fireEvent.click(await within(c).findByRole('button', { name: '下载备份' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({ encoding: 'base64', filters: [{ name: '邻里工作台备份', extensions: ['linlibak'] }] });
    const decoded = decodeBackup(base64ToBytes(saved[0]!.content));
    expect(decoded.ok && decoded.value.manifest.counts.roster).toEqual({ live: 1, deleted: 0 });
    expect(within(c).queryByTestId('backup-list')).toBeNull();
    expect(within(c).queryByTestId('backup-empty')).toBeNull();
    // The browser now remembers (outside IndexedDB) that it held data: a wiped profile offers the restore.
    await waitFor(() => expect(JSON.parse(localStorage.getItem(HOST_STATE_KEY) ?? '{}').heldData).toMatchObject({ via: 'backup', docCount: 1 }));
  });

  it('从文件恢复 with a good file shows the preview: counts, date, PC, compound, app version; 取消 changes nothing', async () => {
    await theDb().roster.insert(person);
    const bytes = await backupOf(theDb());
    await renderApp(theDb(), '#/settings');
    pickFile(bytes);
    const c = await card();
    fireEvent.click(await within(c).findByRole('button', { name: '从文件恢复' }));
    const dialog = await screen.findByTestId('restore-dialog');
    const preview = within(dialog).getByTestId('backup-preview');
    expect(within(preview).getByTestId('preview-count-roster').textContent).toBe('名册10');
    expect(within(preview).getByTestId('preview-count-tasks').textContent).toBe('任务00');
    expect(within(preview).getByTestId('preview-device').textContent).toBe('王秘书（Windows 桌面版）');
    expect(within(preview).getByTestId('preview-compound').textContent).toBe('和谐小区（HYXQ）');
    expect(within(preview).getByTestId('preview-app-version').textContent).toBe('0.0.9');
    const d = new Date(T);
    expect(within(preview).getByTestId('preview-created').textContent).toBe(
      `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`,
    );
    const before = await rosterNow();
    fireEvent.click(within(dialog).getByRole('button', { name: '取消' }));
    await waitFor(() => expect(screen.queryByTestId('restore-dialog')).toBeNull());
    expect(await rosterNow()).toEqual(before);
  });

  it('a truncated file is refused with its Chinese reason, and nothing changes', async () => {
    await theDb().roster.insert(person);
    const bytes = await backupOf(theDb());
    await theDb().roster.insert({ ...person, id: 'p2', name: '李四' });
    const before = await rosterNow();
    await renderApp(theDb(), '#/settings');
    pickFile(bytes.slice(0, bytes.length - 20));
    const c = await card();
    fireEvent.click(await within(c).findByRole('button', { name: '从文件恢复' }));
    expect((await within(c).findByTestId('backup-error')).textContent).toBe(backupError('TRUNCATED').message);
    expect(screen.queryByTestId('restore-dialog')).toBeNull();
    expect(await rosterNow()).toEqual(before);
  });

  it('a file that is not a backup is refused the same way', async () => {
    await renderApp(theDb(), '#/settings');
    pickFile(new TextEncoder().encode('姓名,手机\n张三,13800138000\n'), '名册.csv');
    const c = await card();
    fireEvent.click(await within(c).findByRole('button', { name: '从文件恢复' }));
    expect((await within(c).findByTestId('backup-error')).textContent).toBe(backupError('NOT_A_BACKUP').message);
    expect(await rosterNow()).toEqual([]);
  });
});

describe('a backup of another compound', () => {
  it('is refused at 恢复 with the compound named, and nothing changes', async () => {
    await theDb().roster.insert(person);
    const bytes = await backupOf(theDb());
    await theDb().roster.insert({ ...person, id: 'p2', name: '李四' });
    await renderApp(theDb(), '#/settings');
    // Logged in to another compound (read when the restore runs).
    localStorage.setItem(SESSION_KEY, JSON.stringify({ serverUrl: 'https://sync.example', compound: { code: 'JINSHAN', name: '金山小区' } }));
    const before = await rosterNow();
    pickFile(bytes);
    const c = await card();
    fireEvent.click(await within(c).findByRole('button', { name: '从文件恢复' }));
    fireEvent.click(within(await screen.findByTestId('restore-dialog')).getByRole('button', { name: '恢复' }));
    expect((await within(c).findByTestId('backup-error')).textContent).toBe(
      '这份备份属于「和谐小区」（HYXQ），本机登录的是小区 JINSHAN，不能恢复到本小区。请选择本小区的备份。',
    );
    expect(within(c).queryByTestId('restore-result')).toBeNull();
    expect(await rosterNow()).toEqual(before);
  });
});

describe('restore summary', () => {
  it('restoring into an empty PC writes the backup and says how much', async () => {
    await theDb().roster.insert(person);
    await theDb().roster.insert({ ...person, id: 'p2', name: '李四' });
    const bytes = await backupOf(theDb());
    await teardown(db);
    db = await openTestDatabase();
    await renderApp(theDb(), '#/settings');
    pickFile(bytes);
    const c = await card();
    fireEvent.click(await within(c).findByRole('button', { name: '从文件恢复' }));
    const dialog = await screen.findByTestId('restore-dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: '恢复' }));
    const result = await within(c).findByTestId('restore-result');
    expect(result.textContent).toContain('写入 2 条记录，保留本机的 0 条');
    await waitFor(async () => expect((await rosterNow()).map((d) => d.name).sort()).toEqual(['张三', '李四']));
  });
});
