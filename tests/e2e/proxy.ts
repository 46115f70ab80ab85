// A small HTTP proxy between the browser and a server process, to lose a response on purpose: the request reaches
// the server (which commits it), and the browser's connection is cut before the answer arrives — the
// "response lost, client retried" case of a flaky office network. Everything else, SSE included, passes through.
import { request, createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type LostResponse = { path: string; requestBody: string; status: number; responseBody: string };

export type Proxy = {
  url: string;
  port: number;
  /** Every request seen (path and body), in order of arrival. */
  requests: { path: string; body: string }[];
  /**
   * The next request that `matches` (path and body) is forwarded; once the server has answered, `afterAnswer` runs
   * (e.g. kill the server) and the browser's connection is destroyed without the answer. Resolves with what was lost.
   */
  loseNextResponse: (matches: (path: string, body: string) => boolean, afterAnswer?: () => Promise<void>) => Promise<LostResponse>;
  close: () => Promise<void>;
};

type Trap = { matches: (path: string, body: string) => boolean; afterAnswer: (() => Promise<void>) | undefined; resolve: (l: LostResponse) => void; reject: (e: unknown) => void };

const readAll = (stream: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });

export async function startProxy(targetPort: number): Promise<Proxy> {
  let trap: Trap | null = null;
  const requests: { path: string; body: string }[] = [];

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      const path = req.url ?? '/';
      requests.push({ path, body: body.toString() });
      const caught = trap && trap.matches(path, body.toString()) ? trap : null;
      if (caught) trap = null;
      // No connection reuse: the server behind may be killed and restarted on the same port.
      const up = request({ host: '127.0.0.1', port: targetPort, method: req.method, path, headers: req.headers, agent: false }, (upRes) => {
        if (caught) {
          void readAll(upRes)
            .then(async (answer) => {
              await caught.afterAnswer?.();
              req.socket.destroy();
              caught.resolve({ path, requestBody: body.toString(), status: upRes.statusCode ?? 0, responseBody: answer.toString() });
            })
            .catch((e: unknown) => {
              req.socket.destroy();
              caught.reject(e);
            });
          return;
        }
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
        // A server that dies mid-stream (SSE) must look dead to the browser too.
        upRes.on('close', () => {
          if (!upRes.complete) res.destroy();
        });
      });
      // The server is down: the browser sees a failed connection, as it would without the proxy.
      up.on('error', () => {
        req.socket.destroy();
        caught?.reject(new Error(`upstream failed for ${path}`));
      });
      res.on('close', () => up.destroy());
      up.end(body);
    })().catch(() => req.socket.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    requests,
    loseNextResponse: (matches, afterAnswer) =>
      new Promise<LostResponse>((resolve, reject) => {
        trap = { matches, afterAnswer, resolve, reject };
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
