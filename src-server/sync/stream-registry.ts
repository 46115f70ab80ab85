// The open live streams of this process, by compound and by login (issue #9): limits how many one login and one
// compound may hold, and closes the streams of a revoked user or login at once.
import type { ServerClaims } from '../auth/jwt';
import type { RevocationNotice } from '../auth/revocation';
import type { FinalEvent, OpenStream } from './stream';

export type StreamEntry = { claims: ServerClaims; stream: OpenStream };

export type StreamLimits = {
  /** Streams of one login; opening one more closes the oldest. 0 = no limit. */
  perLogin: number;
  /** Streams of one compound; more are refused. 0 = no limit. */
  perCompound: number;
};

export type Admission = { ok: true } | { ok: false; reason: 'COMPOUND_FULL' };

export type StreamRegistry = {
  /** Whether one more stream of this compound may open; closes the oldest streams of the login beyond its limit. */
  admit(claims: ServerClaims): Admission;
  add(entry: StreamEntry): void;
  remove(entry: StreamEntry): void;
  /** Ends (with `final`) every stream the notice names; returns how many. */
  revoke(notice: RevocationNotice, final: FinalEvent): number;
  all(): StreamEntry[];
  count(filter?: { tenantId?: string; sessionId?: string }): number;
};

export function createStreamRegistry(limits: StreamLimits): StreamRegistry {
  const byTenant = new Map<string, Set<StreamEntry>>();
  const bySession = new Map<string, Set<StreamEntry>>();

  const sessionKey = (c: ServerClaims): string => `${c.tid}/${c.sid}`;

  const addTo = (map: Map<string, Set<StreamEntry>>, key: string, e: StreamEntry): void => {
    const set = map.get(key) ?? new Set<StreamEntry>();
    set.add(e);
    map.set(key, set);
  };
  const removeFrom = (map: Map<string, Set<StreamEntry>>, key: string, e: StreamEntry): void => {
    const set = map.get(key);
    if (!set) return;
    set.delete(e);
    if (set.size === 0) map.delete(key);
  };

  return {
    admit(claims) {
      if (limits.perCompound > 0 && (byTenant.get(claims.tid)?.size ?? 0) >= limits.perCompound) return { ok: false, reason: 'COMPOUND_FULL' };
      if (limits.perLogin > 0) {
        // Sets iterate in insertion order: the oldest first. A client that reconnects while the server has not yet
        // noticed its old connection is gone pushes that one out.
        const mine = [...(bySession.get(sessionKey(claims)) ?? [])];
        for (const old of mine.slice(0, Math.max(0, mine.length - limits.perLogin + 1))) old.stream.end();
      }
      return { ok: true };
    },
    add(e) {
      addTo(byTenant, e.claims.tid, e);
      addTo(bySession, sessionKey(e.claims), e);
    },
    remove(e) {
      removeFrom(byTenant, e.claims.tid, e);
      removeFrom(bySession, sessionKey(e.claims), e);
    },
    revoke(notice, final) {
      const sessions = new Set(notice.s ?? []);
      let n = 0;
      for (const e of [...(byTenant.get(notice.t) ?? [])]) {
        if (e.claims.sub === notice.u || sessions.has(e.claims.sid)) {
          e.stream.end(final);
          n++;
        }
      }
      return n;
    },
    all() {
      return [...byTenant.values()].flatMap((set) => [...set]);
    },
    count(filter = {}) {
      if (filter.sessionId !== undefined && filter.tenantId !== undefined) return bySession.get(`${filter.tenantId}/${filter.sessionId}`)?.size ?? 0;
      if (filter.tenantId !== undefined) return byTenant.get(filter.tenantId)?.size ?? 0;
      let n = 0;
      for (const set of byTenant.values()) n += set.size;
      return n;
    },
  };
}
