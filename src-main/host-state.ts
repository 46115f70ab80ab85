// state:get and state:set: what the renderer keeps outside IndexedDB (issue #15, "Storage loss"), in main's own small
// JSON file under the user's data folder. A wiped browser profile (IndexedDB and localStorage together) leaves this
// file, so the app can tell "this PC held the compound's data" from "a new PC".
import { app } from 'electron';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BridgeArgs, BridgeResult } from '../shared/bridge';
import { hostStateOf, type HostState } from '../shared/domain/storage';
import { ok } from '../shared/result';

export const HOST_STATE_FILE = 'linli-state.json';

export const hostStatePath = (): string => path.join(app.getPath('userData'), HOST_STATE_FILE);

/** The saved state; a missing or malformed file reads as empty (a broken file must not stop the app). */
export async function readHostState(): Promise<HostState> {
  let text: string;
  try {
    text = await readFile(hostStatePath(), 'utf8');
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'ENOENT') console.warn('[state] reading the state file failed', e);
    return hostStateOf(null);
  }
  try {
    return hostStateOf(JSON.parse(text));
  } catch {
    console.warn('[state] the state file is not JSON; read as empty');
    return hostStateOf(null);
  }
}

// One write at a time: two quick state:set calls must not interleave their temp files and renames.
let writing: Promise<unknown> = Promise.resolve();

/** Writes through a temp file and a rename, so a crash or full disk never leaves half a file. */
async function writeHostState(state: HostState): Promise<void> {
  const file = hostStatePath();
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`, 'utf8');
  await rename(tmp, file);
}

export async function getHostState(_a: BridgeArgs<'state:get'>): BridgeResult<HostState> {
  return ok(await readHostState());
}

/** Merges the given keys into the saved state and answers the whole state as saved. */
export function setHostState(a: BridgeArgs<'state:set'>): BridgeResult<HostState> {
  const next = writing.then(async () => {
    const merged: HostState = { ...(await readHostState()), ...a };
    await writeHostState(merged);
    return ok(merged);
  });
  writing = next.catch(() => undefined);
  return next;
}
