/** The start banner's addresses: localhost, and the office-network ones a colleague can open. */
import type os from 'node:os';
import { describe, expect, it } from 'vitest';
import { openUrls } from '../../src/server/http/addresses.ts';

const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false) => ({ address, family, internal, netmask: '', mac: '', cidr: null }) as os.NetworkInterfaceInfo;
const nets = {
  lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
  eth0: [nic('192.168.1.20', 'IPv4'), nic('fe80::1', 'IPv6')],
  wlan0: [nic('10.0.0.7', 'IPv4')],
};

describe('start banner addresses', () => {
  it('lists every non-internal IPv4 address when listening on all interfaces', () => {
    expect(openUrls('0.0.0.0', 3000, nets)).toEqual({ local: 'http://localhost:3000', lan: ['http://192.168.1.20:3000', 'http://10.0.0.7:3000'] });
    expect(openUrls('::', 8080, nets).lan).toEqual(['http://192.168.1.20:8080', 'http://10.0.0.7:8080']);
  });
  it('lists none when only this machine can connect, the one address when bound to it', () => {
    expect(openUrls('127.0.0.1', 3000, nets).lan).toEqual([]);
    expect(openUrls('192.168.1.20', 3000, nets).lan).toEqual(['http://192.168.1.20:3000']);
  });
});
