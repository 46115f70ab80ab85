// Issue #3, the operator's CLI: clear Chinese messages and exit code 2 on bad arguments; `serve` hosts the web app.
import { spawn } from 'node:child_process';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { decodeBackup } from '../../../shared/backup/format';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../../src-server/cli-commands';
import { CSP } from '../../../src-server/http/respond';
import { freshDatabase, loginAs, pull, push, row, seqs, startServer, syncHeaders, task, tempDir, TEST_PASSWORD, tryLogin, until, type TestDatabase } from './helpers';
import { openSse } from './sse-client';

const ROOT = path.resolve(__dirname, '../../..');
const CHEAP_ARGON = { LINLI_ARGON2_MEMORY_KIB: '256', LINLI_ARGON2_TIME_COST: '1' };

type Run = { code: number | null; out: string; err: string };

/** Runs `tsx src-server/cli.ts …` as the operator would, optionally stopping it once `until` shows in stdout. */
function runProcess(args: string[], env: Record<string, string>, onOut?: (text: string, stop: () => void) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-server/cli.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...CHEAP_ARGON, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      onOut?.(out, () => child.kill('SIGTERM'));
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

function memoryIo(database: TestDatabase['db']): CliIo & { outText(): string; errText(): string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: CHEAP_ARGON,
    cwd: ROOT,
    askSecret: undefined,
    untilStopped: () => Promise.resolve(),
    database,
    outText: () => out.join('\n'),
    errText: () => err.join('\n'),
  };
}

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await freshDatabase();
});
afterAll(async () => {
  await tdb?.drop();
});

describe('CLI arguments', () => {
  // Three through a real process (exit code, stderr); the rest in-process, which is the same code and much faster.
  it.each([
    [['add-user', '--compound', 'HY', '--username', 'li', '--name', '李四', '--role', 'boss'], '未知角色：boss', '管理员'],
    [['create-compound', '--code', 'HY', '--name', 'x', '--colour', 'red'], '未知参数', '--colour'],
    [[], '缺少命令', '用法'],
  ])('process: %j → exit 2 with a Chinese message', async (args, expected, detail) => {
    const r = await runProcess(args, { LINLI_DATA_DIR: '/nonexistent/never-opened' });
    expect(r.code).toBe(2);
    expect(r.err).toContain(expected);
    expect(r.err).toContain(detail);
  });

  it.each([
    [['add-user', '--compound', 'HY', '--username', 'li', '--name', '李四', '--role', 'staff', '--password', 'short'], '密码太短', '8'],
    [['add-user', '--compound', 'HY', '--username', 'li'], '缺少参数', '--name'],
    [['add-user', '--compound', 'HY', '--username', 'li', '--name', '李四', '--role', '--password', 'x'], '缺少值', '--role'],
    [['add-user', '--compound', 'HY', '--username', 'li si', '--name', '李四', '--role', 'staff'], '用户名无效', '空格'],
    [['create-compound', '--code', '小区', '--name', 'x'], '小区代码无效', 'HYXQ'],
    [['create-compound', 'HY', '名称'], '多余的参数', '--名称'],
    [['list-users'], '缺少参数', '--compound'],
    [['serve', '--port', 'eighty'], '端口无效', 'eighty'],
    [['frobnicate'], '未知命令：frobnicate', '用法'],
    [['set-role', '--compound', 'HY', '--username', 'li', '--role', 'boss'], '未知角色：boss', '管理员'],
    [['set-role', '--compound', 'HY', '--username', 'li'], '缺少参数', '--role'],
    [['disable-user', '--compound', 'HY'], '缺少参数', '--username'],
    [['revoke-device', '--compound', 'HY'], '缺少参数', '--device'],
    [['verify'], '缺少参数', '--compound'],
    [['verify', '--compound', 'NOPE'], '找不到该小区代码', 'create-compound'],
    [['enable-user', '--compound', 'HY', '--username', 'nobody'], '找不到该小区代码', 'create-compound'],
  ])('in-process: %j → exit 2 with a Chinese message', async (args, expected, detail) => {
    const io = memoryIo(tdb.db);
    expect(await runCli(args, io)).toBe(2);
    expect(io.errText()).toContain(expected);
    expect(io.errText()).toContain(detail);
  });
});

describe('CLI commands (in-process)', () => {
  it('manages compounds and users with clear errors', async () => {
    const run = async (...args: string[]) => {
      const io = memoryIo(tdb.db);
      const code = await runCli(args, io);
      return { code, out: io.outText(), err: io.errText() };
    };
    expect((await run('create-compound', '--code', 'hyxq', '--name', '和谐小区')).code).toBe(0);
    const missing = await run('add-user', '--compound', 'NOPE', '--username', 'li', '--name', '李四', '--role', 'staff', '--password', 'long-enough-1');
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.err).toContain('找不到该小区代码');

    const added = await run('add-user', '--compound', 'HYXQ', '--username', 'LiSi', '--name', '李四', '--role', 'secretary');
    expect(added.code).toBe(0);
    expect(added.out).toContain('已新建用户：lisi（李四，秘书）');
    // No terminal and no --password: a password is generated and shown once.
    expect(added.out).toMatch(/初始密码：\S{4}-\S{4}-\S{4}/);

    const dup = await run('add-user', '--compound', 'HYXQ', '--username', 'lisi', '--name', '李四', '--role', 'staff', '--password', 'long-enough-1');
    expect(dup.code).toBe(2);
    expect(dup.err).toContain('已有同名用户');

    expect((await run('add-user', '--compound', 'HYXQ', '--username', '王五', '--name', '王五', '--role', 'viewer', '--password', 'long-enough-1')).code).toBe(0);
    const list = await run('list-users', '--compound', 'hyxq');
    expect(list.code).toBe(0);
    expect(list.out).toContain('共 2 个用户');
    expect(list.out).toContain('王五');
    expect(list.out).toContain('只读（viewer）');

    expect((await run('reset-password', '--compound', 'HYXQ', '--username', 'lisi', '--password', 'another-pass-2')).code).toBe(0);
    const noUser = await run('reset-password', '--compound', 'HYXQ', '--username', 'zhao', '--password', 'another-pass-2');
    expect(noUser.code).toBe(2);
    expect(noUser.err).toContain('没有这个用户');
    const weak = await run('reset-password', '--compound', 'HYXQ', '--username', 'lisi', '--password', '1234567');
    expect(weak.code).toBe(2);
    expect(weak.err).toContain('密码太短');
  });
});

/** Runs a command in-process against the test database; returns its exit code and output. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo(tdb.db);
  const code = await runCli(args, io);
  return { code, out: io.outText(), err: io.errText() };
}

describe('CLI: users and devices, effective at once (issue #9)', () => {
  it('disables and re-enables a user: every login ends at once, streams close, no new login until enabled', async () => {
    const server = await startServer(tdb.db);
    try {
      expect((await cli('create-compound', '--code', 'ACL', '--name', '权限小区')).code).toBe(0);
      expect((await cli('add-user', '--compound', 'ACL', '--username', 'wang', '--name', '王五', '--role', 'staff', '--password', TEST_PASSWORD)).code).toBe(0);
      const session = await loginAs(server.url, 'ACL', 'wang');
      const s = await openSse(`${server.url}/api/v1/sync/stream`, syncHeaders(session.accessToken));
      await s.waitFor((e) => e.event === 'resync');
      const off = await cli('disable-user', '--compound', 'acl', '--username', 'WANG');
      expect(off.code).toBe(0);
      expect(off.out).toContain('已停用 wang');
      expect((await pull(server.url, session.accessToken, 'tasks', 0)).status).toBe(401);
      expect(await until(() => s.isEnded(), 3000)).toBe(true);
      expect((await tryLogin(server.url, 'ACL', 'wang', TEST_PASSWORD)).status).toBe(401);
      expect((await cli('list-users', '--compound', 'ACL')).out).toContain('已停用');
      const on = await cli('enable-user', '--compound', 'ACL', '--username', 'wang');
      expect(on.code).toBe(0);
      expect(on.out).toContain('已重新启用 wang');
      expect((await pull(server.url, session.accessToken, 'tasks', 0)).status).toBe(401);
      expect((await tryLogin(server.url, 'ACL', 'wang', TEST_PASSWORD)).status).toBe(200);
      expect((await cli('disable-user', '--compound', 'ACL', '--username', 'nobody')).err).toContain('没有这个用户');
    } finally {
      await server.close();
    }
  });

  it('changes a role, effective from the next push', async () => {
    const server = await startServer(tdb.db);
    try {
      const session = await loginAs(server.url, 'ACL', 'wang');
      expect((await push(server.url, session.accessToken, 'tasks', [row(task('role-1'))])).status).toBe(200);
      const down = await cli('set-role', '--compound', 'ACL', '--username', 'wang', '--role', 'viewer');
      expect(down.code).toBe(0);
      expect(down.out).toContain('从 工作人员（staff）改为 只读（viewer）');
      expect((await push(server.url, session.accessToken, 'tasks', [row(task('role-2'))])).status).toBe(403);
      // Reading is the same for every role: the login stays.
      expect((await pull(server.url, session.accessToken, 'tasks', 0)).status).toBe(200);
      expect((await cli('set-role', '--compound', 'ACL', '--username', 'wang', '--role', 'secretary')).code).toBe(0);
      expect((await push(server.url, session.accessToken, 'notices', [])).status).toBe(200);
      expect((await cli('list-users', '--compound', 'ACL')).out).toContain('秘书（secretary）');
    } finally {
      await server.close();
    }
  });

  it('lists devices and revokes one: its logins end at once, other devices keep theirs', async () => {
    const server = await startServer(tdb.db);
    try {
      const office = await loginAs(server.url, 'ACL', 'wang', TEST_PASSWORD, { 'X-Linli-Device': 'office-pc-1' });
      const home = await loginAs(server.url, 'ACL', 'wang', TEST_PASSWORD, { 'X-Linli-Device': 'home-pc-7' });
      const s = await openSse(`${server.url}/api/v1/sync/stream`, syncHeaders(office.accessToken));
      await s.waitFor((e) => e.event === 'resync');
      const listed = await cli('list-devices', '--compound', 'ACL', '--username', 'wang');
      expect(listed.code).toBe(0);
      expect(listed.out).toContain('共 2 台登录过的设备');
      expect(listed.out).toMatch(/wang\toffice-pc-1\t.*有效登录 1 个/);
      const revoked = await cli('revoke-device', '--compound', 'ACL', '--device', 'office-pc-1');
      expect(revoked.code).toBe(0);
      expect(revoked.out).toContain('结束了 1 个登录');
      expect((await pull(server.url, office.accessToken, 'tasks', 0)).status).toBe(401);
      expect(await until(() => s.isEnded(), 3000)).toBe(true);
      expect((await pull(server.url, home.accessToken, 'tasks', 0)).status).toBe(200);
      expect((await cli('list-devices', '--compound', 'ACL')).out).toMatch(/office-pc-1\t.*已吊销/);
      const unknown = await cli('revoke-device', '--compound', 'ACL', '--device', 'never-seen');
      expect(unknown.code).toBe(2);
      expect(unknown.err).toContain('找不到该设备');
    } finally {
      await server.close();
    }
  });
});

describe('CLI: verify (issue #9)', () => {
  it('passes when every document equals its last accepted version, and names every mismatch otherwise', async () => {
    const server = await startServer(tdb.db);
    try {
      expect((await cli('create-compound', '--code', 'VER', '--name', '核对小区')).code).toBe(0);
      expect((await cli('add-user', '--compound', 'VER', '--username', 'admin', '--name', '管理员', '--role', 'admin', '--password', TEST_PASSWORD)).code).toBe(0);
      const admin = await loginAs(server.url, 'VER', 'admin');
      const first = await push(server.url, admin.accessToken, 'tasks', [row(task('v-1')), row(task('v-2')), row(task('v-3')), row(task('v-4'))]);
      await push(server.url, admin.accessToken, 'tasks', [row(task('v-1', { title: '改过的标题' }), seqs(first.body)['v-1'])]);
      const good = await cli('verify', '--compound', 'VER');
      expect(good.code).toBe(0);
      expect(good.out).toContain('核对通过：4 个文档');
      expect(good.out).toContain('共 5 个版本');

      const tenant = (await tdb.db.query<{ id: string }>(`SELECT id FROM compounds WHERE code = 'VER'`)).rows[0]?.id ?? '';
      // Content changed behind the server's back; a version missing from history; a document gone; a seq moved.
      await tdb.db.query(`UPDATE documents SET data = jsonb_set(data, '{title}', '"篡改"') WHERE tenant_id = $1 AND id = 'v-1'`, [tenant]);
      await tdb.db.query(`DELETE FROM history WHERE tenant_id = $1 AND id = 'v-2'`, [tenant]);
      await tdb.db.query(`DELETE FROM documents WHERE tenant_id = $1 AND id = 'v-3'`, [tenant]);
      await tdb.db.query(`UPDATE documents SET deleted = true WHERE tenant_id = $1 AND id = 'v-4'`, [tenant]);
      const bad = await cli('verify', '--compound', 'VER');
      expect(bad.code).toBe(1);
      expect(bad.err).toContain('核对发现 4 处不一致');
      expect(bad.err).toMatch(/tasks\/v-1\t.*CONTENT_DIFFERS/);
      expect(bad.err).toMatch(/tasks\/v-2\t.*NO_HISTORY/);
      expect(bad.err).toMatch(/tasks\/v-3\t.*NO_DOCUMENT/);
      expect(bad.err).toMatch(/tasks\/v-4\t.*DELETED_DIFFERS/);
      // Other compounds are not part of it.
      expect((await cli('verify', '--compound', 'ACL')).code).toBe(0);
    } finally {
      await server.close();
    }
  });
});

describe('CLI: export (issue #15)', () => {
  it("writes the compound's every document (tombstones, seqs) and supporting document into a backup file the app reads, never overwriting one", async () => {
    const server = await startServer(tdb.db);
    const tmp = await tempDir('linli-export-');
    try {
      expect((await cli('create-compound', '--code', 'EXP', '--name', '导出小区')).code).toBe(0);
      expect((await cli('add-user', '--compound', 'EXP', '--username', 'admin', '--name', '管理员', '--role', 'admin', '--password', TEST_PASSWORD)).code).toBe(0);
      const admin = await loginAs(server.url, 'EXP', 'admin');
      const first = await push(server.url, admin.accessToken, 'tasks', [row(task('e-1')), row(task('e-2')), row(task('e-3'))]);
      await push(server.url, admin.accessToken, 'tasks', [row({ ...task('e-2'), _deleted: true }, seqs(first.body)['e-2'])]);
      const tenant = (await tdb.db.query<{ id: string }>(`SELECT id FROM compounds WHERE code = 'EXP'`)).rows[0]?.id ?? '';
      const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
      const hash = bytesToHex(sha256(bytes));
      await tdb.db.query(`INSERT INTO blobs (tenant_id, hash, mime, size, bytes, created_by) VALUES ($1, $2, 'image/jpeg', $3, decode($4, 'hex'), 'x')`, [tenant, hash, bytes.length, bytesToHex(bytes)]);
      // Another compound's data stays out.
      const other = await loginAs(server.url, 'VER', 'admin').catch(() => null);
      if (other) await push(server.url, other.accessToken, 'tasks', [row(task('not-exp'))]);

      const out = path.join(tmp.dir, '导出.linlibak');
      const done = await cli('export', '--compound', 'exp', '--out', out);
      expect(done.code).toBe(0);
      expect(done.out).toContain('已导出 导出小区（EXP）：3 个文档（含已删除记录），1 个附件');
      const decoded = decodeBackup(new Uint8Array(await readFile(out)));
      if (!decoded.ok) throw new Error(decoded.error.code);
      const { manifest, content } = decoded.value;
      expect(manifest).toMatchObject({ reason: 'export', compound: { code: 'EXP', name: '导出小区' }, device: { id: 'server' } });
      expect(manifest.counts.tasks).toEqual({ live: 2, deleted: 1 });
      const server3 = (await pull(server.url, admin.accessToken, 'tasks', 0)).body.documents as { id: string; sync: { seq: number }; _deleted: boolean }[];
      expect(content.documents.tasks.map((d) => [d.id, d.sync?.seq, d._deleted])).toEqual(server3.map((d) => [d.id, d.sync.seq, d._deleted]).sort());
      expect(content.documents.tasks.find((d) => d.id === 'e-1')).toMatchObject({ title: task('e-1').title, sync: { seq: seqs(first.body)['e-1'] } });
      expect(content.attachments).toEqual([{ hash, mime: 'image/jpeg', base64: Buffer.from(bytes).toString('base64') }]);

      const again = await cli('export', '--compound', 'EXP', '--out', out);
      expect(again.code).toBe(1);
      expect(again.err).toContain('文件已存在，不会覆盖');
      expect((await cli('export', '--compound', 'NOPE')).code).toBe(2);
    } finally {
      await tmp.remove();
      await server.close();
    }
  });
});

describe('serve (a real process)', () => {
  it('prints its URL, hosts the built renderer with CSP, SPA fallback and cache headers, refuses traversal, and stops on SIGTERM', async () => {
    const tmp = await tempDir('linli-serve-');
    const web = path.join(tmp.dir, 'web');
    await mkdir(path.join(web, 'assets'), { recursive: true });
    await writeFile(path.join(web, 'index.html'), '<!doctype html><title>邻里</title><script type="module" src="./assets/app-1a2b.js"></script>');
    await writeFile(path.join(web, 'assets', 'app-1a2b.js'), 'console.log("app")');
    await writeFile(path.join(web, 'assets', 'style-9f.css'), 'body{}');
    await writeFile(path.join(web, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await writeFile(path.join(tmp.dir, 'secret.txt'), 'top secret');
    await symlink(path.join(tmp.dir, 'secret.txt'), path.join(web, 'leak.txt'));
    const env: Record<string, string> = tdb.url ? { DATABASE_URL: tdb.url } : { LINLI_DATA_DIR: path.join(tmp.dir, 'data') };
    const checks: Promise<void>[] = [];
    const failures: unknown[] = [];
    try {
      const r = await runProcess(['serve', '--port', '0', '--static', web], env, (out, stop) => {
        const m = /邻里工作台网页版已启动：(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (!m?.[1] || checks.length > 0) return;
        checks.push(
          checkStatic(m[1], tmp.dir)
            .catch((e: unknown) => {
              failures.push(e);
            })
            .finally(stop),
        );
      });
      await Promise.all(checks);
      if (failures.length > 0) throw failures[0];
      expect(checks).toHaveLength(1);
      expect(r.out).toContain('正在停止服务器');
      expect(r.code).toBe(0);
    } finally {
      await tmp.remove();
    }
  });
});

/** A raw GET, so that "../" reaches the server as typed (fetch would normalise it away). */
function rawGet(base: string, target: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    http
      .get({ host: u.hostname, port: u.port, path: target }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

async function checkStatic(base: string, tmp: string): Promise<void> {
  const index = await rawGet(base, '/');
  expect(index.status).toBe(200);
  expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(index.headers['content-security-policy']).toBe(CSP);
  expect(index.headers['cache-control']).toBe('no-cache');
  expect(index.body).toContain('邻里');

  const js = await rawGet(base, '/assets/app-1a2b.js');
  expect(js.status).toBe(200);
  expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
  expect(js.headers['cache-control']).toContain('immutable');
  expect((await rawGet(base, '/assets/style-9f.css')).headers['content-type']).toBe('text/css; charset=utf-8');
  expect((await rawGet(base, '/logo.svg')).headers['content-type']).toBe('image/svg+xml');

  // Client-side routes get index.html; a missing asset stays 404.
  const route = await rawGet(base, '/meetings/2026-11/minutes');
  expect(route.status).toBe(200);
  expect(route.body).toContain('邻里');
  expect((await rawGet(base, '/assets/missing-123.js')).status).toBe(404);

  for (const evil of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt', '/leak.txt', '/.env']) {
    const r = await rawGet(base, evil);
    expect([400, 403, 404], evil).toContain(r.status);
    expect(r.body, evil).not.toContain('top secret');
  }
  expect(tmp).toBeTruthy();

  const health = await rawGet(base, '/api/v1/health');
  expect(health.status).toBe(200);
  expect(JSON.parse(health.body)).toMatchObject({ ok: true });
}
