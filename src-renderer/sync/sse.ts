// Server-Sent Events over fetch: unlike EventSource it can send the Authorization header (so the token never
// appears in a URL or a log), and it runs the same in the browser, in Electron and in Node tests.

export type SseEvent = { event: string; data: string };

/**
 * Reads an SSE stream until it ends or `signal` aborts; calls onEvent for every event (comments are skipped) and
 * onBytes whenever anything arrives, heartbeats included (for an idle watchdog).
 */
export async function readSse(body: ReadableStream<Uint8Array>, onEvent: (e: SseEvent) => void, signal: AbortSignal, onBytes?: () => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const abort = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', abort, { once: true });
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      onBytes?.();
      buffer += decoder.decode(value, { stream: true });
      let sep: number;
      while ((sep = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const block = buffer.slice(0, sep);
        buffer = buffer.slice(sep).replace(/^\r?\n\r?\n/, '');
        const parsed = parseBlock(block);
        if (parsed) onEvent(parsed);
      }
    }
  } finally {
    signal.removeEventListener('abort', abort);
  }
}

export function parseBlock(block: string): SseEvent | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length === 0 && event === 'message' ? null : { event, data: data.join('\n') };
}
