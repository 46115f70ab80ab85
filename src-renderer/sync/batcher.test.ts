import { describe, expect, it } from 'vitest';
import { BATCH_BUDGET_BYTES, BATCH_FIRST_BUDGET_BYTES as FIRST, type BatchRequest, type BatchResponse, type DigestResponse, type PullResponse } from '../../shared/sync/protocol';
import type { Result } from '../../shared/result';
import type { SyncError } from './api-client';
import { createBatcher, PULL_BATCH } from './batcher';

const digestOf = (n: number): DigestResponse => ({ count: n, hash: `h${n}`, maxSeq: n });

/** A fake server: answers each collection from `seq` with one document and the given `more`. */
function fakeApi(options: { fail?: SyncError; legacy?: boolean } = {}) {
  const requests: BatchRequest[] = [];
  const legacyCalls: string[] = [];
  const api = {
    async batch(body: BatchRequest): Promise<Result<BatchResponse, SyncError>> {
      requests.push(body);
      if (options.legacy) return { ok: false, error: { code: 'NOT_FOUND', status: 404 } };
      if (options.fail) return { ok: false, error: options.fail };
      const pulls: BatchResponse['pulls'] = {};
      for (const [c, seq] of Object.entries(body.pull ?? {})) {
        pulls[c as keyof typeof pulls] = { documents: [{ id: `${c}-${seq + 1}`, _deleted: false, sync: { seq: seq + 1 } } as never], checkpoint: { seq: seq + 1 }, more: seq < 1 };
      }
      const digests: BatchResponse['digests'] = {};
      for (const c of body.digest ?? []) digests[c] = digestOf(7);
      return { ok: true, value: { pulls, digests } };
    },
    async pull(collection: string, seq: number): Promise<Result<PullResponse, SyncError>> {
      legacyCalls.push(`pull ${collection} ${seq}`);
      return { ok: true, value: { documents: Array.from({ length: seq === 0 ? PULL_BATCH : 3 }, () => ({}) as never), checkpoint: { seq: seq + 1 } } };
    },
    async digest(collection: string): Promise<Result<DigestResponse, SyncError>> {
      legacyCalls.push(`digest ${collection}`);
      return { ok: true, value: digestOf(3) };
    },
  };
  return { api, requests, legacyCalls };
}

describe('the sync batcher', () => {
  it('carries the pulls and digests asked in one tick in one exchange, and each lane gets its own part', async () => {
    const { api, requests } = fakeApi();
    const b = createBatcher(api);
    const [tasks, meetings, roster] = await Promise.all([b.pull('tasks', 0, false), b.pull('meetings', 4, true), b.digest('roster')]);
    expect(requests).toEqual([{ pull: { tasks: 0, meetings: 4 }, digest: ['roster', 'meetings'], budget: FIRST }]);
    expect(tasks).toMatchObject({ checkpoint: { seq: 1 }, more: true });
    expect(tasks.digest).toBeUndefined();
    expect(meetings).toMatchObject({ checkpoint: { seq: 5 }, more: false, digest: digestOf(7) });
    expect(roster).toEqual(digestOf(7));
    expect(b.exchanges()).toBe(1);
  });

  it('asks while an exchange is in flight go together in the next one', async () => {
    const { api, requests } = fakeApi();
    const b = createBatcher(api);
    const first = b.pull('tasks', 0, false);
    await new Promise((r) => setTimeout(r, 0)); // the first exchange has left
    const later = [b.pull('meetings', 0, false), b.pull('roster', 0, false), b.digest('tasks')];
    await Promise.all([first, ...later]);
    // The first answer had more (tasks): the next exchange may carry four times as much.
    expect(requests).toEqual([{ pull: { tasks: 0 }, budget: FIRST }, { pull: { meetings: 0, roster: 0 }, digest: ['tasks'], budget: 4 * FIRST }]);
  });

  it("sends the next pages asked on reading an answer at once, not behind timers (the lanes' writes fill the timer queue)", async () => {
    const { api, requests } = fakeApi();
    const b = createBatcher(api);
    // As a lane does: on reading its part, it asks for the next page before writing this one.
    const next: Promise<unknown>[] = [];
    const lane = (c: 'tasks' | 'meetings') =>
      b.pull(c, 0, false).then((part) => {
        if (part.more) next.push(b.pull(c, part.checkpoint.seq, c === 'meetings'));
      });
    await Promise.all([lane('tasks'), lane('meetings')]);
    // Only microtasks have run since the answer: the next exchange has already left.
    expect(requests).toEqual([
      { pull: { tasks: 0, meetings: 0 }, budget: FIRST },
      { pull: { tasks: 1, meetings: 1 }, digest: ['meetings'], budget: 4 * FIRST },
    ]);
    await Promise.all(next);
    expect(b.exchanges()).toBe(2);
  });

  it("a catch-up's pages grow fourfold while the server has more, up to its budget, and start small again once caught up", async () => {
    // A server holding 12 versions of tasks: every answer brings one.
    const requests: BatchRequest[] = [];
    const b = createBatcher({
      async batch(body) {
        requests.push(body);
        const seq = body.pull?.tasks;
        const pulls: BatchResponse['pulls'] = seq === undefined ? {} : { tasks: { documents: [], checkpoint: { seq: seq + 1 }, more: seq + 1 < 12 } };
        return { ok: true, value: { pulls, digests: Object.fromEntries((body.digest ?? []).map((c) => [c, digestOf(1)])) } };
      },
      pull: () => Promise.reject(new Error('not used')),
      digest: () => Promise.reject(new Error('not used')),
    });
    let seq = 0;
    for (let more = true; more; ) {
      const part = await b.pull('tasks', seq, false);
      seq = part.checkpoint.seq;
      more = part.more;
    }
    await b.pull('tasks', seq, false);
    const budgets = requests.map((r) => r.budget);
    expect(budgets.slice(0, 4)).toEqual([FIRST, 4 * FIRST, 16 * FIRST, BATCH_BUDGET_BYTES]);
    expect(budgets[11]).toBe(BATCH_BUDGET_BYTES);
    // Caught up after the twelfth: a new change is pulled in a small page again.
    expect(budgets[12]).toBe(FIRST);
    // A digest alone carries no budget.
    await b.digest('roster');
    expect(requests.at(-1)).toEqual({ digest: ['roster'] });
  });

  it('a failed exchange fails every lane in it with the error, and the next asks go out anew', async () => {
    const { api, requests } = fakeApi({ fail: { code: 'NETWORK' } });
    const b = createBatcher(api);
    const results = await Promise.allSettled([b.pull('tasks', 0, false), b.digest('roster')]);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as { error: SyncError }).error.code : 'ok'))).toEqual(['NETWORK', 'NETWORK']);
    await expect(b.pull('tasks', 0, false)).rejects.toMatchObject({ error: { code: 'NETWORK' } });
    expect(requests).toHaveLength(2);
  });

  it('a server without the batch endpoint is asked per collection from then on', async () => {
    const { api, requests, legacyCalls } = fakeApi({ legacy: true });
    const b = createBatcher(api);
    const [tasks, roster] = await Promise.all([b.pull('tasks', 0, true), b.digest('roster')]);
    expect(tasks.more).toBe(true);
    expect(tasks.digest).toBeUndefined();
    expect(roster).toEqual(digestOf(3));
    expect((await b.pull('tasks', 1, false)).more).toBe(false);
    expect(requests).toHaveLength(1);
    expect(legacyCalls).toEqual(['pull tasks 0', 'digest roster', 'pull tasks 1']);
  });
});
