import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render } from '@testing-library/react';
import { useState, type ReactNode } from 'react';

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
// The app's shell as far as the first screen sees it: it reports its paint, and holds the screen while `holding`.
const shellOf = (m: Awaited<ReturnType<typeof load>>) =>
  function Shell({ children, holding = false }: { children?: ReactNode; holding?: boolean }) {
    m.useShellPainted();
    m.useFirstScreenHold(!holding);
    return <>{children}</>;
  };
/**
 * A fresh first screen waiting at most `maxWaitMs`, with the shell rendered (holding it when `holding`): whether the
 * wait is over, once the shell had its frames.
 */
const paintShell = async (maxWaitMs: number, holding = false) => {
  const m = await load();
  const Shell = shellOf(m);
  const done = settled(m.afterFirstScreen(maxWaitMs));
  render(<Shell holding={holding} />);
  await frames();
  return done;
};

describe('the first screen', () => {
  it('is painted once the shell has been, and a screen still loading its figures holds it until they are in', async () => {
    const m = await load();
    const Shell = shellOf(m);
    const done = settled(m.afterFirstScreen(60_000));
    let setReady: (v: boolean) => void = () => undefined;
    function Cards() {
      const [ready, set] = useState(false);
      setReady = set;
      m.useFirstScreenHold(ready);
      return null;
    }
    render(
      <Shell>
        <Cards />
      </Shell>,
    );
    await frames();
    expect(done()).toBe(false);
    act(() => setReady(true));
    await frames();
    expect(done()).toBe(true);
  });

  it('is painted with the shell when no screen holds it', async () => {
    const done = await paintShell(60_000);
    expect(done()).toBe(true);
  });

  it('waits no longer than its limit for a screen that never finishes loading', async () => {
    const done = await paintShell(200, true);
    expect(done()).toBe(false);
    await act(() => new Promise((r) => setTimeout(r, 250)));
    expect(done()).toBe(true);
  });
});

describe('the first screen of a hidden page', () => {
  it('does not wait for frames a hidden page never gets', async () => {
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    const raf = vi.spyOn(globalThis, 'requestAnimationFrame').mockImplementation(() => 0);
    try {
      const done = await paintShell(60_000);
      expect(done()).toBe(true);
      expect(raf).not.toHaveBeenCalled();
    } finally {
      visibility.mockRestore();
      raf.mockRestore();
    }
  });
});
