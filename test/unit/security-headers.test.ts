/** Helmet's headers computed once (http/security-headers.ts) are the ones its middleware sets on a real response. */
import http from 'node:http';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../../src/server/http/security-headers.ts';

const helmet = createRequire(createRequire(import.meta.url).resolve('@fastify/helmet'))('helmet');
const options = { contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'], upgradeInsecureRequests: null } }, hsts: false };

describe('security headers', () => {
  it('are what helmet sets on a response, X-Powered-By removed', () => {
    const res = new http.ServerResponse(new http.IncomingMessage(null as never));
    res.setHeader('X-Powered-By', 'something');
    helmet(options)({ headers: {} }, res, () => {});
    const expected = Object.fromEntries(Object.entries(res.getHeaders()).map(([k, v]) => [k, String(v)]));
    expect(securityHeaders(options)).toEqual(expected);
    expect(expected['x-powered-by']).toBeUndefined();
    expect(expected['content-security-policy']).toContain("img-src 'self' data:");
    expect(expected['x-frame-options']).toBe('SAMEORIGIN');
    expect(expected['strict-transport-security']).toBeUndefined();
  });

  it('refuse options that vary per request (a nonce function)', () => {
    const nonce = { contentSecurityPolicy: { directives: { scriptSrc: ["'self'", () => "'nonce-abc'"] } } };
    expect(() => securityHeaders(nonce)).toThrow(/per-request/);
  });
});
