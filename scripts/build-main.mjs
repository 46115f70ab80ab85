// Bundles the Electron main process and the preload into dist/main/*.cjs (see README.md, "Desktop app and installers").
// Everything except 'electron' is bundled, so the packaged app needs no node_modules at all.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// `--outdir <dir>` builds the same bundles elsewhere (tests/packaging/hardening.test.ts audits a fresh build without
// touching dist/main); the default is what electron-builder packs.
const outdirArg = process.argv.indexOf('--outdir');
const outdir = outdirArg > 0 && process.argv[outdirArg + 1] !== undefined
  ? resolve(process.argv[outdirArg + 1])
  : fileURLToPath(new URL('../dist/main', import.meta.url));

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  outdir,
  outExtension: { '.js': '.cjs' },
  external: ['electron'],
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
};

await rm(outdir, { recursive: true, force: true });
await Promise.all([
  // Electron 45 runs Node 22+; node20 is the floor we test on.
  build({ ...common, entryPoints: { main: 'src-main/main.ts' }, platform: 'node', target: 'node20' }),
  // The sandboxed preload: one file, only require('electron') left.
  build({ ...common, entryPoints: { preload: 'src-main/preload.ts' }, platform: 'node', target: ['node20', 'chrome120'] }),
]);
console.log(`built ${outdir}/main.cjs, ${outdir}/preload.cjs`);
