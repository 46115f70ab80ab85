// Issue #3, the operator's CLI: clear Chinese messages and exit code 2 on bad arguments; `serve` hosts the web app.
import { spawn } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../../src-server/cli-commands';
import { CSP } from '../../../src-server/http/respond';
import { freshDatabase, tempDir, type TestDatabase } from './helpers';

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
