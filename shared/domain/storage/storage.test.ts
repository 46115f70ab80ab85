import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  HELD_DATA_MARKER_SCHEMA,
  hostStateOf,
  isHeldDataMarker,
  mustResetSyncProgress,
  quotaPressure,
  storageVerdict,
  type HeldDataMarker,
  type StoreProbe,
} from './index';

const marker = (over: Partial<HeldDataMarker> = {}): HeldDataMarker => ({
  version: 1,
  compoundCode: 'JINSHAN',
  at: '2026-11-28T09:00:00.000Z',
  docCount: 1200,
  dbName: 'linli',
  via: 'sync',
  ...over,
});
const opened = (empty: boolean, dbName = 'linli'): StoreProbe => ({ kind: 'opened', dbName, empty });
const unavailable: StoreProbe = { kind: 'unavailable' };

describe('S1–S7 storageVerdict', () => {
  it.each([
    ['S1 holds documents, marker', marker(), opened(false), 'ok'],
    ['S1 holds documents, no marker', null, opened(false), 'ok'],
    ['S1 holds documents, marker of another database', marker({ dbName: 'other' }), opened(false), 'ok'],
    ['S2 empty, no marker', null, opened(true), 'fresh'],
    ['S3 empty, marker from a sync', marker(), opened(true), 'lost'],
    ['S3 empty, marker from a backup without a compound', marker({ via: 'backup', compoundCode: null }), opened(true), 'lost'],
    ['S4 empty, marker of an empty compound', marker({ docCount: 0 }), opened(true), 'fresh'],
    ['S5 empty, marker of another database', marker({ dbName: 'linli-test' }), opened(true), 'fresh'],
    ['S6 cannot open, marker', marker(), unavailable, 'unreadable'],
    ['S7 cannot open, no marker', null, unavailable, 'failed'],
    ['S7 cannot open, marker of an empty compound', marker({ docCount: 0 }), unavailable, 'failed'],
  ] as const)('%s → %s', (_n, m, probe, verdict) => {
    expect(storageVerdict(m, probe)).toBe(verdict);
  });
});

describe('S8 mustResetSyncProgress', () => {
  it.each([
    ['S8 empty database', opened(true), true],
    ['S8 database with documents', opened(false), false],
    ['S8 no database', unavailable, false],
  ] as const)('%s → %s', (_n, probe, reset) => {
    expect(mustResetSyncProgress(probe)).toBe(reset);
  });
});

describe('M1 isHeldDataMarker agrees with the bridge schema', () => {
  const validate = new Ajv({ strict: true }).compile(HELD_DATA_MARKER_SCHEMA);
  it.each([
    ['M1 complete', marker(), true],
    ['M1 compound unknown', marker({ compoundCode: null }), true],
    ['M1 no documents', marker({ docCount: 0 }), true],
    ['M1 missing field', (({ at: _at, ...rest }) => rest)(marker()), false],
    ['M1 extra field', { ...marker(), extra: 1 }, false],
    ['M1 wrong version', { ...marker(), version: 2 }, false],
    ['M1 fractional count', marker({ docCount: 1.5 }), false],
    ['M1 negative count', marker({ docCount: -1 }), false],
    ['M1 empty compound code', marker({ compoundCode: '' }), false],
    ['M1 unknown origin', { ...marker(), via: 'import' }, false],
    ['M1 empty database name', marker({ dbName: '' }), false],
    ['M1 not an object', 'linli', false],
    ['M1 null', null, false],
    ['M1 array', [marker()], false],
  ] as const)('%s → %s', (_n, value, valid) => {
    expect(isHeldDataMarker(value)).toBe(valid);
    expect(validate(value)).toBe(valid);
  });

  it('M1 a malformed stored state reads as empty', () => {
    expect(hostStateOf({ heldData: { version: 1 } })).toEqual({ heldData: null });
    expect(hostStateOf('garbage')).toEqual({ heldData: null });
    expect(hostStateOf({ heldData: marker() })).toEqual({ heldData: marker() });
  });
});

describe('Q1–Q4 quotaPressure', () => {
  const MB = 1024 * 1024;
  const GB = 1024 * MB;
  it.each([
    ['Q1 no estimate', null, null, 'unknown', null],
    ['Q1 no quota', 10 * MB, null, 'unknown', null],
    ['Q1 zero quota', 0, 0, 'unknown', null],
    ['Q2 50 MB left of 10 GB', 10 * GB - 50 * MB, 10 * GB, 'critical', 50 * MB],
    ['Q2 95 % used of 2 GB', 1946 * MB, 2048 * MB, 'critical', 102 * MB],
    ['Q2 over the quota', 3 * GB, 2 * GB, 'critical', 0],
    ['Q3 200 MB left of 2 GB', 1848 * MB, 2048 * MB, 'low', 200 * MB],
    ['Q2 beats Q3: 200 MB left of 100 GB is 99.8 % used', 100 * GB - 200 * MB, 100 * GB, 'critical', 200 * MB],
    ['Q3 80 % used of 10 GB', 8 * GB, 10 * GB, 'low', 2 * GB],
    ['Q3 a small quota (150 MB) nearly unused', 1 * MB, 150 * MB, 'low', 149 * MB],
    ['Q4 79 % used of 10 GB', 8089 * MB, 10240 * MB, 'ok', 2151 * MB],
    ['Q4 201 MB left and under 80 %', 800 * MB, 1001 * MB, 'ok', 201 * MB],
    ['Q4 fresh install', 2 * MB, 60 * GB, 'ok', 60 * GB - 2 * MB],
  ] as const)('%s → %s', (_n, usage, quota, level, remaining) => {
    expect(quotaPressure({ usage, quota })).toEqual({ level, remaining });
  });
});
