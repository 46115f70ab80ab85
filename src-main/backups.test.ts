import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, statfs, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKUP_REASONS as FORMAT_REASONS } from '../shared/backup/format';
import { BACKUP_REASONS, type BackupEntry, type BackupSummary, type BridgeArgs, type Channel } from '../shared/bridge';
import { BrowserWindow, dialog, fakeElectron, invokeEventFrom } from '../tests/unit/fakes/electron';
import { KEEP_BACKUPS, RESERVE_BYTES, backupPath, planPrune, reserveFor } from './backups';
import { registerBridgeHandlers } from './handlers';
import { createMainWindow } from './window';

vi.mock('electron', () => import('../tests/unit/fakes/electron'));
// Real fs, with statfs replaceable per test to play a nearly full disk.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, statfs: vi.fn(actual.statfs) };
});

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
let tmp = '';
let dir = '';
let main: BrowserWindow;

const call = <C extends Channel>(channel: C, arg: BridgeArgs<C>): Promise<unknown> =>
  fakeElectron.ipcMain.invoke(channel, invokeEventFrom(main), arg);
const callRaw = (channel: Channel, arg: unknown): Promise<unknown> => fakeElectron.ipcMain.invoke(channel, invokeEventFrom(main), arg);

/** statfs as a disk of `total` bytes with `free` available. */
function disk(free: number, total: number): void {
  const bsize = 4096;
  vi.mocked(statfs).mockResolvedValue({
    type: 0, bsize, blocks: Math.floor(total / bsize), bfree: Math.floor(free / bsize), bavail: Math.floor(free / bsize), files: 0, ffree: 0,
  } as Awaited<ReturnType<typeof statfs>>);
}

const summary = (createdAt: string, over: Partial<BackupSummary> = {}): BackupSummary => ({
  createdAt,
  appVersion: '0.1.0',
  device: { id: 'dev-1', name: '王秘书（Windows 桌面版）' },
  compound: { code: 'HYXQ', name: '和谐小区' },
  counts: { roster: 12, tasks: 3 },
  attachments: { count: 0, bytes: 0 },
  ...over,
});
/** The n-th day of 2026 as a time, so names and times sort together. */
const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString();
const nameOf = (n: number) => `linli-backup-${String(n).padStart(3, '0')}.linlibak`;

const write = (n: number, over: Partial<BridgeArgs<'backup:write'>> = {}, bytes = Buffer.from(`backup ${n}`)) =>
  call('backup:write', { fileName: nameOf(n), content: bytes.toString('base64'), reason: 'daily', summary: summary(day(n)), ...over });

type Written = { ok: true; value: { entry: BackupEntry; pruned: string[]; warning: unknown } };
type Listed = { ok: true; value: { backups: BackupEntry[]; disk: unknown } };

beforeEach(async () => {
  fakeElectron.reset();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'linli-backups-test-'));
  fakeElectron.app.paths.userData = path.join(tmp, 'userData');
  fakeElectron.app.paths.documents = path.join(tmp, 'documents');
  await mkdir(fakeElectron.app.paths.userData, { recursive: true });
  dir = path.join(fakeElectron.app.paths.userData, 'backups');
  disk(200 * GiB, 500 * GiB);
  registerBridgeHandlers();
  main = createMainWindow({ preload: '/p.cjs' }) as unknown as BrowserWindow;
  await main.loadURL.mock.results[0]?.value;
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(tmp, { recursive: true, force: true });
});

describe('backup:write and backup:list', () => {
  it('stores the file in <userData>/backups and lists it with its reason and summary', async () => {
    const bytes = Buffer.from([0x4c, 0x49, 0x4e, 0x4c, 0x49, 0, 255]);
    const r = (await write(1, { reason: 'manual' }, bytes)) as Written;
    expect(r).toEqual({
      ok: true,
      value: {
        entry: { fileName: nameOf(1), size: bytes.length, createdAt: day(1), reason: 'manual', summary: summary(day(1)) },
        pruned: [],
        warning: null,
      },
    });
    expect(await readFile(path.join(dir, nameOf(1)))).toEqual(bytes);
    // No temporary file is left behind.
    expect((await readdir(dir)).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(await call('backup:list', {})).toEqual({
      ok: true,
      value: { backups: [r.value.entry], disk: { freeBytes: 200 * GiB, totalBytes: 500 * GiB, low: false } },
    });
  });

  it('lists newest first; a file copied in by hand shows as unknown, summaries and partial files are not backups', async () => {
    await write(1);
    await write(3, { reason: 'before-update' });
    await writeFile(path.join(dir, 'from-usb.linlibak'), 'x');
    await writeFile(path.join(dir, '.x.linlibak.partial'), 'half');
    const r = (await call('backup:list', {})) as Listed;
    expect(r.value.backups.map((b) => [b.fileName, b.reason])).toEqual(
      expect.arrayContaining([[nameOf(3), 'before-update'], [nameOf(1), 'daily'], ['from-usb.linlibak', 'unknown']]),
    );
    expect(r.value.backups).toHaveLength(3);
    const known = r.value.backups.filter((b) => b.reason !== 'unknown');
    expect(known.map((b) => b.fileName)).toEqual([nameOf(3), nameOf(1)]);
  });

  it('an empty or missing folder lists nothing', async () => {
    expect(await call('backup:list', {})).toMatchObject({ ok: true, value: { backups: [] } });
  });

  it(`keeps the newest ${KEEP_BACKUPS} and removes older ones with their summaries`, async () => {
    for (let n = 1; n <= KEEP_BACKUPS + 1; n += 1) await write(n);
    const last = (await write(KEEP_BACKUPS + 2)) as Written;
    expect(last.value.pruned).toEqual([nameOf(2)]);
    expect(last.value.warning).toBeNull();
    const listed = (await call('backup:list', {})) as Listed;
    expect(listed.value.backups).toHaveLength(KEEP_BACKUPS);
    expect(listed.value.backups[0]?.fileName).toBe(nameOf(KEEP_BACKUPS + 2));
    expect(listed.value.backups.at(-1)?.fileName).toBe(nameOf(3));
    const files = await readdir(dir);
    expect(files).not.toContain(nameOf(1));
    expect(files).not.toContain(`${nameOf(1)}.meta.json`);
    expect(files.filter((f) => f.endsWith('.meta.json'))).toHaveLength(KEEP_BACKUPS);
  });

  it('prunes harder when the disk is nearly full, and says so', async () => {
    const mb = Buffer.alloc(MiB, 7);
    for (let n = 1; n <= 9; n += 1) await write(n, {}, mb);
    // A 100 GiB disk must keep 1 GiB free; it has 2.5 MiB less than that.
    disk(RESERVE_BYTES - 2.5 * MiB, 100 * GiB);
    const r = (await write(10, {}, mb)) as Written;
    expect(r.value.pruned).toEqual([nameOf(1), nameOf(2), nameOf(3)]);
    expect(r.value.warning).toEqual({ code: 'LOW_DISK', kept: 7, freeBytes: RESERVE_BYTES + 0.5 * MiB });
    expect(((await call('backup:list', {})) as Listed).value.backups).toHaveLength(7);
  });

  it('never removes the backup just written, even on a full disk', async () => {
    for (let n = 1; n <= 3; n += 1) await write(n);
    disk(10 * MiB, 100 * GiB);
    const r = (await write(4)) as Written;
    expect(r.value.pruned).toEqual([nameOf(1), nameOf(2), nameOf(3)]);
    expect(r.value.warning).toMatchObject({ code: 'LOW_DISK', kept: 1 });
    expect(existsSync(path.join(dir, nameOf(4)))).toBe(true);
  });

  it('a disk write that fails → IO, and no half file under the name', async () => {
    await mkdir(dir, { recursive: true });
    // A folder where the temporary file would go makes the write fail like a full disk would.
    await mkdir(path.join(dir, `.${nameOf(1)}.partial`));
    const r = await write(1);
    expect(r).toMatchObject({ ok: false, error: { code: 'IO' } });
    expect(existsSync(path.join(dir, nameOf(1)))).toBe(false);
  });
});

describe('file names', () => {
  it.each(['../evil.linlibak', 'a/b.linlibak', 'a\\b.linlibak', '.last-run.json', 'x.linlibak.meta.json', '..', 'C:x', ''])(
    '%j is refused on every channel that takes a name',
    async (fileName) => {
      const content = Buffer.from('x').toString('base64');
      expect(await callRaw('backup:write', { fileName, content, reason: 'manual', summary: summary(day(1)) })).toEqual({
        ok: false,
        error: { code: 'INVALID_ARGS' },
      });
      expect(await callRaw('backup:read', { fileName })).toEqual({ ok: false, error: { code: 'INVALID_ARGS' } });
      expect(await callRaw('backup:saveAs', { fileName })).toEqual({ ok: false, error: { code: 'INVALID_ARGS' } });
      expect(backupPath(fileName)).toBeNull();
      expect(existsSync(path.join(tmp, 'evil.linlibak'))).toBe(false);
    },
  );

  it('a plain name resolves inside the backups folder', () => {
    expect(backupPath('linli-backup-2026-01-01.linlibak')).toBe(path.join(dir, 'linli-backup-2026-01-01.linlibak'));
  });
});

describe('argument schemas', () => {
  const good = { fileName: 'a.linlibak', content: 'eA==', reason: 'manual', summary: summary(day(1)) };
  it.each([
    ['an unknown reason', { ...good, reason: 'weekly' }],
    ['content that is not base64', { ...good, content: 'not base64!' }],
    ['empty content', { ...good, content: '' }],
    ['an extra property', { ...good, path: '/etc/passwd' }],
    ['a summary without counts', { ...good, summary: { ...summary(day(1)), counts: undefined } }],
    ['a negative count', { ...good, summary: summary(day(1), { counts: { roster: -1 } }) }],
    ['a compound without a code', { ...good, summary: { ...summary(day(1)), compound: { name: '和谐小区' } } }],
  ])('backup:write with %s → INVALID_ARGS, nothing written', async (_what, arg) => {
    expect(await callRaw('backup:write', arg)).toEqual({ ok: false, error: { code: 'INVALID_ARGS' } });
    expect(existsSync(dir)).toBe(false);
  });

  it('a summary with no compound (never logged in) is accepted', async () => {
    expect(await callRaw('backup:write', { ...good, summary: summary(day(1), { compound: null }) })).toMatchObject({ ok: true });
  });

  it.each([
    ['backup:list', { x: 1 }],
    ['backup:lastRun', { x: 1 }],
    ['backup:read', {}],
    ['backup:saveAs', { fileName: 'a.linlibak', target: '/media/usb' }],
  ] as const)('%s with %j → INVALID_ARGS', async (channel, arg) => {
    expect(await callRaw(channel, arg)).toEqual({ ok: false, error: { code: 'INVALID_ARGS' } });
  });
});

describe('backup:read', () => {
  it('returns the file as base64', async () => {
    const bytes = Buffer.from([1, 2, 3, 250]);
    await write(1, {}, bytes);
    expect(await call('backup:read', { fileName: nameOf(1) })).toEqual({ ok: true, value: { name: nameOf(1), content: bytes.toString('base64') } });
  });

  it('a backup that is not there → IO ENOENT', async () => {
    expect(await call('backup:read', { fileName: nameOf(9) })).toEqual({ ok: false, error: { code: 'IO', message: 'ENOENT' } });
  });
});

describe('backup:saveAs', () => {
  it('copies the backup to the place picked in the save dialog (a USB stick)', async () => {
    await write(1);
    const usb = path.join(tmp, 'usb');
    await mkdir(usb);
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: path.join(usb, nameOf(1)) });
    expect(await call('backup:saveAs', { fileName: nameOf(1) })).toEqual({ ok: true, value: { path: path.join(usb, nameOf(1)) } });
    expect(await readFile(path.join(usb, nameOf(1)), 'utf8')).toBe('backup 1');
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(main, expect.objectContaining({
      defaultPath: path.join(fakeElectron.app.paths.documents ?? '', nameOf(1)),
      filters: [{ name: '邻里工作台备份', extensions: ['linlibak'] }],
    }));
  });

  it('cancelled → path null, nothing copied', async () => {
    await write(1);
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true });
    expect(await call('backup:saveAs', { fileName: nameOf(1) })).toEqual({ ok: true, value: { path: null } });
  });

  it('a backup that is not there → IO ENOENT before any dialog', async () => {
    expect(await call('backup:saveAs', { fileName: nameOf(5) })).toEqual({ ok: false, error: { code: 'IO', message: 'ENOENT' } });
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
  });
});

describe('backup:lastRun', () => {
  it('never backed up → null', async () => {
    expect(await call('backup:lastRun', {})).toEqual({ ok: true, value: { daily: null, any: null } });
  });

  it('remembers the last daily backup even after pruning removed it', async () => {
    await write(1, { reason: 'daily' });
    for (let n = 2; n <= KEEP_BACKUPS + 1; n += 1) await write(n, { reason: 'manual' });
    const listed = (await call('backup:list', {})) as Listed;
    expect(listed.value.backups.some((b) => b.reason === 'daily')).toBe(false);
    expect(await call('backup:lastRun', {})).toEqual({ ok: true, value: { daily: day(1), any: day(KEEP_BACKUPS + 1) } });
  });
});

describe('backup:lastRun after the clock was set back', () => {
  it('is the latest write, not the greatest time, so the next check is not due at once', async () => {
    await write(10, { reason: 'daily' });
    await write(3, { reason: 'daily' }); // written later, with an earlier clock
    expect(await call('backup:lastRun', {})).toMatchObject({ ok: true, value: { daily: day(3) } });
  });
});

it('the bridge names the same backup reasons as the file format', () => {
  expect([...BACKUP_REASONS]).toEqual([...FORMAT_REASONS]);
});

describe('planPrune', () => {
  const entry = (n: number, size = 100): BackupEntry => ({ fileName: nameOf(n), size, createdAt: day(n), reason: 'daily', summary: null });
  const newestFirst = (count: number, size?: number) => Array.from({ length: count }, (_, i) => entry(count - i, size));

  it('reserve: 1 GiB, or 10 % of a small disk', () => {
    expect(reserveFor(500 * GiB)).toBe(GiB);
    expect(reserveFor(4 * GiB)).toBe(Math.floor(0.4 * GiB));
  });

  it('without disk figures only the count limit applies', () => {
    expect(planPrune(newestFirst(33), null)).toEqual({ remove: newestFirst(33).slice(30), warning: null });
  });

  it('counts the space the count limit frees before removing more', () => {
    const r = planPrune(newestFirst(31, 10 * MiB), { freeBytes: GiB - 5 * MiB, totalBytes: 100 * GiB, low: true });
    expect(r).toEqual({ remove: [entry(1, 10 * MiB)], warning: null });
  });

  it('a disk below the reserve even with one backup left warns', () => {
    const r = planPrune(newestFirst(2), { freeBytes: MiB, totalBytes: 100 * GiB, low: true });
    expect(r.remove).toEqual([entry(1)]);
    expect(r.warning).toEqual({ code: 'LOW_DISK', kept: 1, freeBytes: MiB + 100 });
  });
});
