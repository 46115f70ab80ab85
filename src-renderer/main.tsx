import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { openDatabase } from './db/database';
import { requestPersistentStorage } from './db/storage';
import './app/app.css';

// Ask before the first write so the browser does not evict the compound's records under disk pressure.
void requestPersistentStorage();

// Opened once per window, outside React, so StrictMode's double effects never open it twice.
const database = openDatabase({ devMode: import.meta.env.DEV });

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App database={database} />
  </StrictMode>,
);
