// Login, refresh, logout (no token needed: the body carries the credentials) and /me.
import type { Result } from '../../shared/result';
import type { MeResponse } from '../../shared/sync/protocol';
import { findCompoundById, findUserById } from '../accounts';
import { login, logout, refresh } from '../auth/sessions';
import { readJsonBody } from '../http/body';
import { isStorableText } from '../http/json-safety';
import { clientIp, deviceId } from '../http/request-headers';
import { failure, type Failure } from '../http/respond';
import { stringField, unstorable, type ApiContext } from './context';
import { fail, ok, type Handler, type RouteRequest } from './route';

export function authRoutes(c: ApiContext): { login: Handler; refresh: Handler; logout: Handler; me: Handler } {
  const { db, config, auth } = c;

  /** The refresh token of a refresh or logout body, or the failure to answer. */
  async function refreshToken(r: RouteRequest): Promise<Result<string, Failure>> {
    const body = await readJsonBody(r.req, config.maxAuthBodyBytes);
    if (!body.ok) return body;
    const token = stringField(body.value, 'refreshToken', 300);
    if (!token) return { ok: false, error: failure('BAD_REQUEST', 'expected {refreshToken}') };
    if (!isStorableText(token)) return { ok: false, error: unstorable() };
    return { ok: true, value: token };
  }

  return {
    async login({ req, ctx }) {
      const body = await readJsonBody(req, config.maxAuthBodyBytes);
      if (!body.ok) return fail(body.error);
      const compound = stringField(body.value, 'compound', 64);
      const username = stringField(body.value, 'username', 64);
      const password = stringField(body.value, 'password', 200);
      if (!compound || !username || !password) return fail(failure('BAD_REQUEST', 'expected {compound, username, password}'));
      if (![compound, username, password].every(isStorableText)) return fail(unstorable());
      const r = await login(auth, { compound, username, password, ip: clientIp(req, config.trustProxy), deviceId: deviceId(req) });
      if (r.ok) {
        ctx.compound = r.value.compound.code;
        ctx.user = r.value.user.id;
        return ok(r.value);
      }
      const { code, message, retryAfter } = r.error;
      return fail(
        retryAfter === undefined ? failure(code, message) : failure(code, message, { retryAfter }, { 'Retry-After': String(retryAfter) }),
      );
    },

    async refresh(rr) {
      const token = await refreshToken(rr);
      if (!token.ok) return fail(token.error);
      const r = await refresh(auth, token.value);
      if (r.ok) {
        rr.ctx.compound = r.value.compound.code;
        rr.ctx.user = r.value.user.id;
      }
      return r.ok ? ok(r.value) : fail(failure(r.error.code, r.error.message));
    },

    async logout(rr) {
      const token = await refreshToken(rr);
      if (!token.ok) return fail(token.error);
      await logout(auth, token.value);
      return ok({ ok: true });
    },

    async me(rr) {
      const a = await c.authorize(rr);
      if (!a.ok) return fail(a.error);
      const { claims } = a.value;
      const user = await findUserById(db, claims.tid, claims.sub);
      const compound = await findCompoundById(db, claims.tid);
      if (!user || user.disabled || !compound) return fail(failure('UNAUTHENTICATED', 'user no longer exists'));
      const body: MeResponse = {
        user: { id: user.id, username: user.username, name: user.name, role: user.role },
        compound: { code: compound.code, name: compound.name },
        tokenExpiresAt: new Date(claims.exp * 1000).toISOString(),
      };
      return ok(body);
    },
  };
}
