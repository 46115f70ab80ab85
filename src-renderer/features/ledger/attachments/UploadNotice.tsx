// Supporting documents stay on this PC until the server has them: the treasurer sees how many wait and why, so that a
// file that never leaves the PC (no login, a server that refuses it) is not discovered only when another PC needs it.
import { useEffect, useState } from 'react';
import type { UploadState } from '../../../db/blobs';
import { uploadWaitText } from './attachment-messages';
import { useBlobStore } from './use-blobs';

const POLL_MS = 5_000;

/** `changed`: anything that changes when a voucher is saved (the listed vouchers), to read the state at once. */
export function UploadNotice({ changed }: { changed?: unknown }) {
  const store = useBlobStore();
  const [state, setState] = useState<UploadState | null>(null);
  useEffect(() => {
    let live = true;
    const read = () =>
      void store.uploadState().then(
        (s) => live && setState(s),
        (e: unknown) => console.error('reading the upload state failed', e),
      );
    read();
    const timer = setInterval(read, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [store, changed]);
  if (!state || state.pending === 0) return null;
  return (
    <p className="muted" data-testid="attachments-upload-wait">
      {uploadWaitText(state)}
    </p>
  );
}
