// The first screen before background work (issue #14: the app opened with 60,000 documents stored, first screen
// usable within 1.5 s). At start the sync index reads what changed since its saved copy, saves it again and the
// engine compares digests of every collection: together about a second of the page's time with a year of vouchers,
// all of it competing with the screen's own queries. That work waits until the first screen is painted: the shell
// once it has painted, and a screen that still loads its figures (工作台's task cards) holds it until they are in.
// A screen that never releases its hold (an error, a slow disk) only delays sync by FIRST_SCREEN_MAX_WAIT_MS.
import { useEffect } from 'react';

export const FIRST_SCREEN_MAX_WAIT_MS = 3000;

let holds = 0;
let shellPainted = false;
let release: () => void = () => undefined;
const painted = new Promise<void>((resolve) => (release = resolve));

const afterPaint = (fn: () => void) => {
  // The frame after the next one: what was committed has been painted by then. A hidden page paints nothing (and
  // gets no frames): there is no screen to wait for.
  const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
  if (typeof requestAnimationFrame === 'function' && !hidden) requestAnimationFrame(() => setTimeout(fn, 0));
  else setTimeout(fn, 0);
};

const settle = () => {
  // Checked again after the paint: a screen mounted meanwhile may hold it.
  if (shellPainted && holds === 0) afterPaint(() => holds === 0 && release());
};

/** Resolves once the first screen is painted, or after `maxWaitMs`, whichever comes first. */
export function afterFirstScreen(maxWaitMs: number = FIRST_SCREEN_MAX_WAIT_MS): Promise<void> {
  return Promise.race([painted, new Promise<void>((resolve) => setTimeout(resolve, maxWaitMs))]);
}

/** The shell has rendered its first screen. */
export function useShellPainted(): void {
  useEffect(() => {
    shellPainted = true;
    settle();
  }, []);
}

/** Holds the first screen until `ready` (a screen whose figures are still loading when the shell is painted). */
export function useFirstScreenHold(ready: boolean): void {
  useEffect(() => {
    if (ready) return undefined;
    holds++;
    return () => {
      holds--;
      settle();
    };
  }, [ready]);
}
