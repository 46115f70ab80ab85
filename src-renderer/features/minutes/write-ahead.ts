// The write-ahead store of the minutes editor (issue #8): each keystroke's text, kept synchronously in localStorage
// under the meeting and the field before it is queued for the database, and removed once the database holds it.
// IndexedDB writes are asynchronous: a window closed (or a renderer that crashes) within moments of typing would
// otherwise lose the last characters. localStorage writes are synchronous from the page's point of view and live in
// the browser process, so what was typed before the close is there on the next open, where the editor restores it.
// Everything is best effort: with storage blocked or full the editor still works as before (the database write).

const PREFIX = 'linli.minutes.unsaved.v1:';

/** One field's text as last typed. */
export type WalEntry = { key: string; text: string; at: string };

const storageKey = (meetingId: string, key: string): string => `${PREFIX}${meetingId}:${key}`;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // access denied (storage blocked)
  }
}

/** Keeps the field's text; false when it could not be kept (storage full or blocked). */
export function walPut(meetingId: string, key: string, text: string, at: string): boolean {
  try {
    storage()?.setItem(storageKey(meetingId, key), JSON.stringify({ text, at }));
    return true;
  } catch {
    return false;
  }
}

export function walGet(meetingId: string, key: string): string | null {
  try {
    const raw = storage()?.getItem(storageKey(meetingId, key));
    if (raw === null || raw === undefined) return null;
    const v: unknown = JSON.parse(raw);
    return typeof v === 'object' && v !== null && 'text' in v && typeof v.text === 'string' ? v.text : null;
  } catch {
    return null;
  }
}

export function walDelete(meetingId: string, key: string): void {
  try {
    storage()?.removeItem(storageKey(meetingId, key));
  } catch {
    // nothing to do: the entry is harmless, and compared with the stored text on the next open
  }
}

/** Every field of the meeting with text kept. */
export function walEntries(meetingId: string): WalEntry[] {
  const s = storage();
  if (!s) return [];
  const prefix = `${PREFIX}${meetingId}:`;
  const out: WalEntry[] = [];
  try {
    for (let i = 0; i < s.length; i += 1) {
      const k = s.key(i);
      if (k === null || !k.startsWith(prefix)) continue;
      const v: unknown = JSON.parse(s.getItem(k) ?? 'null');
      if (typeof v === 'object' && v !== null && 'text' in v && typeof v.text === 'string')
        out.push({ key: k.slice(prefix.length), text: v.text, at: 'at' in v && typeof v.at === 'string' ? v.at : '' });
    }
  } catch {
    return out;
  }
  return out;
}

const ELEMENT_LISTS = new Set(['topics', 'resolutions', 'actionItems', 'attendees']);

/** Whether a field key (`topics.<id>.resolutions.<id>.text`, `attendees.<id>.reason`, `title`) names only elements in `ids`. */
export function keyFits(key: string, ids: ReadonlySet<string>): boolean {
  const parts = key.split('.');
  for (let i = 0; i < parts.length - 1; i += 1) {
    const part = parts[i] ?? '';
    if (ELEMENT_LISTS.has(part) && !ids.has(parts[i + 1] ?? '')) return false;
  }
  return true;
}
