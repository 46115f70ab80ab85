import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { openDatabase } from './db/database';
import { beforeMigrationHook } from './features/backup/before-migration';
import { openedWithUpdateBackup } from './features/backup/scheduler';
import { requestPersistentStorage } from './db/storage';
import { startPwa } from './pwa/register';
import './app/app.css';

// Ask before the first write so the browser does not evict the compound's records under disk pressure.
void requestPersistentStorage();

// Opened once per window, outside React, so StrictMode's double effects never open it twice. The desktop backs the
// data up before a schema migration, and at the first start of a new version before the shell (sync, any write) starts.
const database = openedWithUpdateBackup(openDatabase({ devMode: import.meta.env.DEV, beforeMigration: beforeMigrationHook }));

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App database={database} />
  </StrictMode>,
);

// Web host only: the service worker that opens the app offline, and the banner offering a new version (issue #16).
startPwa();
