import { describe, expect, it } from 'vitest';
import { COLLECTIONS, COLLECTION_NAMES } from '../schema';
import { canonicalJson, jsonEqual } from './canonical-json';
import { ROLES, Role, WRITE_PERMISSIONS, canWrite, isRole } from './permissions';
import { API_ERROR_STATUS, PROTOCOL_VERSION, compareSchemaFingerprints, parseSchemaFingerprint, schemaFingerprint } from './protocol';
import { EMPTY_LOOKUP, validateDocument } from './validate';

describe('schemaFingerprint', () => {
  it('lists every collection with its schema version, in COLLECTION_NAMES order', () => {
    expect(PROTOCOL_VERSION).toBe(2);
    const fp = schemaFingerprint();
    expect(fp.split(',')).toEqual(COLLECTION_NAMES.map((n) => `${n}@${COLLECTIONS[n].schema.version}`));
    expect(fp.startsWith('roster@')).toBe(true);
  });

  it('parses what it writes and refuses junk', () => {
    const p = parseSchemaFingerprint('roster@0,tasks@3');
    expect(p.ok && [...p.versions]).toEqual([
      ['roster', 0],
      ['tasks', 3],
    ]);
    expect(parseSchemaFingerprint('').ok).toBe(false);
    expect(parseSchemaFingerprint('roster').ok).toBe(false);
    expect(parseSchemaFingerprint('roster@x').ok).toBe(false);
  });

  it.each([
    ['roster@1,tasks@2', 'roster@1,tasks@2', 'compatible'],
    ['roster@0,tasks@2', 'roster@1,tasks@2', 'client_outdated'],
    ['tasks@2', 'roster@1,tasks@2', 'client_outdated'],
    ['garbage', 'roster@1', 'client_outdated'],
    ['roster@2,tasks@2', 'roster@1,tasks@2', 'server_outdated'],
    ['roster@1,tasks@2,polls@0', 'roster@1,tasks@2', 'server_outdated'],
    ['roster@0,tasks@3', 'roster@1,tasks@2', 'client_outdated'],
  ] as const)('client %s vs server %s → %s', (client, server, expected) => {
    expect(compareSchemaFingerprints(client, server)).toBe(expected);
  });

  it('gives every error code an HTTP status', () => {
    expect(API_ERROR_STATUS.UPGRADE_REQUIRED).toBe(426);
    expect(API_ERROR_STATUS.TOO_MANY_ATTEMPTS).toBe(429);
    expect(API_ERROR_STATUS.PAYLOAD_TOO_LARGE).toBe(413);
  });
});

describe('permissions', () => {
  it('writes the table of issue #3', () => {
    expect(ROLES).toEqual(['admin', 'branch_secretary', 'secretary', 'treasurer', 'staff', 'viewer']);
    expect([...WRITE_PERMISSIONS.admin].sort()).toEqual([...COLLECTION_NAMES].sort());
    expect([...WRITE_PERMISSIONS.branch_secretary].sort()).toEqual(['meetings', 'notices', 'roster', 'settings', 'task_updates', 'tasks']);
    expect([...WRITE_PERMISSIONS.secretary].sort()).toEqual(['meetings', 'notices', 'roster', 'task_updates', 'tasks']);
    expect([...WRITE_PERMISSIONS.treasurer].sort()).toEqual(['accounts', 'bank_reconciliations', 'notices', 'periods', 'vouchers']);
    expect([...WRITE_PERMISSIONS.staff].sort()).toEqual(['task_updates', 'tasks']);
    expect(WRITE_PERMISSIONS.viewer).toEqual([]);
  });

  it('names only real collections', () => {
    for (const r of ROLES) for (const c of WRITE_PERMISSIONS[r]) expect(COLLECTION_NAMES).toContain(c);
  });

  it('answers canWrite and isRole', () => {
    expect(canWrite(Role.Treasurer, 'vouchers')).toBe(true);
    expect(canWrite(Role.Treasurer, 'tasks')).toBe(false);
    expect(canWrite(Role.Viewer, 'notices')).toBe(false);
    expect(isRole('staff')).toBe(true);
    expect(isRole('root')).toBe(false);
    expect(isRole(3)).toBe(false);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(jsonEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson(() => 1)).toThrow();
  });
});

describe('validateDocument', () => {
  it('accepts a plain document of every collection', async () => {
    // Tasks' rules read the fields a task always has (the schema requires them before any rule runs).
    // So do the ledger's; a reconciliation reads its bank account and vouchers, which an empty lookup lacks.
    const PLAIN: Record<string, Record<string, unknown>> = {
      tasks: { id: 'x', title: '修路灯', leadParty: 'property', status: 'pending', priority: 'normal' },
      accounts: { id: 'x', code: '1001', name: '库存现金', type: 'asset', normalSide: 'debit', active: true },
      vouchers: { id: 'x', date: '2026-11-02', period: '2026-11', summary: '草稿', lines: [], status: 'draft', preparedBy: '管理员' },
      periods: { id: '2026-11', status: 'open' },
    };
    const actor = { role: 'admin' as const, name: '管理员' };
    for (const c of COLLECTION_NAMES.filter((n) => n !== 'bank_reconciliations')) {
      expect((await validateDocument({ collection: c, doc: PLAIN[c] ?? { id: 'x' }, previous: undefined, lookup: EMPTY_LOOKUP, actor })).ok).toBe(true);
    }
  });
});
