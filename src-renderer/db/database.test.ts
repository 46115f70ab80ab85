import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type LinliDatabase } from './database';

let db: LinliDatabase | undefined;
afterEach(async () => {
  await db?.remove();
  db = undefined;
});

const stamp = { createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', createdBy: '本机用户', updatedBy: '本机用户' };

describe('openDatabase', () => {
  it('opens every collection and round-trips a roster document', async () => {
    db = await openDatabase({ name: `t-db-${crypto.randomUUID()}` });
    await db.roster.insert({ id: 'p1', kind: 'person', name: '张三', party: 'branch', status: 'active', ...stamp });
    const doc = await db.roster.findOne('p1').exec();
    expect(doc?.toJSON().name).toBe('张三');
  });

  it('validates writes against the schema', async () => {
    db = await openDatabase({ name: `t-db-${crypto.randomUUID()}` });
    await expect(
      db.roster.insert({ id: 'p1', kind: 'person', name: '张三', party: 'branch', status: 'active', phone: '12345', ...stamp }),
    ).rejects.toThrow();
    expect(await db.roster.count().exec()).toBe(0);
  });

  it('never evaluates strings as code (the CSP has no unsafe-eval, so that would stop the app from opening)', async () => {
    const original = globalThis.Function;
    const refuse = () => {
      throw new EvalError("Refused to evaluate a string as JavaScript because 'unsafe-eval' is not allowed");
    };
    globalThis.Function = new Proxy(original, { construct: refuse, apply: refuse });
    try {
      db = await openDatabase({ name: `t-db-${crypto.randomUUID()}` });
      await db.roster.insert({ id: 'p1', kind: 'person', name: '张三', party: 'branch', status: 'active', ...stamp });
      await db.settings.insert({ id: 'compound', totalAreaDm2: 1234567, ...stamp });
      expect(await db.roster.count().exec()).toBe(1);
    } finally {
      globalThis.Function = original;
    }
  });
});
