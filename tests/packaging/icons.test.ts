// Issue #16: the app's icons, every one generated from assets/icon.svg and committed. The installers' icons are
// where electron-builder.yml says, with the sizes each target needs; the window icon is packed; the web app
// manifest's icons and the favicons exist with their declared sizes; and every file is the current source's.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import {
  APPLE_TOUCH_ICON,
  BACKGROUND_COLOR,
  FAVICON_ICO,
  FAVICON_SVG,
  ICON_SOURCE,
  INSTALLER_ICO,
  INSTALLER_PNG,
  LINUX_ICON_DIR,
  LINUX_ICON_SIZES,
  MANIFEST_ICONS,
  THEME_COLOR,
  WINDOW_ICON,
  linuxIconFile,
} from '../../shared/web/app-icons';
import { plainIcon, renderMaster, webIcon } from '../../scripts/icon-render';
import { icoEntries, pngSize, yamlList, yamlSection } from './image-headers';

const root = fileURLToPath(new URL('../..', import.meta.url));
const publicDir = path.join(root, 'src-renderer', 'public');
const read = (file: string): Buffer => readFileSync(path.join(root, file));
const config = read('electron-builder.yml').toString('utf8');
const hex = (r: number, g: number, b: number) => `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;

describe('installer icons named in electron-builder.yml', () => {
  it('Windows: win.icon is an .ico with every size from 16 to 256 px', () => {
    const win = yamlSection(config, 'win');
    expect(win.icon).toBe(INSTALLER_ICO.file);
    const sizes = icoEntries(read(INSTALLER_ICO.file)).map((e) => {
      expect(e.width).toBe(e.height);
      return e.width;
    });
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('the NSIS installer and uninstaller carry the same .ico', () => {
    const nsis = yamlSection(config, 'nsis');
    expect(nsis.installerIcon).toBe(INSTALLER_ICO.file);
    expect(nsis.uninstallerIcon).toBe(INSTALLER_ICO.file);
  });

  it('Linux: linux.icon is a folder of <size>x<size>.png, 16 to 512 px, each its size', () => {
    const linux = yamlSection(config, 'linux');
    expect(linux.icon).toBe(LINUX_ICON_DIR);
    expect(LINUX_ICON_SIZES).toEqual(expect.arrayContaining([16, 32, 48, 64, 128, 256, 512]));
    for (const size of LINUX_ICON_SIZES) expect(pngSize(read(linuxIconFile(size)))).toEqual({ width: size, height: size });
  });

  it('build/icon.png (electron-builder\'s fallback for any target) is 512 px; a mac section, if any, names an existing icon', () => {
    expect(pngSize(read(INSTALLER_PNG.file))).toEqual({ width: 512, height: 512 });
    const mac = yamlSection(config, 'mac');
    if (mac.icon !== undefined) expect(existsSync(path.join(root, mac.icon))).toBe(true);
    // buildResources is build/, where electron-builder also looks for icon.ico / icon.png by default.
    expect(config).toMatch(/^ {2}buildResources: build$/m);
  });

  // electron-builder's own icon resolution (what `npm run dist` runs for win.icon and linux.icon), without packing: it
  // refuses an icon too small for the target and falls back to Electron's icon when it finds none.
  it('electron-builder finds and accepts them: the .ico for Windows, every Linux size', async () => {
    const { convertIcon } = await import('app-builder-lib/out/util/iconConverter');
    const out = await mkdtemp(path.join(os.tmpdir(), 'linli-icons-'));
    try {
      const roots = [path.join(root, 'build'), root];
      const win = await convertIcon({ sources: [yamlSection(config, 'win').icon ?? ''], fallbackSources: [], roots, format: 'ico', outDir: out });
      expect(win.error).toBeUndefined();
      expect(win.isFallback).toBe(false);
      expect(win.icons.map((i) => path.relative(root, i.file))).toEqual([INSTALLER_ICO.file]);
      const linux = await convertIcon({ sources: [yamlSection(config, 'linux').icon ?? ''], fallbackSources: [], roots, format: 'set', outDir: out });
      expect(linux.error).toBeUndefined();
      expect(linux.isFallback).toBe(false);
      expect(linux.icons.map((i) => i.size)).toEqual([...LINUX_ICON_SIZES]);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('the window icon is in the renderer build, which electron-builder packs into app.asar', () => {
    expect(yamlList(config, 'files')).toContain('dist/renderer/**');
    expect(pngSize(readFileSync(path.join(publicDir, WINDOW_ICON)))).toEqual({ width: 512, height: 512 });
  });
});

describe('web icons (src-renderer/public, copied into the build)', () => {
  it('the manifest\'s icons: 192 and 512 for any purpose and a maskable 512, each its declared size', () => {
    expect(MANIFEST_ICONS.map((i) => `${i.size}:${i.purpose}`)).toEqual(['192:any', '512:any', '512:maskable']);
    for (const icon of [...MANIFEST_ICONS, APPLE_TOUCH_ICON]) {
      expect(pngSize(readFileSync(path.join(publicDir, icon.file))), icon.file).toEqual({ width: icon.size, height: icon.size });
    }
  });

  it('a maskable icon is full bleed (opaque theme colour in the corners); the plain ones have rounded corners', () => {
    const maskable = MANIFEST_ICONS.find((i) => i.purpose === 'maskable');
    const plain = MANIFEST_ICONS.find((i) => i.purpose === 'any' && i.size === 512);
    if (!maskable || !plain) throw new Error('icons missing');
    const m = PNG.sync.read(readFileSync(path.join(publicDir, maskable.file)));
    expect(hex(m.data[0] ?? 0, m.data[1] ?? 0, m.data[2] ?? 0)).toBe(THEME_COLOR);
    expect(m.data[3]).toBe(255);
    const p = PNG.sync.read(readFileSync(path.join(publicDir, plain.file)));
    expect(p.data[3]).toBe(0);
  });

  it('the favicons: an .ico with 16, 32 and 48 px and the SVG source, linked from index.html', () => {
    expect(icoEntries(readFileSync(path.join(publicDir, FAVICON_ICO.file))).map((e) => e.width)).toEqual([...FAVICON_ICO.sizes]);
    expect(readFileSync(path.join(publicDir, FAVICON_SVG))).toEqual(read(ICON_SOURCE));
    const html = read('src-renderer/index.html').toString('utf8');
    for (const file of [FAVICON_ICO.file, FAVICON_SVG, APPLE_TOUCH_ICON.file]) expect(html).toContain(`href="./${file}"`);
    expect(html).toContain('<meta name="theme-color" content="%APP_THEME_COLOR%" />');
  });

  it('the theme and background colours are the app\'s (--primary and --bg in app.css)', () => {
    const css = read('src-renderer/app/app.css').toString('utf8');
    expect(/--primary:\s*(#[0-9a-f]{6})/i.exec(css)?.[1]?.toLowerCase()).toBe(THEME_COLOR);
    expect(/--bg:\s*(#[0-9a-f]{6})/i.exec(css)?.[1]?.toLowerCase()).toBe(BACKGROUND_COLOR);
  });
});

describe('one source', () => {
  // A changed assets/icon.svg without `npm run icons` fails here. Compared by pixels, with a little slack for a
  // different sharp/libvips build rounding differently.
  it('every committed icon is the current source drawn as scripts/icons.ts draws it', async () => {
    const master = await renderMaster(read(ICON_SOURCE));
    const same = (committed: Buffer, fresh: Buffer, name: string) => {
      const a = PNG.sync.read(committed);
      const b = PNG.sync.read(fresh);
      expect([a.width, a.height], name).toEqual([b.width, b.height]);
      let diff = 0;
      for (let i = 0; i < a.data.length; i++) diff += Math.abs((a.data[i] ?? 0) - (b.data[i] ?? 0));
      expect(diff / a.data.length, name).toBeLessThan(2);
    };
    for (const icon of [...MANIFEST_ICONS, APPLE_TOUCH_ICON]) same(readFileSync(path.join(publicDir, icon.file)), await webIcon(master, icon), icon.file);
    for (const size of [16, 48, 256]) same(read(linuxIconFile(size)), await plainIcon(master, size), linuxIconFile(size));
    same(read(INSTALLER_PNG.file), await plainIcon(master, INSTALLER_PNG.size), INSTALLER_PNG.file);
  }, 60_000);
});
