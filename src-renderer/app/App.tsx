import { useEffect, useState } from 'react';
import type { HeldDataMarker } from '../../shared/domain/storage';
import { assertNever } from '../../shared/result';
import { DatabaseProvider } from '../db/context';
import { DEFAULT_DB_NAME, type LinliDatabase } from '../db/database';
import { classifyWriteError } from '../db/write-error';
import { Shell } from './Shell';
import { SyncProvider } from '../sync/context';
import { checkOpenedDatabase, checkUnopenedDatabase, type CheckDeps, type RestoreSource } from './storage-check';
import { StorageLost, StorageUnreadable } from './StorageLost';
import { recordHeldDataOnBackups, restoreSourceFor } from './restore-source';

type OpenState =
  | { status: 'opening' }
  | { status: 'ready'; db: LinliDatabase }
  /** Opened empty while this PC held the compound's data (issue #15): the loss screen, not an empty start. */
  | { status: 'lost'; db: LinliDatabase; marker: HeldDataMarker; restore: RestoreSource | null }
  | { status: 'unreadable'; error: unknown; marker: HeldDataMarker }
  | { status: 'failed'; error: unknown };

/** Shown while IndexedDB opens (and migrates, after an update). */
function Opening() {
  return (
    <div className="fullpage" role="status" data-testid="db-opening">
      <div className="fullpage-box">
        <h1>邻里工作台</h1>
        <p>正在打开本机数据……</p>
      </div>
    </div>
  );
}

function errorDetail(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** The database did not open: nothing can be shown or saved, so say so plainly and offer a retry. */
export function DatabaseFailed({ error }: { error: unknown }) {
  const diskFull = classifyWriteError(error) === 'QUOTA_EXCEEDED';
  return (
    <div className="fullpage" role="alert" data-testid="db-failed">
      <div className="fullpage-box">
        <h1>无法打开本机数据库</h1>
        {diskFull ? (
          <p>磁盘空间不足，无法打开数据。已保存的数据不受影响，请清理磁盘后重新打开程序。</p>
        ) : (
          <>
            <p>程序没能打开保存在本机的数据，已保存的数据没有被修改。</p>
            <p>可能的原因：程序同时打开了多个不同版本；磁盘空间不足；浏览器处于无痕模式或禁止了本地存储。</p>
            <p>请关闭其他邻里工作台窗口后点击「重试」。如果问题仍然存在，请联系技术支持并提供下方技术信息。</p>
          </>
        )}
        <button type="button" className="primary" onClick={() => window.location.reload()}>
          重试
        </button>
        <details>
          <summary>技术信息</summary>
          <pre>{errorDetail(error)}</pre>
        </details>
      </div>
    </div>
  );
}

/**
 * The app: waits for the one database of this window, checks that an empty or unreadable one is not a loss to say
 * out loud (storage-check.ts), then shows the shell. `checks` is for tests (the host bridge, localStorage, restore).
 */
export function App({
  database,
  checks,
}: {
  database: Promise<LinliDatabase>;
  checks?: CheckDeps & { restoreSource?: (db: LinliDatabase) => Promise<RestoreSource | null> };
}) {
  const [state, setState] = useState<OpenState>({ status: 'opening' });
  useEffect(() => {
    let live = true;
    void database.then(
      async (db) => {
        const check = await checkOpenedDatabase(db, checks);
        if (!live) return;
        if (check.verdict === 'lost' && check.marker) {
          const restore = await (checks?.restoreSource ?? restoreSourceFor)(db);
          if (live) setState({ status: 'lost', db, marker: check.marker, restore });
        } else if (check.verdict === 'unreadable' && check.marker) setState({ status: 'unreadable', error: check.error, marker: check.marker });
        else if (check.verdict === 'failed') setState({ status: 'failed', error: check.error });
        else setState({ status: 'ready', db });
      },
      async (error: unknown) => {
        console.error('database open failed', error);
        const check = await checkUnopenedDatabase(error, checks);
        if (!live) return;
        if (check.verdict === 'unreadable' && check.marker) setState({ status: 'unreadable', error, marker: check.marker });
        else setState({ status: 'failed', error });
      },
    );
    return () => {
      live = false;
    };
    // `checks` is read once, with the database: a new object each render must not open the check again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [database]);
  const readyDb = state.status === 'ready' ? state.db : null;
  useEffect(() => (readyDb ? recordHeldDataOnBackups(readyDb) : undefined), [readyDb]);

  switch (state.status) {
    case 'opening':
      return <Opening />;
    case 'failed':
      return <DatabaseFailed error={state.error} />;
    case 'unreadable':
      return <StorageUnreadable marker={state.marker} error={state.error} dbName={DEFAULT_DB_NAME} />;
    case 'lost': {
      const { db } = state;
      return (
        <StorageLost
          db={db}
          marker={state.marker}
          restore={state.restore}
          onContinue={(hash) => {
            if (hash !== undefined) window.location.hash = hash;
            setState({ status: 'ready', db });
          }}
        />
      );
    }
    case 'ready':
      return (
        <DatabaseProvider db={state.db}>
          <SyncProvider db={state.db}>
            <Shell />
          </SyncProvider>
        </DatabaseProvider>
      );
    default:
      return assertNever(state);
  }
}
