// The CLI's commands, with injectable I/O so that tests can run them in-process.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ROLES, isRole } from '../shared/sync/permissions';
import {
  addUser,
  createCompound,
  findCompound,
  isValidCompoundCode,
  isValidUsername,
  listDevices,
  listUsers,
  normalizeCompoundCode,
  normalizeUsername,
  resetPassword,
  revokeDevice,
  setDisabled,
  setRole,
  type AccountErrorCode,
} from './accounts';
import { createApp } from './app';
import { MIN_PASSWORD_LENGTH, checkPasswordStrength, generatePassword } from './auth/passwords';
import { configFromEnv, type ServerConfig } from './config';
import type { Db } from './db/db';
import { openDatabase } from './db/open';
import { ROLE_LABELS } from '../shared/sync/role-labels';
import { verifyTenant, type Mismatch } from './sync/verify';
import { exportCompound } from './sync/export';
import { backupFileName } from '../shared/backup/format';
import { open as openFile } from 'node:fs/promises';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import type { ChainProblemCode } from '../shared/domain/ledger/hash-chain';

/** Exit codes: 0 done, 1 failed at run time (port taken, database unreachable, `verify` found mismatches), 2 bad arguments. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export { ROLE_LABELS } from '../shared/sync/role-labels';

export type CliIo = {
  out(line: string): void;
  err(line: string): void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Asks for a secret on a terminal; undefined when there is no terminal. */
  askSecret: ((question: string) => Promise<string>) | undefined;
  /** Resolves when the operator asks the server to stop (Ctrl+C, SIGTERM). */
  untilStopped(): Promise<void>;
  /** An already open database to use instead of the configured one (tests); it is not closed. */
  database?: Db;
};

const USAGE = `用法：npm run server -- <命令> [参数]

命令：
  serve [--port 端口] [--host 地址] [--static 目录]
        启动同步服务器和网页版（默认 http://127.0.0.1:8787/，网页文件默认 dist/renderer）
  create-compound --code 代码 --name 名称
        新建小区（租户）。代码用于登录，例如 HYXQ
  add-user --compound 代码 --username 用户名 --name 姓名 --role 角色 [--password 密码]
        新建用户；不给 --password 时在终端中输入，或自动生成
  reset-password --compound 代码 --username 用户名 [--password 密码]
        重设密码（该用户在所有电脑上需要重新登录）
  list-users --compound 代码
        列出小区的用户
  disable-user --compound 代码 --username 用户名
        停用用户：立即在所有电脑上退出登录，不能再登录
  enable-user --compound 代码 --username 用户名
        重新启用已停用的用户（需要重新登录）
  set-role --compound 代码 --username 用户名 --role 角色
        更改用户的角色（下一次同步起生效）
  list-devices --compound 代码 [--username 用户名]
        列出登录过的电脑（设备）
  revoke-device --compound 代码 --device 设备ID [--username 用户名]
        吊销设备：该电脑上的登录立即失效
  verify --compound 代码
        核对数据：每个文档的当前版本都应等于历史中最后接受的版本，账簿的哈希链一致；有不一致时退出码为 1
  export --compound 代码 [--out 文件]
        导出小区的全部数据（含附件）为备份文件，可在桌面版“设置 → 备份与恢复”中恢复

角色：${ROLES.map((r) => `${r}（${ROLE_LABELS[r]}）`).join('、')}

环境变量：DATABASE_URL（使用 PostgreSQL；不设则用内置 PGlite）、LINLI_DATA_DIR（PGlite 数据目录，默认 .data/server）、
PORT、HOST、LINLI_TOKEN_SECRET（令牌签名密钥）；其余设置见 README 的 Environment 一节`;

const ACCOUNT_ERRORS: { readonly [C in AccountErrorCode]: string } = {
  INVALID_CODE: '小区代码无效：只能使用字母、数字、- 和 _，2 到 32 个字符，例如 HYXQ。',
  INVALID_NAME: '名称或姓名无效：不能为空，最多 50 个字。',
  INVALID_USERNAME: '用户名无效：以字母、数字或汉字开头，可含 . _ -，最多 32 个字符，不能有空格。',
  INVALID_ROLE: `角色无效。可用的角色：${ROLES.map((r) => `${r}（${ROLE_LABELS[r]}）`).join('、')}`,
  WEAK_PASSWORD: `密码太短：至少需要 ${MIN_PASSWORD_LENGTH} 个字符。`,
  PASSWORD_TOO_LONG: '密码太长：最多 200 个字符。',
  COMPOUND_EXISTS: '该小区代码已存在，请换一个代码。',
  COMPOUND_NOT_FOUND: '找不到该小区代码。可先用 create-compound 新建小区。',
  USER_EXISTS: '该小区中已有同名用户。要更改密码请用 reset-password。',
  USER_NOT_FOUND: '该小区中没有这个用户。可用 list-users 查看已有用户。',
  DEVICE_NOT_FOUND: '找不到该设备的登录记录。可用 list-devices 查看登录过的设备。',
};

type Parsed = { values: Record<string, string | undefined> };
type Spec = Record<string, { type: 'string' }>;

function parse(io: CliIo, args: string[], spec: Spec): Parsed | null {
  try {
    const { values, positionals } = parseArgs({ args, options: { ...spec, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: true });
    if (positionals.length > 0) {
      io.err(`多余的参数：${positionals.join(' ')}（参数要写成 --名称 值 的形式）`);
      return null;
    }
    const out: Record<string, string | undefined> = {};
    for (const k of Object.keys(spec)) {
      const v = (values as Record<string, unknown>)[k];
      out[k] = typeof v === 'string' ? v : undefined;
    }
    return { values: out };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const unknown = /Unknown option '([^']+)'/.exec(msg);
    const missingValue = /Option '(-[^' ]+)(?: <value>)?' argument (?:missing|is ambiguous)/.exec(msg);
    if (unknown) io.err(`未知参数：${unknown[1]}`);
    else if (missingValue) io.err(`参数 ${missingValue[1]} 缺少值。（值以 - 开头时请写成 ${missingValue[1]}=值）`);
    else io.err(`参数有误：${msg}`);
    return null;
  }
}

function required(io: CliIo, values: Record<string, string | undefined>, names: readonly string[]): boolean {
  const missing = names.filter((n) => values[n] === undefined || values[n]?.trim() === '');
  if (missing.length === 0) return true;
  io.err(`缺少参数：${missing.map((n) => `--${n}`).join('、')}`);
  return false;
}

function usageFail(io: CliIo, command: string): number {
  io.err(`运行 npm run server -- help 查看 ${command} 的用法。`);
  return EXIT.usage;
}

async function withDb(io: CliIo, config: ServerConfig, fn: (db: Db) => Promise<number>): Promise<number> {
  if (io.database) return fn(io.database);
  let opened;
  try {
    opened = await openDatabase(config, (m) => io.err(m));
  } catch (e) {
    io.err(`无法打开数据库：${e instanceof Error ? e.message : String(e)}`);
    io.err(config.databaseUrl ? '请检查 DATABASE_URL 和 PostgreSQL 是否在运行。' : `请检查数据目录 ${config.dataDir ?? '(内存)'} 是否可写。`);
    return EXIT.failed;
  }
  if (!opened.ok) {
    io.err(`数据目录 ${config.dataDir ?? ''} 正被另一个进程使用（PID ${opened.error.pid}）。`);
    io.err('内置数据库同时只能由一个进程打开：请先停止正在运行的服务器再执行此命令，或改用 PostgreSQL（设置 DATABASE_URL）。');
    return EXIT.failed;
  }
  try {
    return await fn(opened.value);
  } finally {
    await opened.value.close();
  }
}

/** The password from --password, typed twice on a terminal, or generated. */
async function obtainPassword(io: CliIo, given: string | undefined): Promise<{ password: string; generated: boolean } | null> {
  if (given !== undefined) return { password: given, generated: false };
  if (io.askSecret) {
    const first = await io.askSecret(`请输入密码（至少 ${MIN_PASSWORD_LENGTH} 个字符；直接回车则自动生成）：`);
    if (first === '') return { password: generatePassword((n) => randomBytes(n)), generated: true };
    const again = await io.askSecret('请再输入一次：');
    if (again !== first) {
      io.err('两次输入的密码不一致。');
      return null;
    }
    return { password: first, generated: false };
  }
  return { password: generatePassword((n) => randomBytes(n)), generated: true };
}

function checkPasswordArg(io: CliIo, password: string): boolean {
  const problem = checkPasswordStrength(password);
  if (problem === null) return true;
  io.err(problem === 'TOO_SHORT' ? ACCOUNT_ERRORS.WEAK_PASSWORD : ACCOUNT_ERRORS.PASSWORD_TOO_LONG);
  return false;
}

function checkCompoundArg(io: CliIo, code: string): boolean {
  if (isValidCompoundCode(normalizeCompoundCode(code))) return true;
  io.err(ACCOUNT_ERRORS.INVALID_CODE);
  return false;
}

async function serve(io: CliIo, args: string[]): Promise<number> {
  const p = parse(io, args, { port: { type: 'string' }, host: { type: 'string' }, static: { type: 'string' } });
  if (!p) return usageFail(io, 'serve');
  const base = configFromEnv(io.env, io.cwd);
  let port = base.port;
  if (p.values.port !== undefined) {
    const n = Number(p.values.port);
    if (!Number.isInteger(n) || n < 0 || n > 65535) {
      io.err(`端口无效：${p.values.port}（应为 0 到 65535 的整数）`);
      return usageFail(io, 'serve');
    }
    port = n;
  }
  const config: ServerConfig = {
    ...base,
    port,
    host: p.values.host ?? base.host,
    staticDir: p.values.static !== undefined ? configFromEnv({ ...io.env, LINLI_STATIC_DIR: p.values.static }, io.cwd).staticDir : base.staticDir,
  };
  return withDb(io, config, async (db) => {
    const app = await createApp({ db, config, log: (line) => io.out(line) });
    let url: string;
    try {
      url = (await app.listen(config.port, config.host)).url;
    } catch (e) {
      await app.close();
      const code = typeof e === 'object' && e !== null && 'code' in e ? (e as { code: unknown }).code : undefined;
      if (code === 'EADDRINUSE') io.err(`端口 ${config.port} 已被占用。请先关闭占用它的程序，或用 --port 换一个端口。`);
      else if (code === 'EADDRNOTAVAIL') io.err(`本机没有地址 ${config.host}，请检查 --host。`);
      else io.err(`无法启动服务器：${e instanceof Error ? e.message : String(e)}`);
      return EXIT.failed;
    }
    io.out(`邻里工作台网页版已启动：${url}`);
    io.out(db.kind === 'postgres' ? '数据存储：PostgreSQL（DATABASE_URL）' : `数据存储：内置 PGlite，目录 ${config.dataDir ?? '(内存)'}`);
    io.out(`网页文件：${config.staticDir}`);
    const compounds = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM compounds');
    if ((compounds.rows[0]?.n ?? 0) === 0) {
      io.out('提示：还没有小区账号。新建：npm run server -- create-compound --code 代码 --name 名称');
    }
    io.out('按 Ctrl+C 停止。');
    await io.untilStopped();
    io.out('正在停止服务器…');
    await app.close();
    return EXIT.ok;
  });
}

async function createCompoundCmd(io: CliIo, args: string[]): Promise<number> {
  const p = parse(io, args, { code: { type: 'string' }, name: { type: 'string' } });
  if (!p || !required(io, p.values, ['code', 'name'])) return usageFail(io, 'create-compound');
  const code = p.values.code ?? '';
  const name = p.values.name ?? '';
  if (!checkCompoundArg(io, code)) return EXIT.usage;
  return withDb(io, configFromEnv(io.env, io.cwd), async (db) => {
    const r = await createCompound(db, { code, name });
    if (!r.ok) {
      io.err(ACCOUNT_ERRORS[r.error.code]);
      return EXIT.usage;
    }
    io.out(`已新建小区：${r.value.name}（代码 ${r.value.code}）`);
    io.out(`下一步，新建管理员：npm run server -- add-user --compound ${r.value.code} --username admin --name 姓名 --role admin`);
    return EXIT.ok;
  });
}

async function addUserCmd(io: CliIo, args: string[]): Promise<number> {
  const p = parse(io, args, { compound: { type: 'string' }, username: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' } });
  if (!p || !required(io, p.values, ['compound', 'username', 'name', 'role'])) return usageFail(io, 'add-user');
  const v = p.values;
  const compound = v.compound ?? '';
  const username = v.username ?? '';
  const role = v.role ?? '';
  if (!checkCompoundArg(io, compound)) return EXIT.usage;
  if (!isValidUsername(normalizeUsername(username))) {
    io.err(ACCOUNT_ERRORS.INVALID_USERNAME);
    return EXIT.usage;
  }
  if (!isRole(role)) {
    io.err(`未知角色：${role}。可用的角色：${ROLES.map((r) => `${r}（${ROLE_LABELS[r]}）`).join('、')}`);
    return EXIT.usage;
  }
  if (v.password !== undefined && !checkPasswordArg(io, v.password)) return EXIT.usage;
  const config = configFromEnv(io.env, io.cwd);
  return withDb(io, config, async (db) => {
    const pw = await obtainPassword(io, v.password);
    if (!pw) return EXIT.usage;
    if (!checkPasswordArg(io, pw.password)) return EXIT.usage;
    const r = await addUser(db, { compound, username, name: v.name ?? '', role, password: pw.password }, config.argon2);
    if (!r.ok) {
      io.err(ACCOUNT_ERRORS[r.error.code]);
      return EXIT.usage;
    }
    io.out(`已新建用户：${r.value.username}（${r.value.name}，${ROLE_LABELS[r.value.role]}），小区 ${normalizeCompoundCode(compound)}`);
    if (pw.generated) io.out(`初始密码：${pw.password}（只显示这一次，请转交本人并提醒其妥善保管）`);
    return EXIT.ok;
  });
}

async function resetPasswordCmd(io: CliIo, args: string[]): Promise<number> {
  const p = parse(io, args, { compound: { type: 'string' }, username: { type: 'string' }, password: { type: 'string' } });
  if (!p || !required(io, p.values, ['compound', 'username'])) return usageFail(io, 'reset-password');
  const v = p.values;
  const compound = v.compound ?? '';
  if (!checkCompoundArg(io, compound)) return EXIT.usage;
  if (v.password !== undefined && !checkPasswordArg(io, v.password)) return EXIT.usage;
  const config = configFromEnv(io.env, io.cwd);
  return withDb(io, config, async (db) => {
    const pw = await obtainPassword(io, v.password);
    if (!pw) return EXIT.usage;
    if (!checkPasswordArg(io, pw.password)) return EXIT.usage;
    const r = await resetPassword(db, { compound, username: v.username ?? '', password: pw.password }, config.argon2);
    if (!r.ok) {
      io.err(ACCOUNT_ERRORS[r.error.code]);
      return EXIT.usage;
    }
    io.out(`已重设 ${r.value.username}（${r.value.name}）的密码；该用户需要在每台电脑上重新登录。`);
    if (pw.generated) io.out(`新密码：${pw.password}（只显示这一次）`);
    return EXIT.ok;
  });
}

async function listUsersCmd(io: CliIo, args: string[]): Promise<number> {
  const p = parse(io, args, { compound: { type: 'string' } });
  if (!p || !required(io, p.values, ['compound'])) return usageFail(io, 'list-users');
  const compound = p.values.compound ?? '';
  if (!checkCompoundArg(io, compound)) return EXIT.usage;
  return withDb(io, configFromEnv(io.env, io.cwd), async (db) => {
    const r = await listUsers(db, compound);
    if (!r.ok) {
      io.err(ACCOUNT_ERRORS[r.error.code]);
      return EXIT.usage;
    }
    io.out(`${r.value.compound.name}（${r.value.compound.code}）共 ${r.value.users.length} 个用户：`);
    for (const u of r.value.users) {
      io.out(`  ${u.username}\t${u.name}\t${ROLE_LABELS[u.role]}（${u.role}）${u.disabled ? '\t已停用' : ''}`);
    }
    return EXIT.ok;
  });
}

/** Parses --compound and --username (both required, and `extra`), checks their form; an exit code after printing why not. */
function userArgs(io: CliIo, args: string[], command: string, extra: Spec = {}): { compound: string; username: string; values: Record<string, string | undefined> } | number {
  const p = parse(io, args, { compound: { type: 'string' }, username: { type: 'string' }, ...extra });
  if (!p || !required(io, p.values, ['compound', 'username', ...Object.keys(extra)])) return usageFail(io, command);
  const compound = p.values.compound ?? '';
  const username = p.values.username ?? '';
  if (!checkCompoundArg(io, compound)) return EXIT.usage;
  if (!isValidUsername(normalizeUsername(username))) {
    io.err(ACCOUNT_ERRORS.INVALID_USERNAME);
    return EXIT.usage;
  }
  return { compound, username, values: p.values };
}

async function setDisabledCmd(io: CliIo, args: string[], disabled: boolean): Promise<number> {
  const a = userArgs(io, args, disabled ? 'disable-user' : 'enable-user');
  if (typeof a === 'number') return a;
  return withDb(io, configFromEnv(io.env, io.cwd), async (db) => {
    const r = await setDisabled(db, { compound: a.compound, username: a.username, disabled });
    if (!r.ok) {
      io.err(ACCOUNT_ERRORS[r.error.code]);
      return EXIT.usage;
    }
    io.out(
      disabled
        ? `已停用 ${r.value.username}（${r.value.name}）：该用户已在所有电脑上退出登录，不能再登录。恢复：enable-user`
        : `已重新启用 ${r.value.username}（${r.value.name}）：该用户需要重新登录。`,
    );
    return EXIT.ok;
  });
}

async function setRoleCmd(io: CliIo, args: string[]): Promise<number> {
  const a = userArgs(io, args, 'set-role', { role: { type: 'string' } });
  if (typeof a === 'number') return a;
  const role = a.values.role ?? '';
  if (!isRole(role)) {
    io.err(`未知角色：${role}。可用的角色：${ROLES.map((r) => `${r}（${ROLE_LABELS[r]}）`).join('、')}`);
    return EXIT.usage;
  }
  return withDb(io, configFromEnv(io.env, io.cwd), async (db) => {
    const r = await setRole(db, { compound: a.compound, username: a.username, role });
    if (!r.ok) {
      io.err(ACCOUNT_ERRORS[r.error.code]);
      return EXIT.usage;
    }
    const { user, previous } = r.value;
    io.out(`已将 ${user.username}（${user.name}）的角色从 ${ROLE_LABELS[previous]}（${previous}）改为 ${ROLE_LABELS[user.role]}（${user.role}），下一次同步起生效。`);
    return EXIT.ok;
  });
}

const when = (d: Date): string => d.toISOString().replace('T', ' ').slice(0, 19);

async function listDevicesCmd(io: CliIo, args: string[]): Promise<number> {
  const p = parse(io, args, { compound: { type: 'string' }, username: { type: 'string' } });
  if (!p || !required(io, p.values, ['compound'])) return usageFail(io, 'list-devices');
  const compound = p.values.compound ?? '';
  if (!checkCompoundArg(io, compound)) return EXIT.usage;
  return withDb(io, configFromEnv(io.env, io.cwd), async (db) => {
    const r = await listDevices(db, { compound, ...(p.values.username !== undefined ? { username: p.values.username } : {}) });
    if (!r.ok) {
      io.err(ACCOUNT_ERRORS[r.error.code]);
      return EXIT.usage;
    }
    const { devices } = r.value;
    io.out(`${r.value.compound.name}（${r.value.compound.code}）共 ${devices.length} 台登录过的设备（时间为 UTC）：`);
    for (const d of devices) {
      const state = d.revoked ? '已吊销' : `有效登录 ${d.activeLogins} 个`;
      io.out(`  ${d.username}\t${d.deviceId}\t首次 ${when(d.firstLoginAt)}\t最近 ${when(d.lastLoginAt)}\t${d.lastAddress ?? '-'}\t${state}`);
    }
    return EXIT.ok;
  });
}

async function revokeDeviceCmd(io: CliIo, args: string[]): Promise<number> {
  const p = parse(io, args, { compound: { type: 'string' }, device: { type: 'string' }, username: { type: 'string' } });
  if (!p || !required(io, p.values, ['compound', 'device'])) return usageFail(io, 'revoke-device');
  const compound = p.values.compound ?? '';
  if (!checkCompoundArg(io, compound)) return EXIT.usage;
  return withDb(io, configFromEnv(io.env, io.cwd), async (db) => {
    const r = await revokeDevice(db, { compound, deviceId: (p.values.device ?? '').trim(), ...(p.values.username !== undefined ? { username: p.values.username } : {}) });
    if (!r.ok) {
      io.err(ACCOUNT_ERRORS[r.error.code]);
      return EXIT.usage;
    }
    io.out(`已吊销设备 ${p.values.device ?? ''}：结束了 ${r.value.logins} 个登录，立即生效。该设备需要重新输入密码登录。`);
    return EXIT.ok;
  });
}

const MISMATCH_TEXT: { readonly [P in Mismatch['problem']]: string } = {
  NO_HISTORY: '历史中没有任何版本',
  SEQ_DIFFERS: '当前版本的序号与历史中最后的版本不同',
  CONTENT_DIFFERS: '当前内容与历史中最后的版本不同',
  DELETED_DIFFERS: '删除标记与历史中最后的版本不同',
  NO_DOCUMENT: '历史中有版本，但没有当前文档',
};

const CHAIN_TEXT: { readonly [C in ChainProblemCode]: string } = {
  VOUCHER_ALTERED: '结账后内容被改动',
  VOUCHER_MISSING: '已结账的凭证不见了',
  VOUCHER_UNCHAINED: '不在结账时的凭证序列中',
};

/** A command on one existing compound (--compound, and `extra` options): its database and the compound, or why not. */
async function onCompound(
  io: CliIo,
  args: string[],
  command: string,
  extra: Spec,
  fn: (db: Db, compound: { id: string; code: string; name: string }, values: Record<string, string | undefined>) => Promise<number>,
): Promise<number> {
  const p = parse(io, args, { compound: { type: 'string' }, ...extra });
  if (!p || !required(io, p.values, ['compound'])) return usageFail(io, command);
  const code = p.values.compound ?? '';
  if (!checkCompoundArg(io, code)) return EXIT.usage;
  return withDb(io, configFromEnv(io.env, io.cwd), async (db) => {
    const compound = await findCompound(db, code);
    if (!compound) {
      io.err(ACCOUNT_ERRORS.COMPOUND_NOT_FOUND);
      return EXIT.usage;
    }
    return fn(db, compound, p.values);
  });
}

async function verifyCmd(io: CliIo, args: string[]): Promise<number> {
  return onCompound(io, args, 'verify', {}, async (db, compound) => {
    const report = await verifyTenant(db, compound.id);
    const books = report.ledger;
    const booksLine =
      books.closedPeriods === 0
        ? '账簿：尚无已结账的会计期间。'
        : books.problems.length === 0
          ? `账簿：${books.closedPeriods} 个已结账期间、${books.chained} 张凭证的哈希链校验一致。`
          : `账簿：哈希链校验发现 ${books.problems.length} 处不一致：`;
    if (report.mismatches.length === 0 && books.problems.length === 0) {
      io.out(`${compound.name}（${compound.code}）核对通过：${report.documents} 个文档都与历史中最后接受的版本一致（共 ${report.versions} 个版本）。`);
      io.out(booksLine);
      return EXIT.ok;
    }
    if (report.mismatches.length > 0) io.err(`${compound.name}（${compound.code}）核对发现 ${report.mismatches.length} 处不一致（共 ${report.documents} 个文档）：`);
    else io.err(`${compound.name}（${compound.code}）：${report.documents} 个文档都与历史一致，但账簿不一致。`);
    for (const m of report.mismatches) {
      io.err(`  ${m.collection}/${m.id}\t当前序号 ${m.seq ?? '-'}\t历史序号 ${m.historySeq ?? '-'}\t${MISMATCH_TEXT[m.problem]}（${m.problem}）`);
    }
    if (books.problems.length > 0) {
      io.err(booksLine);
      for (const p of books.problems) {
        const place = `${p.period} ${p.number ? `记-${p.number}` : ''}`.trim();
        const fields = p.fields && p.fields.length > 0 ? `，改动：${p.fields.join('、')}` : '';
        io.err(`  vouchers/${p.voucherId}\t${place}\t${CHAIN_TEXT[p.code]}${fields}（${p.code}）`);
      }
    } else io.err(booksLine);
    return EXIT.failed;
  });
}

/** This build's version, for the backup's manifest. */
function serverVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

async function exportCmd(io: CliIo, args: string[]): Promise<number> {
  return onCompound(io, args, 'export', { out: { type: 'string' } }, async (db, compound, values) => {
    const now = new Date();
    const target = path.resolve(io.cwd, values.out ?? backupFileName(compound.code, now));
    const { manifest, parts } = await exportCompound(db, compound, { appVersion: serverVersion(), now });
    let file;
    try {
      // 'wx': never overwrite an earlier export.
      file = await openFile(target, 'wx');
      for (const part of parts) await file.write(part);
    } catch (e) {
      const exists = (e as NodeJS.ErrnoException).code === 'EEXIST';
      io.err(exists ? `文件已存在，不会覆盖：${target}` : `无法写入 ${target}：${e instanceof Error ? e.message : String(e)}`);
      return EXIT.failed;
    } finally {
      await file?.close();
    }
    const docs = Object.values(manifest.counts).reduce((n, c) => n + c.live + c.deleted, 0);
    io.out(`已导出 ${compound.name}（${compound.code}）：${docs} 个文档（含已删除记录），${manifest.attachments.count} 个附件。`);
    io.out(`备份文件：${target}`);
    io.out('在桌面版“设置 → 备份与恢复 → 从文件恢复”中选择该文件即可恢复。');
    return EXIT.ok;
  });
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve(io, rest);
    case 'create-compound':
      return createCompoundCmd(io, rest);
    case 'add-user':
      return addUserCmd(io, rest);
    case 'reset-password':
      return resetPasswordCmd(io, rest);
    case 'list-users':
      return listUsersCmd(io, rest);
    case 'disable-user':
      return setDisabledCmd(io, rest, true);
    case 'enable-user':
      return setDisabledCmd(io, rest, false);
    case 'set-role':
      return setRoleCmd(io, rest);
    case 'list-devices':
      return listDevicesCmd(io, rest);
    case 'revoke-device':
      return revokeDeviceCmd(io, rest);
    case 'verify':
      return verifyCmd(io, rest);
    case 'export':
      return exportCmd(io, rest);
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return EXIT.ok;
    case undefined:
      io.err('缺少命令。');
      io.err(USAGE);
      return EXIT.usage;
    default:
      io.err(`未知命令：${command}`);
      io.err(USAGE);
      return EXIT.usage;
  }
}

/** Reads a line from the terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let text = '';
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          done();
          resolve(text);
          return;
        }
        if (ch === '\u0003') {
          done();
          reject(new Error('已取消'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') text = [...text].slice(0, -1).join('');
        else text += ch;
      }
    };
    const done = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write('\n');
    };
    stdin.on('data', onData);
  });
}

export function nodeIo(): CliIo {
  return {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    env: process.env,
    cwd: process.cwd(),
    askSecret: process.stdin.isTTY && process.stdout.isTTY ? askHidden : undefined,
    untilStopped: () =>
      new Promise((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      }),
  };
}
