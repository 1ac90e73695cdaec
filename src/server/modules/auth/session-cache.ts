/**
 * Every API request checks its session; the lookup (session, user, scope rows) was a tenth of a
 * ticket registration. Keep each resolved session for a few seconds in this process, keyed by the
 * token's hash. Logout, password changes, role/active/scope edits made on this instance drop the
 * entries at once; another instance (several may share one database) sees them within TTL_MS,
 * the same bound as its configuration cache. Expiry is checked against the session's own
 * end, by the application clock.
 */
export interface CachedSession<T> {
  userId: number;
  value: T;
  /** Application-clock milliseconds: the entry is used until then (session end at the latest). */
  until: number;
  since: number;
}

export class SessionCache<T> {
  static TTL_MS = 5_000;
  /** Sessions are few (one per signed-in person and device); the bound only stops a flood of tokens. */
  static MAX = 10_000;
  private entries = new Map<string, CachedSession<T>>();

  get(sessionId: string, now: number): CachedSession<T> | undefined {
    const e = this.entries.get(sessionId);
    if (!e) return undefined;
    // A clock set back (tests, or an operator) must not keep an entry alive.
    if (now >= e.until || now < e.since) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return e;
  }

  set(sessionId: string, userId: number, value: T, now: number, sessionEnd: number) {
    if (this.entries.size >= SessionCache.MAX) this.entries.clear();
    this.entries.set(sessionId, { userId, value, since: now, until: Math.min(now + SessionCache.TTL_MS, sessionEnd) });
  }

  forget(sessionId: string) {
    this.entries.delete(sessionId);
  }

  forgetUser(userId: number) {
    for (const [id, e] of this.entries) if (e.userId === userId) this.entries.delete(id);
  }
}
