import { isIP } from 'node:net';
import path from 'node:path';

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  sessionSecret: string;
  sessionHours: number;
  cookieSecure: boolean;
  /** Load the demo estate into a new database (never in production). */
  demoData: boolean;
  /** The controllable clock API for tests and demos (refused in production). */
  clockControl: boolean;
  /**
   * Failed sign-ins (and wrong old passwords) allowed within the sliding window: per username and
   * address, per username from all addresses (slower), per address over all usernames. A success
   * resets none of them.
   */
  login: { maxFailuresPerUserIp: number; maxFailuresPerUser: number; maxFailuresPerIp: number; windowMinutes: number };
  /** Fastify's trustProxy: off, the proxies' addresses/CIDRs, or a hop count (as a function). */
  trustProxy: TrustProxy;
  /** Settings that could not be understood; start-up refuses them. */
  invalid: string[];
  uploadMaxBytes: number;
  /** Uploaded files (ticket photos); a folder under DATA_DIR unless set. */
  filesDir: string;
  /** SMTP server for e-mail notifications, e.g. smtp://user:pass@host:587; unset: notifications are logged. */
  smtpUrl?: string;
  smtpFrom: string;
  /** Run the service desk sweep (warnings, escalations, auto-confirmation) every minute. */
  sweep: boolean;
  /** Workbook imports: rows per sheet (archive, meter readings) and what a file may expand to unzipped. */
  imports: { maxRows: number; readingsMaxRows: number; maxUncompressedBytes: number };
  /** Ticket photos one user may upload in any 24 hours. */
  photoDailyQuota: number;
  /** Readiness fails when DATA_DIR has less free space than this (MIN_FREE_DISK_MB, default 100). */
  minFreeDiskMb: number;
}

/** Which peers may say who the client is (X-Forwarded-For); a function gets (address, hop from the socket). */
export type TrustProxy = false | string[] | ((address: string, hop: number) => boolean);

export const DEFAULT_SECRET = 'wuye-desk-development-secret-change-me';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const production = mode === 'production';
  const config: Config = {
    env: mode,
    host: env.HOST ?? '0.0.0.0',
    port: int(env.PORT, 3000),
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    sessionSecret: env.SESSION_SECRET ?? DEFAULT_SECRET,
    sessionHours: int(env.SESSION_HOURS, 12),
    cookieSecure: env.COOKIE_SECURE ? env.COOKIE_SECURE === '1' : production,
    demoData: !production && env.DEMO_DATA !== '0',
    clockControl: !production && env.CLOCK_CONTROL === '1',
    login: {
      maxFailuresPerUserIp: int(env.LOGIN_MAX_FAILURES, 5),
      maxFailuresPerUser: int(env.LOGIN_MAX_FAILURES_PER_USER, 20),
      maxFailuresPerIp: int(env.LOGIN_MAX_FAILURES_PER_IP, 30),
      windowMinutes: int(env.LOGIN_WINDOW_MINUTES, 15),
    },
    trustProxy: false,
    invalid: [],
    uploadMaxBytes: int(env.UPLOAD_MAX_BYTES, 20 * 1024 * 1024),
    filesDir: path.resolve(env.FILES_DIR ?? path.join(env.DATA_DIR ?? './data', 'files')),
    smtpUrl: env.SMTP_URL || undefined,
    smtpFrom: env.SMTP_FROM ?? 'Wuye Desk <no-reply@localhost>',
    sweep: env.DESK_SWEEP !== '0' && mode !== 'test',
    imports: {
      maxRows: int(env.IMPORT_MAX_ROWS, 50_000),
      readingsMaxRows: int(env.READINGS_IMPORT_MAX_ROWS, 50_000),
      maxUncompressedBytes: int(env.IMPORT_MAX_UNCOMPRESSED_MB, 100) * 1024 * 1024,
    },
    photoDailyQuota: int(env.PHOTO_DAILY_QUOTA, 100),
    minFreeDiskMb: int(env.MIN_FREE_DISK_MB, 100),
  };
  const proxy = trustProxyOf(env.TRUST_PROXY, env.TRUST_PROXY_HOPS);
  if (typeof proxy === 'string') config.invalid.push(proxy);
  else config.trustProxy = proxy;
  const { maxFailuresPerUserIp, maxFailuresPerUser, maxFailuresPerIp, windowMinutes } = config.login;
  const limits = { LOGIN_MAX_FAILURES: maxFailuresPerUserIp, LOGIN_MAX_FAILURES_PER_USER: maxFailuresPerUser, LOGIN_MAX_FAILURES_PER_IP: maxFailuresPerIp, LOGIN_WINDOW_MINUTES: windowMinutes };
  for (const [name, v] of Object.entries(limits)) if (v < 1) config.invalid.push(`${name} must be at least 1 / ${name} 必须至少为 1`);
  return config;
}

const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * Which peers may tell the client's address in X-Forwarded-For. TRUST_PROXY is 0 (nobody), 1 (a
 * proxy on this machine: loopback only, so a client reaching the port directly cannot forge its
 * address), or a comma list of proxy addresses/CIDRs. TRUST_PROXY_HOPS=n trusts the n nearest
 * hops whoever they are: only for a port that nothing but the proxy can reach (Fastify itself no
 * longer takes a bare count for that reason). Anything else is an error message: guessing here
 * would let a client choose its address.
 */
export function trustProxyOf(list: string | undefined, hops: string | undefined): TrustProxy | string {
  const l = list?.trim() ?? '';
  const h = hops?.trim() ?? '';
  const off = l === '' || l === '0' || l === 'false';
  if (h !== '') {
    if (!off) return 'Set TRUST_PROXY or TRUST_PROXY_HOPS, not both / TRUST_PROXY 与 TRUST_PROXY_HOPS 只能设置一个';
    const n = Number(h);
    if (/^\d+$/.test(h)) return n === 0 ? false : (_address: string, hop: number) => hop < n;
    return `TRUST_PROXY_HOPS must be a whole number, got "${h}" / TRUST_PROXY_HOPS 必须是整数`;
  }
  if (off) return false;
  if (l === '1' || l === 'true') return ['loopback'];
  const entries = l.split(',').map((e) => e.trim()).filter(Boolean);
  const bad = entries.filter((e) => !NAMED_RANGES.includes(e) && !isAddressOrCidr(e));
  if (bad.length)
    return `TRUST_PROXY must be 0, 1 or a list of proxy addresses/CIDRs (use TRUST_PROXY_HOPS for a hop count); not understood: ${bad.join(', ')} / TRUST_PROXY 只能是 0、1 或代理服务器地址（CIDR）列表`;
  return entries;
}

function isAddressOrCidr(entry: string): boolean {
  const [addr, prefix, extra] = entry.split('/');
  const version = isIP(addr ?? '');
  if (!version || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const n = Number(prefix);
  return /^\d+$/.test(prefix) && n <= (version === 4 ? 32 : 128);
}

/**
 * Start-up refuses settings it could not understand, and in production those that are only safe on
 * a developer's machine (demo accounts are checked in bootstrap, which has the database).
 */
export function checkProductionConfig(config: Config): string[] {
  const problems = [...config.invalid];
  if (config.env !== 'production') return problems;
  if (config.sessionSecret === DEFAULT_SECRET || config.sessionSecret.length < 32)
    problems.push('SESSION_SECRET must be set to a random string of at least 32 characters / 生产环境必须设置至少 32 位的 SESSION_SECRET');
  return problems;
}

function int(v: string | undefined, fallback: number): number {
  const n = v == null || v === '' ? Number.NaN : Number(v);
  return Number.isInteger(n) ? n : fallback;
}
