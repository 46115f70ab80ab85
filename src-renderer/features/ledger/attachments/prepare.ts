// A chosen file made ready to attach: a large photo is scaled down (as tasks' photos are, but kept legible for a
// receipt: up to 3000 px on the long side, JPEG), everything else is taken as it is. Whether it may be attached at
// all (type by its bytes, ≤ 5 MiB) is db/blobs.ts's putBlob, through the shared rule.

/** Photos above this are scaled down before they are stored (a phone's 4–8 MB photo becomes ≈ 1 MB). */
export const DOWNSCALE_ABOVE_BYTES = 1_500_000;
export const MAX_SIDE = 3000;
const JPEG_QUALITY = 0.85;
const DECODE_TIMEOUT_MS = 15_000;

export type PreparedFile = { readonly name: string; readonly data: Blob };

type Drawable = { readonly source: CanvasImageSource; readonly width: number; readonly height: number; readonly release: () => void };

async function decode(file: Blob): Promise<Drawable | null> {
  try {
    if (typeof createImageBitmap === 'function') {
      // Honours the photo's EXIF orientation, so a receipt shot upright stays upright.
      const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
      return { source: bitmap, width: bitmap.width, height: bitmap.height, release: () => bitmap.close() };
    }
    if (typeof URL.createObjectURL !== 'function') return null;
    const url = URL.createObjectURL(file);
    const img = await new Promise<HTMLImageElement | null>((resolve) => {
      const el = new Image();
      const timer = setTimeout(() => resolve(null), DECODE_TIMEOUT_MS);
      el.onload = () => (clearTimeout(timer), resolve(el));
      el.onerror = () => (clearTimeout(timer), resolve(null));
      el.src = url;
    });
    URL.revokeObjectURL(url);
    return img ? { source: img, width: img.naturalWidth, height: img.naturalHeight, release: () => undefined } : null;
  } catch {
    return null;
  }
}

const jpegName = (name: string): string => `${name.replace(/\.[^./\\]{1,5}$/, '') || '附件'}.jpg`;

/** A smaller JPEG of a large photo, or null when it cannot be made (not decodable here, no canvas) or is no smaller. */
export async function downscalePhoto(file: Blob): Promise<Blob | null> {
  const image = await decode(file);
  if (!image) return null;
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(image.width, image.height, 1));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(image.width * scale));
    canvas.height = Math.max(1, Math.round(image.height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.fillStyle = '#fff'; // a transparent PNG becomes white, not black, as JPEG
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(image.source, 0, 0, canvas.width, canvas.height);
    const out = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
    return out && out.size > 0 && out.size < file.size ? out : null;
  } catch {
    return null;
  } finally {
    image.release();
  }
}

/** The file to store: a large photo scaled down when that works, else the file as chosen. */
export async function prepareFile(file: File): Promise<PreparedFile> {
  const name = file.name.trim().slice(0, 200) || '附件';
  if (file.size > DOWNSCALE_ABOVE_BYTES && /^image\/(jpeg|png|webp)$/.test(file.type)) {
    const smaller = await downscalePhoto(file);
    if (smaller) return { name: jpegName(name).slice(0, 200), data: smaller };
  }
  return { name, data: file };
}
