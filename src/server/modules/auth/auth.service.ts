import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../../core/clock.ts';
import type { Role } from '../../../core/roles.ts';
import { EMPTY_SCOPE, type Scope } from '../../../core/scope.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { authRepository as repo } from './auth.repository.ts';
import { DUMMY_HASH, verifyPassword } from './password.ts';

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

export class AuthService {
  constructor(
    private db: Db,
    private clock: Clock,
    private config: Config,
    private audit: AuditService,
  ) {}

  async login(username: string, password: string, ip: string, userAgent: string | null): Promise<{ token: string; expiresAt: Date }> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - this.config.login.windowMinutes * 60_000).toISOString();
    const { maxFailuresPerUser, maxFailuresPerIp, windowMinutes } = this.config.login;
    if (
      (await repo.countFailures(this.db, 'username', username, since)) >= maxFailuresPerUser ||
      (await repo.countFailures(this.db, 'ip', ip, since)) >= maxFailuresPerIp
    ) {
      throw new AppError('RATE_LIMITED', { key: 'error.rateLimited', params: { minutes: windowMinutes } });
    }
    const user = await repo.findUserByUsername(this.db, username);
    const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
    const success = Boolean(user && ok && user.active === 1);
    await repo.recordAttempt(this.db, { username, ip, at: now.toISOString(), success: success ? 1 : 0 });
    if (!success || !user) throw new AppError('UNAUTHENTICATED', { key: 'error.badCredentials' });

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

  async logout(sessionId: string): Promise<void> {
    await repo.revokeSession(this.db, sessionId, this.clock.now().toISOString());
  }

  async resolve(token: string): Promise<AuthContext | null> {
    const sessionId = hashToken(token);
    const rows = await repo.findSession(this.db, sessionId, this.clock.now().toISOString());
    const row = rows[0];
    if (!row || row.active !== 1) return null;
    const role = row.role as Role;
    return {
      sessionId,
      user: { id: row.id, username: row.username, displayName: row.display_name, role, department: row.department },
      scope: await this.scopeOf(row.id, role, rows.filter((r) => r.scope_estate != null).map((r) => ({ estate_id: r.scope_estate!, area_id: r.scope_area }))),
    };
  }

  private async scopeOf(userId: number, role: Role, rows: Array<{ estate_id: number; area_id: number | null }>): Promise<Scope> {
    if (role === 'admin') return { ...EMPTY_SCOPE, all: true };
    if (role === 'owner') {
      const units = await repo.ownedUnits(this.db, userId);
      return { ...EMPTY_SCOPE, units: units.map((u) => u.unit_id) };
    }
    const estates = rows.filter((r) => r.area_id == null).map((r) => r.estate_id);
    const areas = rows
      .filter((r) => r.area_id != null && !estates.includes(r.estate_id))
      .map((r) => ({ estateId: r.estate_id, areaId: r.area_id as number }));
    return { all: false, estates, areas, units: [] };
  }
}
