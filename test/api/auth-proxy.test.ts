/** Which address a sign-in is counted against, behind (or not behind) a trusted proxy. */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

const apps: TestApp[] = [];
const saved = process.env.TRUST_PROXY;
afterEach(async () => {
  while (apps.length) await apps.pop()!.close();
  if (saved === undefined) delete process.env.TRUST_PROXY;
  else process.env.TRUST_PROXY = saved;
  delete process.env.TRUST_PROXY_HOPS;
});

/** An app configured from these variables (also set in process.env, where the old code looked). */
async function appWith(env: Record<string, string>) {
  Object.assign(process.env, env);
  const t = await createTestApp({ demo: false, config: { trustProxy: loadConfig(env).trustProxy } });
  apps.push(t);
  return t;
}

async function countedAddress(t: TestApp, username: string, remoteAddress: string, forwarded: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'wrong-password' }, remoteAddress, headers: { 'x-forwarded-for': forwarded } });
  expect(res.statusCode).toBe(401);
  const row = await t.db.selectFrom('login_attempts').select('ip').where('username', '=', username).executeTakeFirstOrThrow();
  return row.ip;
}

describe('trusted proxy', () => {
  it('TRUST_PROXY=1 trusts only a proxy on this machine: a forged X-Forwarded-For from another peer is ignored', async () => {
    const t = await appWith({ TRUST_PROXY: '1' });
    expect(await countedAddress(t, 'u1', '10.60.0.1', '6.6.6.6')).toBe('10.60.0.1');
    expect(await countedAddress(t, 'u2', '127.0.0.1', '6.6.6.6, 10.60.0.9')).toBe('10.60.0.9');
  });

  it('a list of proxy addresses/CIDRs: only those peers may name the client, and only the hop they added counts', async () => {
    const t = await appWith({ TRUST_PROXY: '127.0.0.1,10.0.0.0/8' });
    expect(await countedAddress(t, 'u1', '192.168.1.5', '1.2.3.4')).toBe('192.168.1.5');
    expect(await countedAddress(t, 'u2', '10.1.1.1', '1.2.3.4')).toBe('1.2.3.4');
    // the client wrote "9.9.9.9" himself; the proxy appended the address it saw
    expect(await countedAddress(t, 'u3', '10.1.1.1', '9.9.9.9, 203.0.113.7')).toBe('203.0.113.7');
  });

  it('TRUST_PROXY_HOPS=1 takes the address the one proxy saw, not what the client wrote', async () => {
    const t = await appWith({ TRUST_PROXY_HOPS: '1' });
    expect(await countedAddress(t, 'u1', '10.60.0.1', '6.6.6.6, 7.7.7.7')).toBe('7.7.7.7');
  });

  it('no proxy trusted by default', async () => {
    const t = await appWith({ TRUST_PROXY: '0' });
    expect(await countedAddress(t, 'u1', '10.60.0.1', '6.6.6.6')).toBe('10.60.0.1');
  });
});
