// Regenerates every icon of the app from its one source image (assets/icon.svg): `npm run icons`, then commit the
// results. What is made and where is listed in shared/web/app-icons.ts; tests/packaging/icons.test.ts checks the
// committed files (sizes, the .ico's entries, the manifest and electron-builder.yml naming them, and that they are
// this source's).
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pngToIco from 'png-to-ico';
import {
  APPLE_TOUCH_ICON,
  FAVICON_ICO,
  FAVICON_SVG,
  ICON_SOURCE,
  INSTALLER_ICO,
  INSTALLER_PNG,
  LINUX_ICON_SIZES,
  MANIFEST_ICONS,
  linuxIconFile,
} from '../shared/web/app-icons';
import { plainIcon, renderMaster, webIcon } from './icon-render';

const root = fileURLToPath(new URL('..', import.meta.url));
const publicDir = join(root, 'src-renderer', 'public');

async function write(file: string, data: Buffer): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, data);
  console.log(`  ${file.slice(root.length)}`);
}

const master = await renderMaster(await readFile(join(root, ICON_SOURCE)));
const ico = async (sizes: readonly number[]): Promise<Buffer> => pngToIco(await Promise.all(sizes.map((size) => plainIcon(master, size))));

console.log(`icons from ${ICON_SOURCE}:`);
for (const icon of [...MANIFEST_ICONS, APPLE_TOUCH_ICON]) await write(join(publicDir, icon.file), await webIcon(master, icon));
await copyFile(join(root, ICON_SOURCE), join(publicDir, FAVICON_SVG));
console.log(`  src-renderer/public/${FAVICON_SVG}`);
await write(join(publicDir, FAVICON_ICO.file), await ico(FAVICON_ICO.sizes));
await write(join(root, INSTALLER_ICO.file), await ico(INSTALLER_ICO.sizes));
await write(join(root, INSTALLER_PNG.file), await plainIcon(master, INSTALLER_PNG.size));
for (const size of LINUX_ICON_SIZES) await write(join(root, linuxIconFile(size)), await plainIcon(master, size));
