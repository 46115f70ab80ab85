// Reads the sizes an image file declares, from its headers: PNG (IHDR) and Windows .ico (each directory entry and the
// PNG or BMP image it points at). Used by the icon tests (tests/packaging/icons.test.ts, tests/e2e/offline.spec.ts).

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type Size = { width: number; height: number };

export function pngSize(data: Buffer): Size {
  if (data.length < 24 || !data.subarray(0, 8).equals(PNG_SIGNATURE) || data.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG');
  }
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

export type IcoEntry = Size & { format: 'png' | 'bmp'; bitsPerPixel: number };

/** Every image of an .ico; each entry's directory size is checked against the image it points at. */
export function icoEntries(data: Buffer): IcoEntry[] {
  if (data.length < 6 || data.readUInt16LE(0) !== 0 || data.readUInt16LE(2) !== 1) throw new Error('not an .ico');
  const count = data.readUInt16LE(4);
  const entries: IcoEntry[] = [];
  for (let i = 0; i < count; i++) {
    const at = 6 + 16 * i;
    // 0 in the directory means 256.
    const width = data.readUInt8(at) || 256;
    const height = data.readUInt8(at + 1) || 256;
    const bytes = data.readUInt32LE(at + 8);
    const offset = data.readUInt32LE(at + 12);
    if (offset + bytes > data.length) throw new Error(`.ico entry ${i} runs past the end of the file`);
    const image = data.subarray(offset, offset + bytes);
    if (image.subarray(0, 8).equals(PNG_SIGNATURE)) {
      const own = pngSize(image);
      if (own.width !== width || own.height !== height) throw new Error(`.ico entry ${i}: directory ${width}×${height}, PNG ${own.width}×${own.height}`);
      entries.push({ width, height, format: 'png', bitsPerPixel: 32 });
    } else {
      // BITMAPINFOHEADER: 40 bytes; the height counts the colour image and the AND mask.
      if (image.readUInt32LE(0) !== 40) throw new Error(`.ico entry ${i}: neither PNG nor BMP`);
      const bmpWidth = image.readInt32LE(4);
      const bmpHeight = image.readInt32LE(8) / 2;
      if (bmpWidth !== width || bmpHeight !== height) throw new Error(`.ico entry ${i}: directory ${width}×${height}, BMP ${bmpWidth}×${bmpHeight}`);
      entries.push({ width, height, format: 'bmp', bitsPerPixel: image.readUInt16LE(14) });
    }
  }
  return entries;
}

/** A top-level section of electron-builder.yml as `key → scalar value` (enough for the icon settings it names). */
export function yamlSection(text: string, section: string): Record<string, string> {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l === `${section}:`);
  if (start < 0) return {};
  const values: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (!line.startsWith(' ')) break; // the next top-level key
    const m = /^ {2}([A-Za-z][\w-]*):\s*(.*?)\s*(#.*)?$/.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined && m[2] !== '') values[m[1]] = m[2].replace(/^["']|["']$/g, '');
  }
  return values;
}

/** A top-level list of electron-builder.yml (e.g. `files`), its items unquoted. */
export function yamlList(text: string, key: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l === `${key}:`);
  if (start < 0) return [];
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const m = /^ {2}- (.*?)\s*$/.exec(line);
    if (!m?.[1]) break;
    items.push(m[1].replace(/^["']|["']$/g, ''));
  }
  return items;
}
