// What bench/tasks.ts runs inside the page (an init script, so plain JavaScript in a string: nothing of the bench's
// own transpilation reaches the page). window.__bench.measure(action, expect) starts a clock, performs the action the
// way a person would (a <select> change, a click, typing into the search box, following a link) and stops when the DOM
// shows what is expected — the count line, the first row of the list, a board column's count — giving `dom`
// (including a forced layout) and `paint` (after the next frame). window.__firstRowAt: ms from navigation start
// until the first task row exists.

export type Action =
  | { kind: 'select'; selector: string; value: string }
  | { kind: 'click'; selector: string }
  | { kind: 'search'; selector: string; value: string }
  | { kind: 'hash'; value: string };
export type Expect = { count: string; first: string | null; columns?: { selector: string; text: string } };
export type Timing = { dom: number; paint: number };

export const installProbe = `(() => {
  const firstRow = () => document.querySelector('[data-testid="task-list"] [data-testid^="task-row-"]');
  const watch = new MutationObserver(() => {
    if (window.__firstRowAt === undefined && firstRow()) {
      window.__firstRowAt = performance.now();
      watch.disconnect();
    }
  });
  watch.observe(document, { subtree: true, childList: true });

  const shows = (e) => {
    const count = document.querySelector('[data-testid="task-count"]');
    if (!count || count.textContent !== e.count) return false;
    if (e.first) {
      const row = firstRow();
      if (!row || row.getAttribute('data-testid') !== 'task-row-' + e.first) return false;
    }
    if (e.columns) {
      const c = document.querySelector(e.columns.selector);
      if (!c || c.textContent !== e.columns.text) return false;
    }
    return true;
  };

  const perform = (a) => {
    if (a.kind === 'hash') {
      location.hash = a.value;
      return;
    }
    const el = document.querySelector(a.selector);
    if (!el) throw new Error('no element ' + a.selector);
    if (a.kind === 'click') el.click();
    else if (a.kind === 'select') {
      el.value = a.value;
      if (el.value !== a.value) throw new Error('no option ' + a.value + ' in ' + a.selector);
      el.dispatchEvent(new Event('change', { bubbles: true }));
    } else if (a.kind === 'search') {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, a.value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }
  };

  const afterPaint = (cb) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = cb;
    ch.port2.postMessage(0);
  });

  async function countDocs(part) {
    const dbs = await indexedDB.databases();
    let n = 0;
    for (const d of dbs) {
      if (!d.name || !d.name.endsWith('--' + part)) continue;
      n += await new Promise((resolve) => {
        const req = indexedDB.open(d.name);
        req.onerror = () => resolve(0);
        req.onsuccess = () => {
          const db = req.result;
          const store = [...db.objectStoreNames].find((s) => s === 'docs') ?? db.objectStoreNames[0];
          if (!store) { db.close(); return resolve(0); }
          const c = db.transaction(store, 'readonly').objectStore(store).count();
          c.onsuccess = () => { db.close(); resolve(c.result); };
          c.onerror = () => { db.close(); resolve(0); };
        };
      });
    }
    return n;
  }

  window.__bench = {
    measure(action, expect) {
      return new Promise((resolve, reject) => {
        let done = false;
        let t0 = 0;
        const obs = new MutationObserver(() => check());
        const timer = setTimeout(() => {
          if (done) return;
          done = true;
          obs.disconnect();
          const c = document.querySelector('[data-testid="task-count"]');
          const r = firstRow();
          reject(new Error('timed out waiting for ' + JSON.stringify(expect) + '; shows ' + (c && c.textContent) + ' / ' + (r && r.getAttribute('data-testid'))));
        }, 20000);
        function check() {
          if (done || !shows(expect)) return;
          done = true;
          obs.disconnect();
          clearTimeout(timer);
          void document.body.offsetHeight; // style and layout of the change
          const dom = performance.now() - t0;
          afterPaint(() => resolve({ dom, paint: performance.now() - t0 }));
        }
        obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        t0 = performance.now();
        try {
          perform(action);
        } catch (e) {
          done = true;
          obs.disconnect();
          clearTimeout(timer);
          reject(e);
          return;
        }
        check();
      });
    },
    async syncState() {
      const box = document.querySelector('[data-testid="sync-indicator"]');
      const pending = box && box.querySelector('[data-testid="sync-pending"]');
      return {
        state: box ? box.getAttribute('data-state') : null,
        pending: Number(pending ? pending.getAttribute('data-count') : NaN),
        tasks: await countDocs('tasks'),
        updates: await countDocs('task_updates'),
      };
    },
    scroll(ms, step) {
      return new Promise((resolve) => {
        const el = document.querySelector('[data-testid="task-list"]');
        const frames = [];
        const start = performance.now();
        let last = start;
        const tick = (now) => {
          frames.push(now - last);
          last = now;
          el.scrollTop = el.scrollTop + step >= el.scrollHeight - el.clientHeight ? 0 : el.scrollTop + step;
          if (now - start < ms) requestAnimationFrame(tick);
          else {
            el.scrollTop = 0;
            requestAnimationFrame(() => resolve(frames.slice(1)));
          }
        };
        requestAnimationFrame(tick);
      });
    },
  };
})();`;
