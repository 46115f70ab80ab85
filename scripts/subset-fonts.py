#!/usr/bin/env python3
"""Regenerates src-renderer/public/fonts/ from the Fandol fonts (GPL-3 with the font exception).

The printed notices (src-renderer/features/notices/print) use these fonts so that a 公告 looks the same on every PC.
Not run in CI; run it by hand when the character set or the fonts change, then re-run the notice PDF tests
(tests/integration/notices/pdf.test.ts) and review the reference image they compare against.

What it does, per font:
  1. subsets the OpenType-CFF font to GB 2312 (all 7445 characters: 6763 hanzi and the symbol rows), ASCII,
     Latin-1, CJK and general punctuation, full-width forms, 〔〕 and a few symbols committees type (㎡, ℃, ①…).
     The Kangxi and CJK radicals (U+2E80–U+2FDF) are left out on purpose: Fandol maps them to the same glyphs as
     their hanzi (⺝ and 月, ⼩ and 小), and a PDF's text map would then read 月 back as the radical;
  2. converts the CFF outlines to TrueType (quadratic) outlines with fontTools' cu2qu, max error 1/1000 em.
     Chromium's PDF writer (Skia) embeds CFF fonts as Type 3 bitmaps-of-paths; TrueType fonts are embedded as real
     CID fonts (Type 0 / CIDFontType2), which print crisply and whose text copies and searches correctly;
  3. drops what print does not need (vertical metrics, GPOS/GSUB, BASE, glyph names), marks the font installable
     (fsType 0, as the GPL permits) and writes WOFF2.

Usage (Debian: apt-get install texlive-lang-chinese python3-fonttools python3-brotli):
  /usr/bin/python3 scripts/subset-fonts.py [--src DIR] [--out DIR]
"""
import argparse
import hashlib
import os
import sys

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

DEFAULT_SRC = '/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol'
DEFAULT_OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src-renderer', 'public', 'fonts')

# Source file → output name. The notice layout references the output names (features/notices/print/fonts.ts).
FONTS = {
    'FandolFang-Regular.otf': 'FandolFang-Regular.woff2',  # body: 仿宋
    'FandolSong-Bold.otf': 'FandolSong-Bold.woff2',  # title: the 小标宋 stand-in
}

MAX_ERR = 1.0  # font units (1000 per em): the largest distance of a quadratic from its cubic


def gb2312_characters():
    chars = set()
    for row in range(0xA1, 0xF8):
        for col in range(0xA1, 0xFF):
            try:
                chars.add(bytes([row, col]).decode('gb2312'))
            except UnicodeDecodeError:
                pass
    return chars


def character_set():
    chars = gb2312_characters()
    ranges = [
        (0x20, 0x7E),  # ASCII
        (0xA0, 0xFF),  # Latin-1 (¥, ², ·, ×, ÷ …)
        (0x2010, 0x2027),  # dashes, quotes, …
        (0x2030, 0x203B),  # ‰, ※
        (0x2103, 0x2103),  # ℃
        (0x2116, 0x2116),  # №
        (0x2160, 0x216B),  # Ⅰ–Ⅻ
        (0x2460, 0x249B),  # ①, ⑴, ⒈
        (0x3000, 0x303F),  # CJK punctuation, 〔〕 included
        (0x33A1, 0x33A1),  # ㎡
        (0xFF01, 0xFF5E),  # full-width forms
        (0xFFE0, 0xFFE5),  # ￠ ￡ ￢ ￣ ￤ ￥
    ]
    for lo, hi in ranges:
        chars.update(chr(c) for c in range(lo, hi + 1))
    # Radicals must never be mapped (see the module docstring).
    return {c for c in chars if not 0x2E80 <= ord(c) <= 0x2FDF}


def to_truetype(font):
    """CFF → glyf, after fontTools' Snippets/otf2ttf.py."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        tt_pen = TTGlyphPen(glyph_set)
        # CFF contours run counter-clockwise, TrueType's clockwise.
        glyph_set[name].draw(Cu2QuPen(tt_pen, MAX_ERR, reverse_direction=True))
        glyphs[name] = tt_pen.glyph()
    font['loca'] = newTable('loca')
    glyf = font['glyf'] = newTable('glyf')
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    del font['CFF ']
    glyf.compile(font)
    hmtx = font['hmtx']
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, 'xMin'):
            hmtx[name] = (hmtx[name][0], glyph.xMin)
    maxp = font['maxp'] = newTable('maxp')
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = 0
    maxp.compile(font)
    post = font['post']
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    font['head'].glyphDataFormat = 0
    font.sfntVersion = '\x00\x01\x00\x00'


def build(src, out, chars):
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ['BASE', 'VORG', 'vhea', 'vmtx', 'GPOS', 'GSUB', 'GDEF', 'DSIG']
    options.name_IDs = ['*']
    options.name_languages = ['*']
    options.notdef_outline = True
    options.recalc_bounds = True
    options.hinting = False
    # Keep the source's head.modified: the same inputs give the same bytes (the README lists their hashes).
    font = TTFont(src, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    to_truetype(font)
    font['OS/2'].fsType = 0
    font.flavor = 'woff2'
    font.save(out)
    mapped = len(font.getBestCmap())
    font.close()
    return mapped


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--src', default=DEFAULT_SRC)
    parser.add_argument('--out', default=DEFAULT_OUT)
    args = parser.parse_args()
    chars = character_set()
    os.makedirs(args.out, exist_ok=True)
    for src_name, out_name in FONTS.items():
        src = os.path.join(args.src, src_name)
        if not os.path.exists(src):
            sys.exit(f'missing {src}: install texlive-lang-chinese or pass --src')
        out = os.path.join(args.out, out_name)
        mapped = build(src, out, chars)
        with open(out, 'rb') as f:
            digest = hashlib.sha256(f.read()).hexdigest()[:16]
        print(f'{out_name}: {mapped} characters, {os.path.getsize(out) / 1024:.0f} KiB, sha256 {digest}…')


if __name__ == '__main__':
    main()
