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
  login: { maxFailuresPerUser: number; maxFailuresPerIp: number; windowMinutes: number };
  uploadMaxBytes: number;
  /** Uploaded files (ticket photos); a folder under DATA_DIR unless set. */
  filesDir: string;
  /** SMTP server for e-mail notifications, e.g. smtp://user:pass@host:587; unset: notifications are logged. */
  smtpUrl?: string;
  smtpFrom: string;
  /** Run the service desk sweep (warnings, escalations, auto-confirmation) every minute. */
  sweep: boolean;
  /** Readiness fails when DATA_DIR has less free space than this (MIN_FREE_DISK_MB, default 100). */
  minFreeDiskMb: number;
}

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
      maxFailuresPerUser: int(env.LOGIN_MAX_FAILURES, 5),
      maxFailuresPerIp: int(env.LOGIN_MAX_FAILURES_PER_IP, 30),
      windowMinutes: int(env.LOGIN_WINDOW_MINUTES, 15),
    },
    uploadMaxBytes: int(env.UPLOAD_MAX_BYTES, 20 * 1024 * 1024),
    filesDir: path.resolve(env.FILES_DIR ?? path.join(env.DATA_DIR ?? './data', 'files')),
    smtpUrl: env.SMTP_URL || undefined,
    smtpFrom: env.SMTP_FROM ?? 'Wuye Desk <no-reply@localhost>',
    sweep: env.DESK_SWEEP !== '0' && mode !== 'test',
    minFreeDiskMb: int(env.MIN_FREE_DISK_MB, 100),
  };
  return config;
}

/** Production refuses to start with settings that are only safe on a developer's machine. */
export function checkProductionConfig(config: Config): string[] {
  if (config.env !== 'production') return [];
  const problems: string[] = [];
  if (config.sessionSecret === DEFAULT_SECRET || config.sessionSecret.length < 32)
    problems.push('SESSION_SECRET must be set to a random string of at least 32 characters / 生产环境必须设置至少 32 位的 SESSION_SECRET');
  return problems;
}

function int(v: string | undefined, fallback: number): number {
  const n = v == null || v === '' ? Number.NaN : Number(v);
  return Number.isInteger(n) ? n : fallback;
}
