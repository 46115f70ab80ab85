
// npm start: build the renderer and main, then run the desktop app, or the web host where Electron is missing.
// `npm start -- --web` forces the web host.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (...parts) => path.join(root, 'node_modules', ...parts);

function run(label, args) {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${label} 失败（退出码 ${r.status ?? r.signal}）。`);
    process.exit(r.status ?? 1);
  }
}

/**
 * The Electron executable, or null. Reads node_modules/electron/path.txt itself instead of require('electron'):
 * electron's index.js tries to download the binary when it is missing, which hangs or fails offline.
 */
function electronExecutable() {
  const pkg = bin('electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const exe = override ? path.join(override, relative || 'electron') : path.join(pkg, 'dist', relative);
  return relative !== '' && existsSync(exe) ? exe : null;
}

/** Runs child to completion; Ctrl+C / kill reach it, and its exit code becomes ours. */
function supervise(child) {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const s of signals) process.on(s, forward);
  child.on('error', (e) => {
    console.error(`无法启动：${e.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    for (const s of signals) process.off(s, forward);
    process.exit(code ?? (signal === null ? 0 : 1));
  });
}

const forceWeb = process.argv.includes('--web');

run('构建界面（vite build）', [bin('vite', 'bin', 'vite.js'), 'build']);
run('构建主进程', [path.join(root, 'scripts', 'build-main.mjs')]);

const electron = forceWeb ? null : electronExecutable();
if (electron !== null) {
  const env = { ...process.env };
  // Set in some shells/CI; it would make Electron behave as plain Node and ignore the app.
  delete env.ELECTRON_RUN_AS_NODE;
  supervise(spawn(electron, [root], { cwd: root, stdio: 'inherit', env }));
} else {
  if (!forceWeb) console.log('未找到 Electron 可执行文件（本机无法下载 Electron），改为启动网页版。');
  const env = { ...process.env, PORT: process.env.PORT ?? '8787' };
  supervise(spawn(process.execPath, [bin('tsx', 'dist', 'cli.mjs'), 'src-server/cli.ts', 'serve'], { cwd: root, stdio: 'inherit', env }));
}
