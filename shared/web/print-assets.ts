// Files a print document may name relative to itself, which the host puts next to it before loading it: the
// printed notice's bundled fonts. The desktop print window is a file:// page in a temp folder (src-main/print.ts);
// it cannot reach the app's app:// files, and inlining 5 MB of fonts as data: URLs makes Chromium take seconds to
// load the page, so main copies the named fonts from the renderer's fonts/ folder beside the document instead.

/** Where, relative to the document, the fonts are: url("fonts/FandolFang-Regular.woff2"). */
export const PRINT_FONT_FOLDER = 'fonts/';

const FONT_REF = /url\("fonts\/([A-Za-z0-9][A-Za-z0-9._-]{0,80}\.woff2)"\)/g;

/** The font files a print document names as url("fonts/<file>.woff2"): plain file names only, each once. */
export function referencedFontFiles(html: string): string[] {
  const files = new Set<string>();
  for (const m of html.matchAll(FONT_REF)) if (m[1] && !m[1].includes('..')) files.add(m[1]);
  return [...files];
}
