// The live stream: Server-Sent Events that poke one tenant's clients to pull (shared/sync/protocol.ts, StreamPoke).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { STREAM_EVENTS, type ApiErrorBody, type StreamPoke, type StreamResync } from '../../shared/sync/protocol';
import type { ChangeFeed } from './change-feed';

/** A client that reads slower than we write gets disconnected (it reconnects and pulls) instead of growing memory. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export type StreamOptions = {
  feed: ChangeFeed;
  tenantId: string;
  heartbeatMs: number;
  /** Milliseconds until the access token expires; the stream then ends with an `expired` event. */
  expiresInMs: number;
  onClose: () => void;
  /**
   * Each collection's highest seq, read after this stream subscribed to the feed (so that nothing committed falls
   * between the two): the first resync then says which collections need a pull. Without it, or if it fails, the
   * resync asks for every collection.
   */
  heads?: () => Promise<StreamResync['heads']>;
};

/** A final event sent before the stream ends (e.g. `expired` with UNAUTHENTICATED when access was revoked). */
export type FinalEvent = { event: string; data: unknown };

export type OpenStream = { end(final?: FinalEvent): void };

export function openStream(req: IncomingMessage, res: ServerResponse, opts: StreamOptions): OpenStream {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    // nginx and similar proxies must not buffer the stream.
    'X-Accel-Buffering': 'no',
  });
  req.socket.setNoDelay(true);
  req.socket.setKeepAlive(true);
  let ended = false;

  const write = (text: string): void => {
    if (ended) return;
    res.write(text);
    if (res.writableLength > MAX_BUFFERED_BYTES) end();
  };
  const event = (name: string, data: unknown): void => write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);

  const unsubscribe = opts.feed.subscribe(opts.tenantId, {
    onChange: (poke: StreamPoke) => event(STREAM_EVENTS.change, poke),
    onResync: () => event(STREAM_EVENTS.resync, {}),
  });
  const heartbeat = setInterval(() => write(': ping\n\n'), opts.heartbeatMs);
  const expiry = setTimeout(
    () => {
      const body: ApiErrorBody = { error: { code: 'TOKEN_EXPIRED', message: 'access token expired; refresh it and reconnect' } };
      event(STREAM_EVENTS.expired, body);
      end();
    },
    Math.max(0, Math.min(opts.expiresInMs, 2 ** 31 - 1)),
  );

  function end(final?: FinalEvent): void {
    if (ended) return;
    if (final) event(final.event, final.data);
    if (ended) return; // the final event overflowed the buffer and ended the stream already
    ended = true;
    clearInterval(heartbeat);
    clearTimeout(expiry);
    unsubscribe();
    res.end();
    opts.onClose();
  }

  // The response's 'close' fires when the client goes away (the request's may fire as soon as its empty body is read).
  res.on('close', () => end());
  res.on('error', () => end());
  // EventSource reconnects after `retry` ms. The first event asks the client to pull: anything written between its
  // last pull and this subscription would otherwise be missed.
  write('retry: 3000\n\n');
  if (opts.heads) {
    opts.heads().then(
      (heads) => event(STREAM_EVENTS.resync, { heads } satisfies StreamResync),
      () => event(STREAM_EVENTS.resync, {} satisfies StreamResync),
    );
  } else {
    event(STREAM_EVENTS.resync, {});
  }
  return { end };
}
