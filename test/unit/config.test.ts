import { describe, expect, it } from 'vitest';
import { checkProductionConfig, DEFAULT_SECRET, loadConfig } from '../../src/server/config.ts';
import { t, pickLang } from '../../src/server/i18n/messages.ts';

describe('configuration', () => {
  it('development: demo data on, clock control only when asked, port and data dir from the environment', () => {
    const c = loadConfig({ PORT: '4000', DATA_DIR: '/tmp/x' });
    expect(c).toMatchObject({ env: 'development', port: 4000, dataDir: '/tmp/x', demoData: true, clockControl: false, cookieSecure: false });
    expect(loadConfig({ CLOCK_CONTROL: '1' }).clockControl).toBe(true);
    expect(loadConfig({ DEMO_DATA: '0' }).demoData).toBe(false);
  });

  it('production never loads demo data, never moves the clock, and refuses the default secret', () => {
    const c = loadConfig({ NODE_ENV: 'production', CLOCK_CONTROL: '1', DEMO_DATA: '1' });
    expect(c.demoData).toBe(false);
    expect(c.clockControl).toBe(false);
    expect(c.cookieSecure).toBe(true);
    expect(c.sessionSecret).toBe(DEFAULT_SECRET);
    expect(checkProductionConfig(c)).toHaveLength(1);
    expect(checkProductionConfig({ ...c, sessionSecret: 'short' })).toHaveLength(1);
    expect(checkProductionConfig({ ...c, sessionSecret: 'x'.repeat(40) })).toEqual([]);
  });
});

describe('messages', () => {
  it('picks Chinese unless English comes first', () => {
    expect(pickLang(undefined)).toBe('zh-CN');
    expect(pickLang('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(pickLang('en-US,en;q=0.9')).toBe('en-US');
  });
  it('fills parameters and translates entity names', () => {
    expect(t('zh-CN', 'error.notFound', { entity: 'entity.unit' })).toBe('房屋不存在或您无权查看');
    expect(t('en-US', 'error.notFound', { entity: 'entity.unit' })).toBe('Unit not found or not visible to you');
  });
});

describe('login limits and trusted proxies', () => {
  it('reads the three limits and the window, and refuses a limit below 1', () => {
    const c = loadConfig({ LOGIN_MAX_FAILURES: '4', LOGIN_MAX_FAILURES_PER_USER: '12', LOGIN_MAX_FAILURES_PER_IP: '40', LOGIN_WINDOW_MINUTES: '10' });
    expect(c.login).toEqual({ maxFailuresPerUserIp: 4, maxFailuresPerUser: 12, maxFailuresPerIp: 40, windowMinutes: 10 });
    expect(loadConfig({}).login).toEqual({ maxFailuresPerUserIp: 5, maxFailuresPerUser: 20, maxFailuresPerIp: 30, windowMinutes: 15 });
    expect(checkProductionConfig(loadConfig({ LOGIN_MAX_FAILURES: '0' }))[0]).toContain('LOGIN_MAX_FAILURES');
  });

  it('trusts no proxy by default, loopback for TRUST_PROXY=1, a list of addresses/CIDRs, or a hop count', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    const hops = loadConfig({ TRUST_PROXY_HOPS: '2' }).trustProxy as (a: string, i: number) => boolean;
    expect([0, 1, 2].map((i) => hops('203.0.113.9', i))).toEqual([true, true, false]);
    expect(checkProductionConfig(loadConfig({ TRUST_PROXY: '127.0.0.1' }))).toEqual([]);
  });

  it('refuses to start with a proxy setting it does not understand, in any mode', () => {
    for (const env of [{ TRUST_PROXY: 'yes' }, { TRUST_PROXY: '2' }, { TRUST_PROXY: '10.0.0.0/33' }, { TRUST_PROXY_HOPS: 'one' }, { TRUST_PROXY: '1', TRUST_PROXY_HOPS: '1' }]) {
      const c = loadConfig(env);
      expect(c.trustProxy, JSON.stringify(env)).toBe(false);
      expect(checkProductionConfig(c), JSON.stringify(env)).toHaveLength(1);
    }
  });
});
