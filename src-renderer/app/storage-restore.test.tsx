// The loss screen's restore on the desktop, end to end on the backup feature's real steps: a backup made of one
// database is restored into the empty database that replaced it. One RxDB database open at a time.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import type { AppInfo, BackupEntry, Bridge } from '../../shared/bridge';
import { ok } from '../../shared/result';
import { bytesToBase64 } from '../bridge/base64';
import { webBridge } from '../bridge/web';
import { HOST_STATE_KEY } from '../bridge/web-state';
import type { LinliDatabase } from '../db/database';
import { createBackupBytes } from '../features/backup/backup-io';
import { openTestDatabase, teardown } from '../testing/render-app';
import { App } from './App';

const T = '2026-11-28T09:00:00.000Z';
const person = { id: 'p1', kind: 'person' as const, name: '张三', party: 'branch' as const, status: 'active' as const, createdAt: T, updatedAt: T, createdBy: '秘书', updatedBy: '秘书' };
const desktop: AppInfo = { version: '0.1.0', host: 'desktop', platform: 'win32', userDataPath: 'C:\\linli', documentsPath: 'C:\\docs' };
const entry = (fileName: string, createdAt: string, live: number): BackupEntry => ({
  fileName,
  size: 1,
  createdAt,
  reason: 'daily',
  summary: { createdAt, appVersion: '0.1.0', device: { id: 'd1', name: '王秘书' }, compound: null, counts: { roster: live }, attachments: { count: 0, bytes: 0 } },
});

let db: LinliDatabase | undefined;
afterEach(async () => {
  await teardown(db);
  db = undefined;
  delete window.linli;
  localStorage.clear();
});

it('从最近的备份恢复 on the desktop: the newest backup holding documents, previewed, applied, then the app starts', async () => {
  localStorage.clear();
  const old = await openTestDatabase();
  await old.roster.insert(person);
  const made = await createBackupBytes(old, { appVersion: '0.1.0', device: { id: 'd1', name: '王秘书' }, compound: null, reason: 'daily', now: new Date(T) });
  const dbName = old.name;
  await old.remove();

  // The data is gone; the marker outside IndexedDB remembers it. (A new database name: the fake keeps no other.)
  db = await openTestDatabase();
  localStorage.setItem(HOST_STATE_KEY, JSON.stringify({ heldData: { version: 1, compoundCode: null, at: T, docCount: 1, dbName: db.name, via: 'backup' } }));
  expect(dbName).not.toBe(db.name);
  const read: string[] = [];
  window.linli = {
    ...webBridge,
    'app:info': async () => ok(desktop),
    // Newest first: a daily backup of the emptied database came after the full one.
    'backup:list': async () => ok({ backups: [entry('empty.linlibak', '2026-11-29T09:00:00.000Z', 0), entry(made.fileName, T, 1)], disk: null }),
    'backup:read': async ({ fileName }) => {
      read.push(fileName);
      return ok({ name: fileName, content: bytesToBase64(made.bytes) });
    },
  } satisfies Bridge;

  render(<App database={Promise.resolve(db)} />);
  fireEvent.click(await screen.findByRole('button', { name: '从最近的备份恢复' }));
  const preview = await screen.findByTestId('restore-preview');
  expect(read).toEqual([made.fileName]);
  expect(preview.textContent).toContain('共 1 条记录');
  expect(preview.textContent).toContain('较新的 1 份备份无法读取或没有数据，已跳过。');
  expect(await db.roster.count().exec()).toBe(0);
  fireEvent.click(within(preview).getByRole('button', { name: '恢复这份备份' }));
  await screen.findByRole('navigation', { name: '主导航' }, { timeout: 10_000 });
  await waitFor(() => expect(screen.getByTestId('people-total').textContent).toBe('1'));
  expect((await db.roster.findOne('p1').exec())?.name).toBe('张三');
}, 30_000);
