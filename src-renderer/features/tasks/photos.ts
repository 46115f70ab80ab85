// Photos of a progress entry are kept small (task_updates syncs to every PC): scaled to at most 1280 px on the long
// side and re-encoded as JPEG, lowering the quality until the data URL fits PHOTO_DATA_URL_MAX (400 kB).
import { PHOTO_DATA_URL_MAX } from '../../../shared/schema';

export const MAX_PHOTOS = 3;
export const MAX_PHOTO_SIDE = 1280;

export type Photo = { id: string; name: string; dataUrl: string };

function loadImage(file: Blob): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => {
      URL.revokeObjectURL(url);
      resolve(img);
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('not an image'));
    };
    img.src = url;
  });
}

/** A photo file as a small JPEG data URL; null when it cannot be read as an image or made small enough. */
export async function resizePhoto(file: File): Promise<Photo | null> {
  let img: HTMLImageElement;
  try {
    img = await loadImage(file);
  } catch {
    return null;
  }
  let side = MAX_PHOTO_SIDE;
  // Fewer pixels once the quality steps are used up: a photo is never refused just for being detailed.
  for (let attempt = 0; attempt < 4; attempt++, side = Math.round(side * 0.75)) {
    const scale = Math.min(1, side / Math.max(img.naturalWidth, img.naturalHeight, 1));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.fillStyle = '#fff'; // a transparent PNG becomes white, not black, as JPEG
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    for (const quality of [0.85, 0.75, 0.65, 0.5]) {
      const dataUrl = canvas.toDataURL('image/jpeg', quality);
      if (dataUrl.startsWith('data:image/jpeg;base64,') && dataUrl.length <= PHOTO_DATA_URL_MAX)
        return { id: crypto.randomUUID(), name: file.name.slice(0, 200), dataUrl };
    }
  }
  return null;
}
