// What bench/ledger.ts runs inside the page (an init script, so plain JavaScript in a string). window.__bench.measure
// (action, expect) starts a clock, performs the action as a person would (a click, a <select> change, typing a year,
// following a link) and stops when the DOM shows every expected check — a report table's title, its row count and
// its 合计 row, the 公示 figures — giving `dom` (including a forced layout) and `paint` (after the next frame).
// window.__readyAt: ms from navigation start until READY_SELECTOR first exists (a reload straight into a section).

export type Action =
  | { kind: 'select'; selector: string; value: string }
  | { kind: 'click'; selector: string }
  | { kind: 'input'; selector: string; value: string }
  | { kind: 'hash'; value: string };
/** One element the page must show: `text` its whole text, `rows` the rows of its (first) tbody (or its data-rows), `attr` [name, value]. */
export type Check = { selector: string; text?: string; rows?: number; attr?: readonly [string, string] };
export type Expect = readonly Check[];
export type Timing = { dom: number; paint: number };

export const probeScript = (readySelector: string): string => `(() => {
  const READY = ${JSON.stringify(readySelector)};
  const watch = new MutationObserver(() => {
    if (window.__readyAt === undefined && document.querySelector(READY)) {
      window.__readyAt = performance.now();
      watch.disconnect();
    }
  });
  watch.observe(document, { subtree: true, childList: true });

  const failing = (expect) => {
    for (const c of expect) {
      const el = document.querySelector(c.selector);
      if (!el) return c.selector + ': missing';
      if (c.text !== undefined && el.textContent !== c.text) return c.selector + ': text ' + JSON.stringify((el.textContent || '').slice(0, 200));
      if (c.attr && el.getAttribute(c.attr[0]) !== c.attr[1]) return c.selector + ': ' + c.attr[0] + '=' + el.getAttribute(c.attr[0]);
      if (c.rows !== undefined) {
        // A long table draws only the rows in view and declares its length in data-rows.
        const body = el.tBodies ? el.tBodies[0] : el;
        const declared = el.getAttribute('data-rows');
        const n = declared !== null ? Number(declared) : body ? (body.rows ? body.rows.length : body.children.length) : 0;
        if (n !== c.rows) return c.selector + ': ' + n + ' rows';
      }
    }
    return null;
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
    } else if (a.kind === 'input') {
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
    failing,
    measure(action, expect, timeoutMs) {
      return new Promise((resolve, reject) => {
        let done = false;
        let t0 = 0;
        const obs = new MutationObserver(() => check());
        const timer = setTimeout(() => {
          if (done) return;
          done = true;
          obs.disconnect();
          reject(new Error('timed out after ' + timeoutMs + ' ms: ' + failing(expect)));
        }, timeoutMs);
        function check() {
          if (done || failing(expect) !== null) return;
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
        accounts: await countDocs('accounts'),
        vouchers: await countDocs('vouchers'),
        periods: await countDocs('periods'),
        tasks: await countDocs('tasks'),
        meetings: await countDocs('meetings'),
      };
    },
  };
})();`;
