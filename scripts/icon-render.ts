// How scripts/icons.ts draws each icon from assets/icon.svg; tests/packaging/icons.test.ts draws them again to check
// that the committed files are this source's.
import sharp, { type Sharp } from 'sharp';
import { THEME_COLOR, type WebIcon } from '../shared/web/app-icons';

/** Share of a maskable icon the mark may fill: launchers crop to a circle of 80 % of the side (W3C "safe zone"). */
const MASKABLE_MARK = 0.8;
/** Rendered once this large, then scaled down: small sizes come out sharper than rasterising the SVG at 16 px. */
const MASTER = 1024;

/** The source rasterised at 1024 px (its viewBox is 512 units; 72 dpi is one pixel per unit). */
export const renderMaster = (svg: Buffer): Promise<Buffer> =>
  sharp(svg, { density: (72 * MASTER) / 512 })
    .resize(MASTER, MASTER)
    .png()
    .toBuffer();

// No metadata, fixed compression: a rerun on the same sharp gives the same bytes.
const png = (image: Sharp): Promise<Buffer> => image.png({ compressionLevel: 9, adaptiveFiltering: false, palette: false }).toBuffer();

/** The icon as drawn (rounded square, transparent corners). */
export const plainIcon = (master: Buffer, size: number): Promise<Buffer> => png(sharp(master).resize(size, size, { kernel: 'lanczos3' }));

/** Full bleed in the theme colour, the mark inside the safe zone: maskable icons and the iOS home screen. */
export async function fullBleedIcon(master: Buffer, size: number): Promise<Buffer> {
  const side = Math.round(size * MASKABLE_MARK);
  const mark = await sharp(master).resize(side, side, { kernel: 'lanczos3' }).png().toBuffer();
  return png(sharp({ create: { width: size, height: size, channels: 4, background: THEME_COLOR } }).composite([{ input: mark, gravity: 'centre' }]));
}

export const webIcon = (master: Buffer, icon: WebIcon): Promise<Buffer> => (icon.purpose === 'maskable' ? fullBleedIcon(master, icon.size) : plainIcon(master, icon.size));
