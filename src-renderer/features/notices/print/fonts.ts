// The notice's own fonts (src-renderer/public/fonts, made by scripts/subset-fonts.py): FandolFang for the body
// and FandolSong Bold for the title, GB 2312 subsets with TrueType outlines. Only the printed notice loads them,
// so the app itself stays small. Two ways to reach them:
//   - from the app's own fonts/ (fontBaseUrl): a preview in the app and the web host's print frame, whose page may
//     load its own files ('self');
//   - relative to the document (fonts/…): the desktop print window, a file:// page in a temp folder that cannot
//     reach app://; main copies the fonts it names beside it (shared/web/print-assets.ts).
// Fallbacks when neither loads: the PC's 仿宋 / 宋体, then Noto CJK (Debian's fonts-noto-cjk).

export const NOTICE_FONT_FILES = {
  body: 'FandolFang-Regular.woff2',
  title: 'FandolSong-Bold.woff2',
} as const;

export type NoticeFontRole = keyof typeof NOTICE_FONT_FILES;
/** Where the browser gets each font: an absolute URL (http:, app:) or one relative to the document. */
export type NoticeFontSources = { readonly [R in NoticeFontRole]: string };

/** Family names of our own, so that a Fandol installed on the PC (maybe another version) is never picked instead. */
export const NOTICE_FONT_FAMILY = { body: 'Linli Fang', title: 'Linli Title' } as const;

export const BODY_FONT_STACK = `"${NOTICE_FONT_FAMILY.body}", "FangSong", "FangSong_GB2312", "STFangsong", "Noto Serif CJK SC", "Noto Sans CJK SC", serif`;
export const TITLE_FONT_STACK = `"${NOTICE_FONT_FAMILY.title}", "Noto Serif CJK SC", "SimSun", "Songti SC", "Noto Sans CJK SC", serif`;

/** The folder of the fonts next to the app's page: app://linli/fonts/ on the desktop, <origin>/fonts/ on the web. */
export function defaultFontBaseUrl(): string {
  if (typeof document !== 'undefined' && document.baseURI) return new URL('fonts/', document.baseURI).href;
  return 'fonts/';
}

const withSlash = (base: string): string => (base.endsWith('/') ? base : `${base}/`);

export const fontUrls = (baseUrl: string): NoticeFontSources => ({
  body: `${withSlash(baseUrl)}${NOTICE_FONT_FILES.body}`,
  title: `${withSlash(baseUrl)}${NOTICE_FONT_FILES.title}`,
});

/** A CSS string literal (a URL inside url("…")): quotes, backslashes and line breaks escaped. */
const cssString = (s: string): string => `"${s.replace(/["\\\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;

/**
 * @font-face rules. `font-display: block`: the text waits for its font (a print never shows a fallback that would
 * reflow the page). A font that fails to load falls back to the PC's faces via local() and the family stack.
 */
export function fontFaceCss(src: NoticeFontSources): string {
  return [
    `@font-face { font-family: "${NOTICE_FONT_FAMILY.body}"; font-style: normal; font-weight: 400; font-display: block;` +
      ` src: url(${cssString(src.body)}) format("woff2"), local("FandolFang R"), local("FangSong"), local("Noto Serif CJK SC"); }`,
    `@font-face { font-family: "${NOTICE_FONT_FAMILY.title}"; font-style: normal; font-weight: 700; font-display: block;` +
      ` src: url(${cssString(src.title)}) format("woff2"), local("FandolSong Bold"), local("Noto Serif CJK SC Bold"), local("NotoSerifCJKsc-Bold"); }`,
  ].join('\n');
}

/**
 * The CSP font-src of a document whose fonts come from `src`: the origin of absolute URLs, 'self' for URLs relative
 * to the document (the desktop print window's copies beside it; in a srcdoc frame, the app's origin).
 */
export function fontSrcOf(src: NoticeFontSources): string[] {
  const out = new Set<string>();
  for (const url of Object.values(src)) {
    let origin: string;
    try {
      const u = new URL(url);
      origin = u.protocol === 'file:' ? 'file:' : u.origin !== 'null' ? u.origin : `${u.protocol}//${u.host}`;
    } catch {
      origin = "'self'";
    }
    out.add(origin);
  }
  return [...out];
}
