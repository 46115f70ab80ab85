// Column mappings remembered per file layout (the normalised header row), on this PC: the next list saved from the
// same template opens with the user's corrections already applied.
import { sanitiseMapping, type ImportMapping } from '../../../../shared/domain/tasks/import-mapping';

export const MAPPINGS_KEY = 'linli:tasks:import-mappings';
/** Layouts kept; the oldest is dropped beyond this. */
const MAX_LAYOUTS = 30;

type Stored = Record<string, { mapping: ImportMapping; at: number }>;

function readAll(): Stored {
  try {
    const raw = localStorage.getItem(MAPPINGS_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Stored) : {};
  } catch {
    return {}; // storage blocked or a damaged entry: start from the detected mapping
  }
}

/** The remembered mapping of this layout, checked against its column count; null when none. */
export function loadMapping(layout: string, columnCount: number): ImportMapping | null {
  if (layout === '') return null;
  const entry = readAll()[layout];
  return entry ? sanitiseMapping(entry.mapping, columnCount) : null;
}

export function saveMapping(layout: string, mapping: ImportMapping, now = Date.now()): void {
  if (layout === '') return;
  const all = readAll();
  all[layout] = { mapping, at: now };
  const keys = Object.keys(all).sort((a, b) => (all[b]?.at ?? 0) - (all[a]?.at ?? 0));
  for (const k of keys.slice(MAX_LAYOUTS)) delete all[k];
  try {
    localStorage.setItem(MAPPINGS_KEY, JSON.stringify(all));
  } catch {
    // storage full or blocked: the mapping is simply not remembered
  }
}
