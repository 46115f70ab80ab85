import { createContext, useContext, type ReactNode } from 'react';
import type { LinliDatabase } from './database';

const DatabaseContext = createContext<LinliDatabase | null>(null);

export function DatabaseProvider({ db, children }: { db: LinliDatabase; children: ReactNode }) {
  return <DatabaseContext.Provider value={db}>{children}</DatabaseContext.Provider>;
}

/** The open database; only components below the provider (i.e. after a successful open) may call it. */
export function useDatabase(): LinliDatabase {
  const db = useContext(DatabaseContext);
  if (!db) throw new Error('useDatabase outside DatabaseProvider');
  return db;
}
