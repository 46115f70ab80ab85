// Issue #15, "desktop hardening visible to audits": static audits (electronegativity and the like) read the shipped
// main-process bundle and look at each `new BrowserWindow({...})` call. This test does the same on a fresh build of
// dist/main (scripts/build-main.mjs, the script `npm run build:main` runs, writing into a temp folder so the checkout's
// dist/main is left alone): every window's webPreferences must be an object literal at the call, with every hardening
// flag written literally. A minifier may write true as !0 and false as !1; both forms are accepted, and the audit is
// run on a minified copy too.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

type Expected = true | false | string;
/** Flags every window must carry, and their values. */
const EVERY_WINDOW: ReadonlyArray<readonly [string, Expected]> = [
  ['contextIsolation', true],
  ['sandbox', true],
  ['nodeIntegration', false],
  ['nodeIntegrationInWorker', false],
  ['nodeIntegrationInSubFrames', false],
  ['webviewTag', false],
  ['webSecurity', true],
  ['allowRunningInsecureContent', false],
  ['spellcheck', false],
  ['disableBlinkFeatures', 'Auxclick'],
];

/** Index just past the bracket closing the one at `open`, skipping strings, template literals and comments. */
function closingIndex(text: string, open: number): number {
  const pairs: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '/' && text[i + 1] === '/') {
      i = text.indexOf('\n', i);
      if (i < 0) break;
    } else if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 1;
      if (i <= 0) break;
    } else if (c === '"' || c === "'" || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
    } else if (c in pairs) {
      stack.push(pairs[c] as string);
    } else if (c === ')' || c === '}' || c === ']') {
      if (stack.pop() !== c) throw new Error(`unbalanced ${c} at ${i}`);
      if (stack.length === 0) return i + 1;
    }
  }
  throw new Error(`no closing bracket for the one at ${open}`);
}

/** The text of each `new BrowserWindow(...)` call's arguments, however the bundler qualified the name. */
function browserWindowCalls(bundle: string): string[] {
  const calls: string[] = [];
  for (const m of bundle.matchAll(/new\s+(?:[\w$]+\.)*BrowserWindow\s*\(/g)) {
    const open = (m.index ?? 0) + m[0].length - 1;
    calls.push(bundle.slice(open, closingIndex(bundle, open)));
  }
  return calls;
}

const literal = (value: Expected): string =>
  value === true ? '(?:true|!0)' : value === false ? '(?:false|!1)' : `(?:"${value}"|'${value}'|\`${value}\`)`;

/** What an audit would flag in one call: a webPreferences that is not a literal, or a flag missing or different. */
function auditCall(call: string, required: ReadonlyArray<readonly [string, Expected]> = EVERY_WINDOW): string[] {
  const at = /["']?webPreferences["']?\s*:\s*/.exec(call);
  if (at === null) return ['webPreferences missing'];
  const start = at.index + at[0].length;
  if (call[start] !== '{') return ['webPreferences is not an object literal at the call'];
  const prefs = call.slice(start, closingIndex(call, start));
  const problems: string[] = [];
  for (const [flag, value] of required) {
    const re = new RegExp(`[{,\\s]["']?${flag}["']?\\s*:\\s*${literal(value)}(?=\\s*[,}])`);
    if (!re.test(prefs)) problems.push(`${flag} is not ${String(value)}`);
  }
  return problems;
}

let work = '';
let bundle = '';

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'linli-hardening-'));
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build-main.mjs'), '--outdir', work], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build-main failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  bundle = await readFile(path.join(work, 'main.cjs'), 'utf8');
}, 60_000);

afterAll(async () => {
  if (work !== '') await rm(work, { recursive: true, force: true });
});

describe('the built main bundle (dist/main/main.cjs)', () => {
  it('opens exactly two kinds of window: the app window (with the preload) and the print window (no scripts)', () => {
    const calls = browserWindowCalls(bundle);
    expect(calls).toHaveLength(2);
    expect(calls.filter((c) => /\bpreload\s*:/.test(c))).toHaveLength(1);
    expect(calls.filter((c) => new RegExp(`\\bjavascript\\s*:\\s*${literal(false)}`).test(c))).toHaveLength(1);
  });

  it.each(EVERY_WINDOW.map(([flag, value]) => [flag, String(value)]))('every new BrowserWindow( sets %s: %s literally', (flag) => {
    for (const call of browserWindowCalls(bundle)) {
      expect(auditCall(call, EVERY_WINDOW.filter(([f]) => f === flag))).toEqual([]);
    }
  });

  it('the print window also has javascript: false and no preload', () => {
    const print = browserWindowCalls(bundle).find((c) => !/\bpreload\s*:/.test(c)) ?? '';
    expect(auditCall(print, [['javascript', false]])).toEqual([]);
  });

  it('a minified build passes the same audit (true written as !0, false as !1)', async () => {
    const { code } = await transform(bundle, { minify: true, loader: 'js', format: 'cjs', platform: 'node' });
    const calls = browserWindowCalls(code);
    expect(calls).toHaveLength(2);
    expect(calls.join('\n')).toMatch(/contextIsolation:!0/);
    for (const call of calls) expect(auditCall(call)).toEqual([]);
  });
});

describe('the audit itself', () => {
  const callsIn = (text: string) => browserWindowCalls(text);

  it.each(EVERY_WINDOW.map(([flag]) => [flag]))('fails when %s is removed from a window', (flag) => {
    for (const call of callsIn(bundle)) {
      const without = call.replace(new RegExp(`\\s*${flag}\\s*:\\s*[^,\\n}]+,?`), '');
      expect(without).not.toBe(call);
      expect(auditCall(without)).toContain(`${flag} is not ${String(EVERY_WINDOW.find(([f]) => f === flag)?.[1])}`);
    }
  });

  it.each([
    ['contextIsolation', 'contextIsolation: false'],
    ['sandbox', 'sandbox: !1'],
    ['nodeIntegration', 'nodeIntegration: true'],
    ['disableBlinkFeatures', 'disableBlinkFeatures: "Other"'],
  ])('fails when %s is flipped', (flag, replacement) => {
    const call = callsIn(bundle)[0] ?? '';
    const flipped = call.replace(new RegExp(`${flag}\\s*:\\s*[^,\\n}]+`), replacement);
    expect(auditCall(flipped)).toHaveLength(1);
  });

  it('fails when webPreferences is built elsewhere and passed by name', () => {
    expect(auditCall('({ show: false, webPreferences: prefs() })')).toEqual(['webPreferences is not an object literal at the call']);
    expect(auditCall('({ show: false })')).toEqual(['webPreferences missing']);
  });

  it('finds windows however the bundler names the class, and skips brackets in strings and comments', () => {
    const text = `a = new e.BrowserWindow({title: "x)}", webPreferences: {/* ) */ sandbox: !0}}); b = new BrowserWindow ({})`;
    expect(callsIn(text)).toEqual([`({title: "x)}", webPreferences: {/* ) */ sandbox: !0}})`, '({})']);
  });
});
