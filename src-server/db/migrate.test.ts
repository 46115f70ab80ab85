import { describe, expect, it } from 'vitest';
import { loadMigrations, splitSql } from './migrate';

describe('migrations', () => {
  it('are numbered, in order, and split into statements', async () => {
    const all = await loadMigrations();
    expect(all.length).toBeGreaterThan(0);
    expect(all.map((m) => m.version)).toEqual(all.map((_, i) => i + 1));
    for (const m of all) expect(splitSql(m.sql).length).toBeGreaterThan(0);
  });

  it('splits on statement ends, ignoring comments', () => {
    expect(splitSql('-- a; b\nCREATE TABLE a (x int); -- trailing; note\nCREATE INDEX i ON a (x);\n')).toEqual(['CREATE TABLE a (x int)', 'CREATE INDEX i ON a (x)']);
    expect(splitSql('CREATE TABLE a (x int);\nCREATE INDEX i ON a (x);\n')).toEqual(['CREATE TABLE a (x int)', 'CREATE INDEX i ON a (x)']);
  });

  it('keeps the tenant id first in every tenant table key (Citus-ready)', async () => {
    const sql = (await loadMigrations()).map((m) => m.sql).join('\n');
    for (const table of ['users', 'refresh_tokens', 'documents', 'history', 'sessions', 'devices']) {
      const body = new RegExp(`CREATE TABLE ${table} \\(([\\s\\S]*?)\\n\\);`).exec(sql)?.[1] ?? '';
      expect(body, table).toMatch(/PRIMARY KEY \(tenant_id,/);
    }
  });
});
