// What bench/sync-browser.ts runs inside the app's page (an init script, so plain JavaScript in a string). It reads
// the app only from the outside: the sync indicator's attributes (data-state, the pending count), the DOM of 工作台,
// and the app's IndexedDB (RxDB's Dexie storage: one database rxdb-dexie-linli--<schema version>--<collection> per
// collection, documents in its "docs" store).
//   window.__sb.marks      [ms since navigation start, state, pending] at every change of the indicator
//   window.__sb.loginAt    when 登录 was clicked; onlineAt: when the window got its 'online' event
//   window.__sb.cardsAt    when 工作台's task cards first showed; cardsPaintAt: the frame after
//   window.__sb.docs(c)    every stored document of collection c as [id, seq, deleted]
//   window.__sb.waitFor(c, id, timeoutMs)  Date.now() when document id is first in c's store (polled every 2 ms)

export type Mark = [at: number, state: string | null, pending: number];
export type StoredEntry = [id: string, seq: number, deleted: boolean];
export type ProbeState = { marks: Mark[]; loginAt: number | null; onlineAt: number | null; cardsAt: number | null; cardsPaintAt: number | null };

export const syncProbe = `(() => {
  const sb = { marks: [], loginAt: null, onlineAt: null, cardsAt: null, cardsPaintAt: null };
  window.__sb = sb;
  let last = '';
  const look = () => {
    const box = document.querySelector('[data-testid="sync-indicator"]');
    if (box) {
      const p = box.querySelector('[data-testid="sync-pending"]');
      const state = box.getAttribute('data-state');
      const pending = Number(p ? p.getAttribute('data-count') : NaN);
      const key = state + '|' + pending;
      if (key !== last) {
        last = key;
        sb.marks.push([performance.now(), state, pending]);
      }
    }
    if (sb.cardsAt === null && document.querySelector('[data-testid="task-cards"]')) {
      sb.cardsAt = performance.now();
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => (sb.cardsPaintAt = performance.now());
        ch.port2.postMessage(0);
      });
    }
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'data-count'] });
  document.addEventListener('click', (e) => {
    if (e.target instanceof Element && e.target.closest('[data-testid="sync-login"]')) sb.loginAt = performance.now();
  }, true);
  window.addEventListener('online', () => (sb.onlineAt = performance.now()));

  const dbNameOf = async (collection) => {
    const re = new RegExp('^rxdb-dexie-linli--(\\\\d+)--' + collection + '$');
    let best = null;
    for (const d of await indexedDB.databases()) {
      const m = d.name && re.exec(d.name);
      if (m && (!best || Number(m[1]) > best[1])) best = [d.name, Number(m[1])];
    }
    return best && best[0];
  };
  const openDb = (name) => new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onerror = () => reject(req.error);
    req.onsuccess = () => resolve(req.result);
  });
  const done = (req) => new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  sb.docs = async (collection) => {
    const name = await dbNameOf(collection);
    if (!name) return [];
    const db = await openDb(name);
    try {
      const all = await done(db.transaction('docs', 'readonly').objectStore('docs').getAll());
      return all.map((d) => [d.id, (d.sync && d.sync.seq) || 0, d._deleted === true || d._deleted === '1']);
    } finally {
      db.close();
    }
  };
  sb.waitFor = async (collection, id, timeoutMs) => {
    const end = Date.now() + timeoutMs;
    let name = null;
    while (!name) {
      name = await dbNameOf(collection);
      if (!name) await new Promise((r) => setTimeout(r, 20));
      if (Date.now() > end) return null;
    }
    const db = await openDb(name);
    try {
      for (;;) {
        const key = await done(db.transaction('docs', 'readonly').objectStore('docs').getKey(id));
        if (key !== undefined) return Date.now();
        if (Date.now() > end) return null;
        await new Promise((r) => setTimeout(r, 2));
      }
    } finally {
      db.close();
    }
  };
})();`;
