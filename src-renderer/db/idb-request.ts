// A plain IndexedDB request as a promise: for the stores kept beside RxDB's database (db/blobs.ts, the sync index's
// saved copy in sync/index-snapshot.ts).
export const requestDone = <T,>(req: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
