import { describe, expect, it } from 'vitest';
import { createTenantScheduler, type Slot } from './tenant-scheduler';

const held = async (p: Promise<unknown>): Promise<boolean> => {
  let settled = false;
  void p.then(() => (settled = true));
  await new Promise((r) => setTimeout(r, 10));
  return !settled;
};

describe('tenant scheduler', () => {
  it("runs at most `concurrency` of a tenant at once, queues the rest in order, and never makes another tenant wait", async () => {
    const s = createTenantScheduler({ concurrency: 2, maxQueue: 10 });
    const a1 = await s.acquire('A');
    const a2 = await s.acquire('A');
    expect(a1.ok && a2.ok).toBe(true);
    const order: number[] = [];
    const a3 = s.acquire('A').then((r) => (order.push(3), r));
    const a4 = s.acquire('A').then((r) => (order.push(4), r));
    expect(await held(a3)).toBe(true);
    expect(s.load('A')).toEqual({ running: 2, waiting: 2 });
    // B is not behind A's queue.
    const b = await s.acquire('B');
    expect(b.ok).toBe(true);
    if (a1.ok) a1.slot.release();
    const third = await a3;
    expect(order).toEqual([3]);
    if (a2.ok) a2.slot.release();
    await a4;
    expect(order).toEqual([3, 4]);
    expect(s.load('A')).toEqual({ running: 2, waiting: 0 });
    for (const r of [third, await a4, b]) if (r.ok) r.slot.release();
    expect(s.load('A')).toEqual({ running: 0, waiting: 0 });
    expect(s.load('B')).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses beyond the queue, gives up waiting when the client goes away, and ignores a second release', async () => {
    const s = createTenantScheduler({ concurrency: 1, maxQueue: 1 });
    const first = await s.acquire('A');
    const gone = new AbortController();
    const waiting = s.acquire('A', gone.signal);
    expect(await s.acquire('A')).toEqual({ ok: false, reason: 'QUEUE_FULL' });
    gone.abort();
    expect(await waiting).toEqual({ ok: false, reason: 'ABORTED' });
    expect(s.load('A')).toEqual({ running: 1, waiting: 0 });
    const next = s.acquire('A');
    const slot = (first as { ok: true; slot: Slot }).slot;
    slot.release();
    slot.release();
    const got = await next;
    expect(got.ok).toBe(true);
    expect(s.load('A')).toEqual({ running: 1, waiting: 0 });
    if (got.ok) got.slot.release();
    expect(s.load('A')).toEqual({ running: 0, waiting: 0 });
    expect(await s.acquire('A', AbortSignal.abort())).toEqual({ ok: false, reason: 'ABORTED' });
  });
});
