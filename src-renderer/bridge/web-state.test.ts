import { afterEach, describe, expect, it } from 'vitest';
import type { HeldDataMarker } from '../../shared/domain/storage';
import { MemoryStorage } from '../testing/memory-storage';
import { webBridge } from './web';
import { HOST_STATE_KEY, getWebHostState, setWebHostState } from './web-state';

const marker: HeldDataMarker = { version: 1, compoundCode: 'JINSHAN', at: '2026-11-28T09:00:00.000Z', docCount: 40, dbName: 'linli', via: 'backup' };

afterEach(() => localStorage.clear());

describe('web bridge: state:get / state:set (localStorage)', () => {
  it('a first start has no marker; a set one is read back, from localStorage', async () => {
    expect(await webBridge['state:get']({})).toEqual({ ok: true, value: { heldData: null } });
    expect(await webBridge['state:set']({ heldData: marker })).toEqual({ ok: true, value: { heldData: marker } });
    expect(JSON.parse(localStorage.getItem(HOST_STATE_KEY) ?? 'null')).toEqual({ heldData: marker });
    expect(await webBridge['state:get']({})).toEqual({ ok: true, value: { heldData: marker } });
  });

  it('null clears it; an empty patch keeps it', async () => {
    await webBridge['state:set']({ heldData: marker });
    expect(await webBridge['state:set']({})).toEqual({ ok: true, value: { heldData: marker } });
    expect(await webBridge['state:set']({ heldData: null })).toEqual({ ok: true, value: { heldData: null } });
    expect(await webBridge['state:get']({})).toEqual({ ok: true, value: { heldData: null } });
  });

  it('refuses a malformed marker or an unknown key like main does (INVALID_ARGS), keeping the saved one', async () => {
    const storage = new MemoryStorage();
    await setWebHostState({ heldData: marker }, storage);
    expect(await setWebHostState({ heldData: { ...marker, docCount: -1 } }, storage)).toEqual({ ok: false, error: { code: 'INVALID_ARGS' } });
    expect(await setWebHostState({ other: 1 } as never, storage)).toEqual({ ok: false, error: { code: 'INVALID_ARGS' } });
    expect(await getWebHostState(storage)).toEqual({ ok: true, value: { heldData: marker } });
  });

  it('a damaged saved value reads as no marker', async () => {
    const storage = new MemoryStorage();
    storage.setItem(HOST_STATE_KEY, '{oops');
    expect(await getWebHostState(storage)).toEqual({ ok: true, value: { heldData: null } });
    storage.setItem(HOST_STATE_KEY, JSON.stringify({ heldData: { ...marker, version: 7 } }));
    expect(await getWebHostState(storage)).toEqual({ ok: true, value: { heldData: null } });
  });

  it('a full localStorage is an IO error value, not a throw', async () => {
    const storage = new MemoryStorage();
    storage.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    expect(await setWebHostState({ heldData: marker }, storage)).toEqual({ ok: false, error: { code: 'IO', message: 'full' } });
  });
});
