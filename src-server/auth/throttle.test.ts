import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../config';
import { addressKey } from './throttle';

describe('addressKey', () => {
  it('keeps IPv4, unwraps IPv4-mapped IPv6, and groups IPv6 by /64', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('unknown')).toBe('unknown');
  });
});

describe('issue #9 settings', () => {
  it('have safe defaults and read the environment', () => {
    const d = configFromEnv({});
    expect(d).toMatchObject({
      maxAuthBodyBytes: 16 * 1024,
      maxFailuresPerUser: 5,
      maxFailuresPerIp: 30,
      maxFailuresPerUserGlobal: 50,
      globalLockSeconds: 3600,
      hsts: 'proxy',
      quotaStorageBytes: 2 * 1024 ** 3,
      quotaConflictsPerDocument: 50,
      quotaConflictBytesPerDocument: 1024 * 1024,
      maxStreamsPerLogin: 4,
      maxStreamsPerCompound: 200,
      tenantConcurrency: 2,
      tenantQueue: 200,
    });
    const e = configFromEnv({
      LINLI_AUTH_MAX_BODY_BYTES: '4096',
      LINLI_LOGIN_MAX_FAILURES_GLOBAL: '20',
      LINLI_LOGIN_GLOBAL_LOCK_SECONDS: '600',
      LINLI_HSTS: '1',
      LINLI_QUOTA_STORAGE_BYTES: '0',
      LINLI_QUOTA_CONFLICTS_PER_DOCUMENT: '10',
      LINLI_QUOTA_CONFLICT_BYTES_PER_DOCUMENT: '65536',
      LINLI_MAX_STREAMS_PER_LOGIN: '2',
      LINLI_MAX_STREAMS_PER_COMPOUND: '50',
      LINLI_TENANT_CONCURRENCY: '4',
      LINLI_TENANT_QUEUE: '10',
    });
    expect(e).toMatchObject({
      maxAuthBodyBytes: 4096,
      maxFailuresPerUserGlobal: 20,
      globalLockSeconds: 600,
      hsts: 'always',
      quotaStorageBytes: 0,
      quotaConflictsPerDocument: 10,
      quotaConflictBytesPerDocument: 65536,
      maxStreamsPerLogin: 2,
      maxStreamsPerCompound: 50,
      tenantConcurrency: 4,
      tenantQueue: 10,
    });
    expect(configFromEnv({ LINLI_HSTS: '0' }).hsts).toBe('off');
  });
});
