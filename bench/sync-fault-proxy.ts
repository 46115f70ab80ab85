// A TCP proxy for the sync bench: adds latency in both directions and drops connections at random, the way a
// committee office's mobile hotspot does.
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export type FaultProxyOptions = {
  target: { host: string; port: number };
  /** Added to every chunk in each direction. */
  latencyMs: number;
  /**
   * Every connection is cut after a random lifetime, uniform in [0, 2 × meanLifetimeMs]: keep-alive connections
   * and event streams included, so that requests in flight fail the way they do on a flaky network.
   */
  meanLifetimeMs: number;
  random: () => number;
};

export type FaultProxy = { url: string; drops(): number; close(): Promise<void> };

export async function startFaultProxy(opts: FaultProxyOptions): Promise<FaultProxy> {
  const sockets = new Set<net.Socket>();
  let drops = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(opts.target.port, opts.target.host);
    sockets.add(client);
    sockets.add(upstream);
    const relay = (from: net.Socket, to: net.Socket): void => {
      from.on('data', (chunk) => {
        setTimeout(() => {
          if (!to.destroyed) to.write(chunk);
        }, opts.latencyMs);
      });
      from.on('end', () => setTimeout(() => to.end(), opts.latencyMs));
    };
    relay(client, upstream);
    relay(upstream, client);
    const kill = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', kill);
    upstream.on('error', kill);
    client.on('close', kill);
    upstream.on('close', kill);
    const t = setTimeout(
      () => {
        if (!client.destroyed) drops++;
        kill();
      },
      opts.random() * 2 * opts.meanLifetimeMs,
    );
    client.on('close', () => clearTimeout(t));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    drops: () => drops,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
