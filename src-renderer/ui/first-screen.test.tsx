import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render } from '@testing-library/react';
import { useState } from 'react';

// The module keeps one first screen per window: a fresh copy for each test.
const load = async () => {
  vi.resetModules();
  return import('./first-screen');
};
afterEach(() => vi.useRealTimers());

const settled = (p: Promise<void>) => {
  let done = false;
  void p.then(() => (done = true));
  return () => done;
};
const frames = () => act(() => new Promise((r) => setTimeout(r, 50)));

describe('the first screen', () => {
  it('is painted once the shell has been, and a screen still loading its figures holds it until they are in', async () => {
    const { afterFirstScreen, useShellPainted, useFirstScreenHold } = await load();
    const done = settled(afterFirstScreen(60_000));
    let setReady: (v: boolean) => void = () => undefined;
    function Cards() {
      const [ready, set] = useState(false);
      setReady = set;
      useFirstScreenHold(ready);
      return null;
    }
    function Shell() {
      useShellPainted();
      return <Cards />;
    }
    render(<Shell />);
    await frames();
    expect(done()).toBe(false);
    act(() => setReady(true));
    await frames();
    expect(done()).toBe(true);
  });

  it('is painted with the shell when no screen holds it', async () => {
    const { afterFirstScreen, useShellPainted } = await load();
    const done = settled(afterFirstScreen(60_000));
    function Shell() {
      useShellPainted();
      return null;
    }
    render(<Shell />);
    await frames();
    expect(done()).toBe(true);
  });

  it('waits no longer than its limit for a screen that never finishes loading', async () => {
    const { afterFirstScreen, useShellPainted, useFirstScreenHold } = await load();
    const done = settled(afterFirstScreen(200));
    function Shell() {
      useShellPainted();
      useFirstScreenHold(false);
      return null;
    }
    render(<Shell />);
    await frames();
    expect(done()).toBe(false);
    await act(() => new Promise((r) => setTimeout(r, 250)));
    expect(done()).toBe(true);
  });
});

describe('the first screen of a hidden page', () => {
  it('does not wait for frames a hidden page never gets', async () => {
    const { afterFirstScreen, useShellPainted } = await load();
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    const raf = vi.spyOn(globalThis, 'requestAnimationFrame').mockImplementation(() => 0);
    try {
      const done = settled(afterFirstScreen(60_000));
      function Shell() {
        useShellPainted();
        return null;
      }
      render(<Shell />);
      await frames();
      expect(done()).toBe(true);
      expect(raf).not.toHaveBeenCalled();
    } finally {
      visibility.mockRestore();
      raf.mockRestore();
    }
  });
});
