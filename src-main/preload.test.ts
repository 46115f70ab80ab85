import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE_GLOBAL, CHANNEL_NAMES } from '../shared/bridge';
import { contextBridge, ipcRenderer } from '../tests/unit/fakes/electron';

vi.mock('electron', () => import('../tests/unit/fakes/electron'));

let exposed: Record<string, unknown> = {};

beforeAll(async () => {
  await import('./preload');
  const call = contextBridge.exposeInMainWorld.mock.calls[0];
  exposed = (call?.[1] ?? {}) as Record<string, unknown>;
});

describe('preload', () => {
  it('exposes one object, under window.linli', () => {
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    expect(contextBridge.exposeInMainWorld.mock.calls[0]?.[0]).toBe(BRIDGE_GLOBAL);
    expect(BRIDGE_GLOBAL).toBe('linli');
  });

  it('holds exactly the contract channels, each a function', () => {
    expect(Object.keys(exposed).sort()).toEqual([...CHANNEL_NAMES].sort());
    for (const c of CHANNEL_NAMES) expect(exposed[c]).toBeTypeOf('function');
  });

  it.each(CHANNEL_NAMES)('%s invokes its own channel with the one argument', async (channel) => {
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: channel });
    const fn = exposed[channel] as (a: unknown, ...rest: unknown[]) => Promise<unknown>;
    await expect(fn({ x: 1 }, 'ignored extra')).resolves.toEqual({ ok: true, value: channel });
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(channel, { x: 1 });
  });
});
