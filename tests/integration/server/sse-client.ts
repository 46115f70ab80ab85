// A minimal Server-Sent-Events reader over fetch, for tests (Node has no EventSource).
export type SseEvent = { event: string; data: string };

export type SseClient = {
  status: number;
  headers: Headers;
  events: SseEvent[];
  comments: number;
  /** Resolves with the first event (from the start) matching pred, or rejects after timeoutMs. */
  waitFor(pred: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
  body: string;
  /** Resolves when the server ends the stream (or it is closed). */
  ended: Promise<void>;
  /** Whether the stream has ended. */
  isEnded(): boolean;
};

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const ctrl = new AbortController();
  const res = await fetch(url, { headers, signal: ctrl.signal });
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  let markEnded: () => void = () => undefined;
  let endedFlag = false;
  const ended = new Promise<void>((resolve) => {
    markEnded = () => {
      endedFlag = true;
      resolve();
    };
  });
  const client: SseClient = {
    ended,
    isEnded: () => endedFlag,
    status: res.status,
    headers: res.headers,
    events,
    comments: 0,
    body: '',
    waitFor(pred, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const hit = events.find(pred);
          if (hit) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(hit);
            return true;
          }
          return false;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.event))}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => ctrl.abort(),
  };
  if (res.status !== 200 || !res.body) {
    client.body = await res.text();
    markEnded();
    return client;
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let idx: number;
        while ((idx = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, idx);
          buffer = buffer.slice(idx + 2);
          let event = 'message';
          const data: string[] = [];
          let isComment = true;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            isComment = false;
            if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (isComment) client.comments++;
          else if (data.length > 0) events.push({ event, data: data.join('\n') });
          for (const w of [...waiters]) w();
        }
      }
    } catch {
      // aborted
    }
    markEnded();
  })();
  return client;
}
