// A faulty office network between one PC and the sync server: an HTTP (and Server-Sent-Events) proxy with a seeded
// schedule of faults. Every request is delayed; some connections are cut before the request reaches the server,
// some after the server answered (it committed, the PC never hears of it), some in the middle of the answer; every
// few seconds in-flight connections (long-lived SSE streams included) are cut; now and then the PC goes offline for
// a few seconds (every connection refused or destroyed). While the server is down, the proxy answers like a
// reverse proxy would (502) or drops the connection. heal() switches every fault off for the end of a run.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createRng, deriveSeed } from './rng';

export type FaultProxyOptions = {
  seed: number;
  /** The server's port (the server restarts on the same port). */
  targetPort: number;
  /** Delay added to every request, ms. */
  latencyMs?: [number, number];
  /** Per request: cut before forwarding, after the server answered, in the middle of the answer. */
  cutBefore?: number;
  cutAfterAnswer?: number;
  cutMidAnswer?: number;
  /** Every so often, cut in-flight connections (each with probability 1/2). */
  cutEveryMs?: [number, number];
  /** Online stretch between two offline windows, and the length of an offline window. */
  onlineMs?: [number, number];
  offlineMs?: [number, number];
  /**
   * Share of offline windows that are black holes instead (default 0): the connection state is lost without a
   * reset — open connections, in-flight requests and SSE streams go silent for good, and connections opened during
   * the window are accepted and never answered. Only a client-side timeout gets a PC out of it.
   */
  blackholeShare?: number;
  log?: (line: string) => void;
};

export type FaultStats = {
  requests: number;
  streams: number;
  latencyMsTotal: number;
  cutBefore: number;
  /** The server answered (and committed), the PC lost the answer. */
  cutAfterAnswer: number;
  cutMidAnswer: number;
  /** In-flight requests cut by the periodic cutter. */
  cutInFlight: number;
  /** Long-lived SSE streams cut (by the cutter or an offline window). */
  streamCuts: number;
  offlineWindows: number;
  offlineMsTotal: number;
  /** Requests dropped because they arrived or were waiting while offline (new connections are refused by the OS). */
  refused: number;
  /** Answers while the server was down: 502 from the proxy, or a dropped connection. */
  upstreamDown502: number;
  upstreamDownDropped: number;
  /** Black-hole windows, requests frozen in flight by one, and requests sent on a dead connection (never answered). */
  blackholeWindows: number;
  frozen: number;
  stalled: number;
};

export type FaultProxy = {
  url: string;
  port: number;
  stats: FaultStats;
  /** Faults on (after startFaults, until heal) or off. */
  faulty: () => boolean;
  /** Switch the faults on (the proxy starts as a clean network, for the PCs to log in). */
  startFaults: () => void;
  /** Switch every fault off: no latency, no cuts, online. In-flight connections are left alone. */
  heal: () => void;
  close: () => Promise<void>;
};

export const emptyFaultStats = (): FaultStats => ({
  requests: 0,
  streams: 0,
  latencyMsTotal: 0,
  cutBefore: 0,
  cutAfterAnswer: 0,
  cutMidAnswer: 0,
  cutInFlight: 0,
  streamCuts: 0,
  offlineWindows: 0,
  offlineMsTotal: 0,
  refused: 0,
  upstreamDown502: 0,
  upstreamDownDropped: 0,
  blackholeWindows: 0,
  frozen: 0,
  stalled: 0,
});

type Exchange = { req: IncomingMessage; res: ServerResponse; stream: boolean; frozen: boolean; destroy: () => void; freeze: () => void };

const readAll = (stream: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const o = {
    latencyMs: [50, 300] as [number, number],
    cutBefore: 0.02,
    cutAfterAnswer: 0.05,
    cutMidAnswer: 0.02,
    cutEveryMs: [2000, 6000] as [number, number],
    onlineMs: [8000, 25000] as [number, number],
    offlineMs: [2000, 12000] as [number, number],
    blackholeShare: 0,
    ...options,
  };
  const log = o.log ?? (() => undefined);
  // Separate streams: the timers' schedule does not depend on how many requests happened to arrive.
  const requestRng = createRng(deriveSeed(o.seed, 'requests'));
  const cutterRng = createRng(deriveSeed(o.seed, 'cutter'));
  const offlineRng = createRng(deriveSeed(o.seed, 'offline'));
  const holeRng = createRng(deriveSeed(o.seed, 'blackhole'));

  const stats = emptyFaultStats();
  let faulty = false;
  let offline = false;
  let blackhole = false;
  /** Connections whose state a black hole lost: whatever is sent on them is never answered. */
  const dead = new WeakSet<Socket>();
  let closed = false;
  const sockets = new Set<Socket>();
  const inFlight = new Set<Exchange>();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = req.url ?? '/';
    const stream = path.includes('/sync/stream') || String(req.headers.accept ?? '').includes('text/event-stream');
    if (offline) {
      stats.refused++;
      req.socket.destroy();
      return;
    }
    stats.requests++;
    if (stream) stats.streams++;
    if (dead.has(req.socket)) {
      stats.stalled++;
      log(`stalled on a dead connection: ${req.method} ${path}`);
      return;
    }
    // Decide this request's fate on arrival, from the seeded stream.
    const r = requestRng.next();
    const latency = requestRng.int(o.latencyMs[0], o.latencyMs[1]);
    const fate = !faulty || stream ? 'pass' : r < o.cutBefore ? 'before' : r < o.cutBefore + o.cutAfterAnswer ? 'after' : r < o.cutBefore + o.cutAfterAnswer + o.cutMidAnswer ? 'mid' : 'pass';
    const downAnswer = requestRng.chance(0.5) ? '502' : 'drop';

    const body = await readAll(req);
    if (faulty) {
      stats.latencyMsTotal += latency;
      await sleep(latency);
    }
    if (offline) {
      stats.refused++;
      req.socket.destroy();
      return;
    }
    if (req.socket.destroyed) return;
    if (dead.has(req.socket)) {
      stats.stalled++;
      log(`stalled on a dead connection: ${req.method} ${path}`);
      return;
    }
    if (fate === 'before') {
      stats.cutBefore++;
      log(`cut before forwarding ${req.method} ${path}`);
      req.socket.destroy();
      return;
    }
    // No connection reuse towards the server: it may be killed and restarted on the same port at any moment.
    const up = request({ host: '127.0.0.1', port: o.targetPort, method: req.method, path, headers: req.headers, agent: false });
    let answer: IncomingMessage | undefined;
    const exchange: Exchange = {
      req,
      res,
      stream,
      frozen: false,
      destroy: () => {
        up.destroy();
        req.socket.destroy();
      },
      freeze: () => {
        exchange.frozen = true;
        answer?.unpipe(res);
        up.destroy();
      },
    };
    inFlight.add(exchange);
    const done = () => inFlight.delete(exchange);
    res.on('close', () => {
      done();
      up.destroy();
    });
    up.on('error', () => {
      done();
      if (exchange.frozen) return;
      if (res.headersSent || req.socket.destroyed) {
        req.socket.destroy();
        return;
      }
      // The server is down (killed, restarting) or the connection to it broke.
      if (downAnswer === '502') {
        stats.upstreamDown502++;
        res.writeHead(502, { 'Content-Type': 'text/html', Connection: 'close' });
        res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      } else {
        stats.upstreamDownDropped++;
        req.socket.destroy();
      }
    });
    up.on('response', (upRes) => {
      answer = upRes;
      if (fate === 'after') {
        void readAll(upRes)
          .then(() => {
            if (exchange.frozen) return;
            stats.cutAfterAnswer++;
            log(`cut after the answer ${upRes.statusCode} to ${req.method} ${path}`);
            done();
            req.socket.destroy();
          })
          .catch(() => {
            if (!exchange.frozen) req.socket.destroy();
          });
        return;
      }
      if (fate === 'mid') {
        void readAll(upRes)
          .then((answer) => {
            if (exchange.frozen) return;
            stats.cutMidAnswer++;
            log(`cut in the middle of the answer ${upRes.statusCode} to ${req.method} ${path}`);
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            res.write(answer.subarray(0, Math.floor(answer.length / 2)));
            done();
            // Let the half answer leave before the connection dies.
            setTimeout(() => req.socket.destroy(), 5);
          })
          .catch(() => {
            if (!exchange.frozen) req.socket.destroy();
          });
        return;
      }
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      if (stream) res.flushHeaders();
      upRes.pipe(res);
      // A server that dies mid-answer (or mid-stream) must look dead to the PC too.
      upRes.on('close', () => {
        if (!upRes.complete && !exchange.frozen) req.socket.destroy();
      });
    });
    up.end(body);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  server.on('connection', (socket) => {
    if (offline) {
      stats.refused++;
      socket.destroy();
      return;
    }
    sockets.add(socket);
    if (blackhole) dead.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_e, socket) => socket.destroy());

  // Every few seconds: cut in-flight connections, each with probability 1/2 (SSE streams included).
  const cutter = () => {
    if (!faulty || closed) return;
    for (const x of [...inFlight]) {
      if (!cutterRng.chance(0.5)) continue;
      if (x.stream) stats.streamCuts++;
      else stats.cutInFlight++;
      log(`cut in flight ${x.req.method} ${x.req.url ?? ''}`);
      inFlight.delete(x);
      x.destroy();
    }
    later(cutterRng.int(o.cutEveryMs[0], o.cutEveryMs[1]), cutter);
  };
  // Offline windows: every connection destroyed, new ones refused. The listener is closed for the window, so that a
  // connection attempt fails at once with ECONNREFUSED, as on a PC whose network is gone. (Accepting and resetting
  // instead makes Node's fetch hang forever now and then — an undici quirk, not something a browser does.)
  let listening = false;
  const listen = (p: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      server.once('error', onError);
      server.listen(p, '127.0.0.1', () => {
        server.off('error', onError);
        listening = true;
        resolve();
      });
    });
  const unlisten = () => {
    if (!listening) return;
    listening = false;
    server.close();
  };
  let reopening: Promise<void> | null = null;
  const backOnline = (): Promise<void> =>
    (reopening ??= (async () => {
      for (let attempt = 0; attempt < 200 && !closed && !listening; attempt++) {
        try {
          await listen(port);
          offline = false;
          log('online again');
          return;
        } catch (e) {
          log(`cannot listen on ${port} again (${String(e)}), retrying`);
          await sleep(50);
        }
      }
    })().finally(() => (reopening = null)));
  const goOffline = () => {
    if (!faulty || closed) return;
    const ms = offlineRng.int(o.offlineMs[0], o.offlineMs[1]);
    if (holeRng.chance(o.blackholeShare)) {
      // The network vanishes without a reset: everything open goes silent for good.
      blackhole = true;
      stats.blackholeWindows++;
      log(`black hole for ${ms} ms`);
      for (const sock of sockets) dead.add(sock);
      for (const x of inFlight) {
        stats.frozen++;
        x.freeze();
      }
      inFlight.clear();
      later(ms, () => {
        blackhole = false;
        log('black hole over (its connections stay dead)');
        if (faulty && !closed) later(offlineRng.int(o.onlineMs[0], o.onlineMs[1]), goOffline);
      });
      return;
    }
    offline = true;
    stats.offlineWindows++;
    stats.offlineMsTotal += ms;
    log(`offline for ${ms} ms`);
    for (const x of inFlight) if (x.stream) stats.streamCuts++;
    inFlight.clear();
    unlisten();
    for (const s of sockets) s.destroy();
    later(ms, () => {
      void backOnline().then(() => {
        if (faulty && !closed) later(offlineRng.int(o.onlineMs[0], o.onlineMs[1]), goOffline);
      });
    });
  };

  await listen(0);
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats,
    faulty: () => faulty,
    startFaults: () => {
      if (faulty || closed) return;
      faulty = true;
      log('faults on');
      later(cutterRng.int(o.cutEveryMs[0], o.cutEveryMs[1]), cutter);
      later(offlineRng.int(o.onlineMs[0], o.onlineMs[1]), goOffline);
    },
    heal: () => {
      faulty = false;
      blackhole = false;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      if (offline) void backOnline();
      log('healed');
    },
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        faulty = false;
        for (const t of timers) clearTimeout(t);
        timers.clear();
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
        if (listening) {
          listening = false;
          server.close(() => resolve());
        } else resolve();
      }),
  };
}
