// The app's icons, all generated from one source image (assets/icon.svg) by `npm run icons` (scripts/icons.ts) and
// committed: the web host's favicons and the web app manifest's icons (src-renderer/public/, copied into the build),
// the desktop window's icon, and the installers' icons in build/ (electron-builder.yml). The manifest
// (vite.config.ts), the script and the tests (tests/packaging/icons.test.ts) read this list, so they cannot drift.

/** The one source image of every icon. */
export const ICON_SOURCE = 'assets/icon.svg';

/** The app's colours (src-renderer/app/app.css): --primary is the icon's and the installed window's title bar, --bg the
 * splash screen behind the first paint. tests/packaging/icons.test.ts checks them against app.css. */
export const THEME_COLOR = '#1d5fa8';
export const BACKGROUND_COLOR = '#f3f4f6';

export type IconPurpose = 'any' | 'maskable';
export type WebIcon = { readonly file: string; readonly size: number; readonly purpose: IconPurpose };

/** Files under src-renderer/public/ (so under the built renderer's root), as the manifest names them. */
export const MANIFEST_ICONS: readonly WebIcon[] = [
  { file: 'icons/icon-192.png', size: 192, purpose: 'any' },
  { file: 'icons/icon-512.png', size: 512, purpose: 'any' },
  // Full-bleed background with the mark inside the central 80 % circle that launchers may crop to.
  { file: 'icons/icon-maskable-512.png', size: 512, purpose: 'maskable' },
];

/** iOS/iPadOS home screen (they ignore the manifest's icons and round the corners themselves: full bleed). */
export const APPLE_TOUCH_ICON: WebIcon = { file: 'icons/apple-touch-icon-180.png', size: 180, purpose: 'maskable' };

/** The tab's icon: an .ico for every browser and an SVG for those that take one. */
export const FAVICON_ICO = { file: 'favicon.ico', sizes: [16, 32, 48] } as const;
export const FAVICON_SVG = 'favicon.svg';

/** The desktop window's icon (taskbar on Linux), relative to the built renderer, which electron-builder packs. */
export const WINDOW_ICON = 'icons/icon-512.png';

/** Installer icons, relative to the repository (electron-builder's buildResources folder is build/). */
export const INSTALLER_ICO = { file: 'build/icon.ico', sizes: [16, 24, 32, 48, 64, 128, 256] } as const;
export const INSTALLER_PNG = { file: 'build/icon.png', size: 512 } as const;
export const LINUX_ICON_DIR = 'build/icons';
export const LINUX_ICON_SIZES: readonly number[] = [16, 24, 32, 48, 64, 128, 256, 512];
export const linuxIconFile = (size: number): string => `${LINUX_ICON_DIR}/${size}x${size}.png`;
