import { describe, expect, it } from 'vitest';
import { referencedFontFiles } from './print-assets';

describe('referencedFontFiles', () => {
  it('names the fonts a print document loads from fonts/, each once, plain file names only', () => {
    const html = [
      '@font-face { src: url("fonts/FandolFang-Regular.woff2") format("woff2"), local("FangSong"); }',
      '@font-face { src: url("fonts/FandolSong-Bold.woff2"); } @font-face { src: url("fonts/FandolFang-Regular.woff2"); }',
      'url("fonts/../../etc/passwd.woff2") url("fonts/sub/x.woff2") url("fonts/x.ttf") url("http://x/fonts/y.woff2") url("data:font/woff2;base64,AA")',
    ].join('\n');
    expect(referencedFontFiles(html)).toEqual(['FandolFang-Regular.woff2', 'FandolSong-Bold.woff2']);
    expect(referencedFontFiles('<p>no fonts</p>')).toEqual([]);
  });
});
