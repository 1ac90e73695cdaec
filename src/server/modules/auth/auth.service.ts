import { createHash, randomBytes } from 'node:crypto';
import { type Clock, todayOf } from '../../../core/clock.ts';
import { passwordProblem } from '../../../core/password.ts';
import type { Role } from '../../../core/roles.ts';
import { EMPTY_SCOPE, type Scope } from '../../../core/scope.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { AppError, invalid } from '../../http/errors.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import { currentPortalGrants } from '../households/portal-scope.ts';
import { type AttemptKey, authRepository as repo, sessionCache } from './auth.repository.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.ts';

export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** Department code of department staff (engineering, cleaning, ...). */
  department: string | null;
}
export interface AuthContext {
  user: AuthUser;
  scope: Scope;
  sessionId: string;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** Token → session id: a browser sends the same token with every request; hashing it anew was 1.7% of a registration. */
const sessionIds = new Map<string, string>();
function sessionIdOf(token: string) {
  let id = sessionIds.get(token);
  if (id === undefined) {
    id = hashToken(token);
    if (sessionIds.size >= 10_000) sessionIds.clear();
    sessionIds.set(token, id);
  }
  return id;
}

/** The caller kept in the session cache for this session, if any (see session-cache.ts). */
const cachedSession = (sessionId: string, now: Date) => sessionCache.get(sessionId, now.getTime())?.value as Omit<AuthContext, 'sessionId'> | undefined;

/** 429 with the seconds until the next attempt may be checked (the route sends Retry-After). */
export class LoginLimited extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', { key: 'error.loginLocked', params: { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) } });
  }
}

export class AuthService {
  constructor(
    private db: Db,
    private clock: Clock,
    private config: Config,
    private audit: AuditService,
  ) {}

  async login(username: string, password: string, ip: string, userAgent: string | null): Promise<{ token: string; expiresAt: Date }> {
    const found: { user?: Awaited<ReturnType<typeof repo.findUserByUsername>> } = {};
    const success = await this.limited(username, ip, 'login', async () => {
      found.user = await repo.findUserByUsername(this.db, username);
      const ok = await verifyPassword(password, found.user?.password_hash ?? DUMMY_HASH);
      return Boolean(found.user && ok && found.user.active === 1);
    });
    const user = found.user;
    if (!success || !user) throw new AppError('UNAUTHENTICATED', { key: 'error.badCredentials' });

    const now = this.clock.now();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.sessionHours * 3_600_000);
    await repo.insertSession(this.db, {
      id: hashToken(token),
      user_id: user.id,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      ip,
      user_agent: userAgent?.slice(0, 300) ?? null,
    });
    await this.audit.record(this.db, { id: user.id, name: user.username, ip }, {
      action: 'login',
      entity: 'user',
      entityId: user.id,
      estateId: null,
      summary: { key: 'audit.login', params: { name: user.display_name } },
      ref: user.username,
    });
    return { token, expiresAt };
  }

  /**
   * Own password change: the old password is a guess like a sign-in and counts the same way; the
   * other sessions end (whoever else held one is out), the current one stays.
   */
  async changePassword(actor: Actor, auth: AuthContext, ip: string, oldPassword: string, newPassword: string): Promise<void> {
    const problem = passwordProblem(newPassword, auth.user.username);
    if (problem) throw invalid('newPassword', problem);
    const user = await repo.findUser(this.db, auth.user.id);
    if (!user) throw new AppError('UNAUTHENTICATED', { key: 'error.unauthenticated' });
    const ok = await this.limited(user.username, ip, 'password', () => verifyPassword(oldPassword, user.password_hash));
    if (!ok) throw invalid('oldPassword', 'error.badCredentials');
    if (newPassword === oldPassword) throw invalid('newPassword', 'field.passwordSame');
    const hash = await hashPassword(newPassword);
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await repo.setPasswordHash(trx, user.id, hash, now);
      await repo.revokeUserSessions(trx, user.id, now, auth.sessionId);
      await this.audit.record(trx, actor, { action: 'update', entity: 'user', entityId: user.id, estateId: null, summary: { key: 'audit.user.ownPassword', params: { username: user.username } }, ref: user.username });
    });
  }

  /**
   * Runs one password check under the limits. The attempt is written (and committed) before it is
   * counted, and counts as a failure until the check succeeds; so of any number of attempts at once,
   * the one whose row lands k-th sees at least k rows, and at most `limit` of them are checked, on
   * SQLite and on PostgreSQL alike. The windows slide: a success does not wipe out failures.
   */
  private async limited(username: string, ip: string, kind: 'login' | 'password', check: () => Promise<boolean>): Promise<boolean> {
    const name = username.trim().toLowerCase();
    const now = this.clock.now();
    const { maxFailuresPerUserIp, maxFailuresPerUser, maxFailuresPerIp, windowMinutes } = this.config.login;
    const windowMs = windowMinutes * 60_000;
    const since = new Date(now.getTime() - windowMs).toISOString();
    const id = await repo.reserveAttempt(this.db, { username: name, ip, at: now.toISOString(), kind });
    const counts = await repo.countAttempts(this.db, name, ip, since);
    const limits: Record<AttemptKey, number> = { user_ip: maxFailuresPerUserIp, username: maxFailuresPerUser, ip: maxFailuresPerIp };
    const over = (Object.keys(limits) as AttemptKey[]).filter((k) => counts[k] > limits[k]);
    if (over.length) {
      await repo.markAttempt(this.db, id, { refused: 1 });
      // Free again when the limit-th most recent counted attempt leaves the window.
      let wait = 1;
      for (const k of over) {
        const at = await repo.nthRecentAttempt(this.db, k, name, ip, since, limits[k]);
        const ms = at ? Date.parse(at) + windowMs - now.getTime() : windowMs;
        wait = Math.max(wait, Math.ceil(ms / 1000));
      }
      throw new LoginLimited(wait);
    }
    const ok = await check();
    if (ok) await repo.markAttempt(this.db, id, { success: 1 });
    return ok;
  }

  async logout(sessionId: string): Promise<void> {
    await repo.revokeSession(this.db, sessionId, this.clock.now().toISOString());
  }

  /**
   * A staff caller from the session cache alone, without a promise; undefined when the database
   * must be asked (not cached, or an owner, whose units are read on every request): then resolve().
   */
  cached(token: string): AuthContext | undefined {
    const sessionId = sessionIdOf(token);
    const hit = cachedSession(sessionId, this.clock.now());
    if (!hit || hit.user.role === 'owner') return undefined;
    return { sessionId, user: hit.user, scope: hit.scope };
  }

  async resolve(token: string): Promise<AuthContext | null> {
    const sessionId = sessionIdOf(token);
    const now = this.clock.now();
    let hit = cachedSession(sessionId, now);
    if (!hit) {
      const rows = await repo.findSession(this.db, sessionId, now.toISOString());
      const row = rows[0];
      // Refusals are not kept: a session that just came into being must work at once.
      if (!row || row.active !== 1) return null;
      const role = row.role as Role;
      const value = {
        user: { id: row.id, username: row.username, displayName: row.display_name, role, department: row.department },
        scope: this.staffScope(role, rows.filter((r) => r.scope_estate != null).map((r) => ({ estate_id: r.scope_estate!, area_id: r.scope_area }))),
      };
      sessionCache.set(sessionId, row.id, value, now.getTime(), Date.parse(row.expires_at));
      hit = value;
    }
    const { user, scope } = hit;
    // An owner's units are recomputed on every request from the current ownerships and leases: a sale closes them at once.
    if (user.role === 'owner') {
      const grants = await currentPortalGrants(this.db, user.id, todayOf(this.clock));
      return { sessionId, user, scope: { ...EMPTY_SCOPE, units: grants.map((g) => g.unitId), unitsSince: Object.fromEntries(grants.map((g) => [g.unitId, g.since])) } };
    }
    return { sessionId, user, scope };
  }

  private staffScope(role: Role, rows: Array<{ estate_id: number; area_id: number | null }>): Scope {
    if (role === 'admin') return { ...EMPTY_SCOPE, all: true };
    if (role === 'owner') return EMPTY_SCOPE;
    const estates = rows.filter((r) => r.area_id == null).map((r) => r.estate_id);
    const areas = rows
      .filter((r) => r.area_id != null && !estates.includes(r.estate_id))
      .map((r) => ({ estateId: r.estate_id, areaId: r.area_id as number }));
    return { all: false, estates, areas, units: [] };
  }
}
