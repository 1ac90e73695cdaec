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
