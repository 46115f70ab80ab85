// The network between the browser and the sync server for bench/sync-browser.ts: a TCP relay (like
// bench/sync-fault-proxy.ts, which it leaves alone) whose conditions can be changed while it runs, and which counts.
//   - latency: added to every chunk in each direction (150 ms each way = 300 ms round trip), in order: a chunk never
//     overtakes an earlier one, even when the latency is changed in between;
//   - connection setup: a new connection's first bytes wait one extra round trip (the TCP handshake a real link
//     pays; on loopback the browser's connect to the relay itself costs nothing);
//   - drops: with meanLifetimeMs > 0, every connection opened from then on is cut after a random lifetime, uniform in
//     [0, 2 × meanLifetimeMs] (seeded), requests in flight and event streams included;
//   - counting: connections, bytes each way, dropped connections, as the client sees them.
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export type NetConditions = {
  /** Added to every chunk in each direction, ms. */
  latencyMs: number;
  /** 0: no drops. */
  meanLifetimeMs: number;
};

export type ProxyCounts = { connections: number; bytesUp: number; bytesDown: number; drops: number };

export type BenchProxy = {
  url: string;
  origin: string;
  set(conditions: NetConditions): void;
  counts(): ProxyCounts;
  /** Cuts every open connection (not counted as drops). */
  cutAll(): void;
  close(): Promise<void>;
};

export async function startBenchProxy(target: { host: string; port: number }, random: () => number): Promise<BenchProxy> {
  let cond: NetConditions = { latencyMs: 0, meanLifetimeMs: 0 };
  const counts: ProxyCounts = { connections: 0, bytesUp: 0, bytesDown: 0, drops: 0 };
  const pairs = new Set<{ kill(): void }>();

  const server = net.createServer((client) => {
    counts.connections++;
    client.setNoDelay(true);
    const upstream = net.connect(target.port, target.host);
    upstream.setNoDelay(true);
    let dead = false;
    const kill = (): void => {
      if (dead) return;
      dead = true;
      clearTimeout(lifetime);
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    const pair = { kill };
    pairs.add(pair);
    // One in-order delivery queue per direction: each chunk leaves at max(arrival + latency, previous departure).
    const relay = (from: net.Socket, to: net.Socket, up: boolean): void => {
      let nextAt = 0;
      let first = up;
      const later = (fn: () => void): void => {
        const extra = first ? 2 * cond.latencyMs : 0; // the handshake's round trip
        first = false;
        const at = Math.max(performance.now() + cond.latencyMs + extra, nextAt);
        nextAt = at;
        const wait = at - performance.now();
        if (wait <= 0.5) queueMicrotask(fn);
        else setTimeout(fn, wait);
      };
      from.on('data', (chunk: Buffer) => {
        if (up) counts.bytesUp += chunk.length;
        else counts.bytesDown += chunk.length;
        later(() => {
          if (!to.destroyed) to.write(chunk);
        });
      });
      from.on('end', () => later(() => to.end()));
    };
    relay(client, upstream, true);
    relay(upstream, client, false);
    client.on('error', kill);
    upstream.on('error', kill);
    client.on('close', kill);
    upstream.on('close', kill);
    const lifetime =
      cond.meanLifetimeMs > 0
        ? setTimeout(() => {
            if (!dead) counts.drops++;
            kill();
          }, random() * 2 * cond.meanLifetimeMs)
        : undefined;
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/`,
    origin,
    set: (c) => (cond = { ...c }),
    counts: () => ({ ...counts }),
    cutAll: () => {
      for (const p of [...pairs]) p.kill();
    },
    close: () =>
      new Promise((resolve) => {
        for (const p of [...pairs]) p.kill();
        server.close(() => resolve());
      }),
  };
}
