// Fair scheduling between compounds (issue #9): each compound runs at most `concurrency` sync requests at once and
// queues the rest (first come, first served), so that one compound's burst of large pushes holds at most that many
// database connections and event-loop turns, and another compound's pulls start at once instead of waiting behind
// the whole burst. A full queue refuses more (the caller answers 429 RATE_LIMITED).

export type SchedulerLimits = {
  /** Requests of one tenant running at once (at least 1). */
  concurrency: number;
  /** Requests of one tenant allowed to wait; 0 = no limit. */
  maxQueue: number;
};

export type Slot = { release(): void };

export type AcquireResult = { ok: true; slot: Slot } | { ok: false; reason: 'QUEUE_FULL' | 'ABORTED' };

export type TenantScheduler = {
  /** Waits for a slot of the tenant; `signal` (the client went away) gives up waiting. Release the slot when done. */
  acquire(tenantId: string, signal?: AbortSignal): Promise<AcquireResult>;
  /** Running and waiting requests of a tenant (tests, logs). */
  load(tenantId: string): { running: number; waiting: number };
};

type Waiter = { grant: () => void };
type TenantState = { running: number; queue: Waiter[] };

export function createTenantScheduler(limits: SchedulerLimits): TenantScheduler {
  const concurrency = Math.max(1, limits.concurrency);
  const tenants = new Map<string, TenantState>();

  const release = (tenantId: string, state: TenantState): void => {
    const next = state.queue.shift();
    if (next) {
      next.grant(); // the slot passes on; `running` stays
      return;
    }
    state.running--;
    if (state.running === 0 && tenants.get(tenantId) === state) tenants.delete(tenantId);
  };

  const slotOf = (tenantId: string, state: TenantState): Slot => {
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        release(tenantId, state);
      },
    };
  };

  return {
    acquire(tenantId, signal) {
      if (signal?.aborted) return Promise.resolve({ ok: false, reason: 'ABORTED' });
      let state = tenants.get(tenantId);
      if (!state) {
        state = { running: 0, queue: [] };
        tenants.set(tenantId, state);
      }
      const s = state;
      if (s.running < concurrency) {
        s.running++;
        return Promise.resolve({ ok: true, slot: slotOf(tenantId, s) });
      }
      if (limits.maxQueue > 0 && s.queue.length >= limits.maxQueue) return Promise.resolve({ ok: false, reason: 'QUEUE_FULL' });
      return new Promise<AcquireResult>((resolve) => {
        const onAbort = (): void => {
          const i = s.queue.indexOf(waiter);
          if (i !== -1) s.queue.splice(i, 1);
          resolve({ ok: false, reason: 'ABORTED' });
        };
        const waiter: Waiter = {
          grant: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve({ ok: true, slot: slotOf(tenantId, s) });
          },
        };
        s.queue.push(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    load(tenantId) {
      const s = tenants.get(tenantId);
      return { running: s?.running ?? 0, waiting: s?.queue.length ?? 0 };
    },
  };
}
