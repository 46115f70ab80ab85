// The blob store of the open database, and a file's URL for <img> that lives as long as the component showing it.
import { useEffect, useState } from 'react';
import { blobStoreFor, type BlobStore } from '../../../db/blobs';
import { useDatabase } from '../../../db/context';

export function useBlobStore(): BlobStore {
  return blobStoreFor(useDatabase());
}

export type BlobUrlState = { readonly status: 'loading' } | { readonly status: 'ready'; readonly url: string } | { readonly status: 'missing' };

/**
 * The file's URL: from this PC, else downloaded (signed in and online) and kept, else `missing`. `attempt` asks
 * again (a 重试 after signing in or coming online).
 */
export function useBlobUrl(hash: string, attempt = 0): BlobUrlState {
  const store = useBlobStore();
  const [state, setState] = useState<{ key: string; value: BlobUrlState }>({ key: '', value: { status: 'loading' } });
  const key = `${hash}#${attempt}`;
  useEffect(() => {
    let live = true;
    let revoke: (() => void) | undefined;
    void store.blobUrl(hash).then(
      (r) => {
        if (!live) {
          if (r.ok) r.value.revoke();
          return;
        }
        if (r.ok) revoke = r.value.revoke;
        setState({ key, value: r.ok ? { status: 'ready', url: r.value.url } : { status: 'missing' } });
      },
      () => live && setState({ key, value: { status: 'missing' } }),
    );
    return () => {
      live = false;
      revoke?.();
    };
  }, [store, hash, key]);
  return state.key === key ? state.value : { status: 'loading' };
}
