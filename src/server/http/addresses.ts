/**
 * Where people can open the app: localhost, and when the server listens on every interface,
 * each IPv4 address of this machine on the office network (colleagues type that one).
 */
import os from 'node:os';

type Interfaces = ReturnType<typeof os.networkInterfaces>;

export function openUrls(host: string, port: number, nets: Interfaces = os.networkInterfaces()): { local: string; lan: string[] } {
  const local = `http://localhost:${port}`;
  if (host === '127.0.0.1' || host === 'localhost' || host === '::1') return { local, lan: [] };
  if (host !== '0.0.0.0' && host !== '::') return { local, lan: [`http://${host.includes(':') ? `[${host}]` : host}:${port}`] };
  const lan = Object.values(nets)
    .flat()
    .filter((n): n is os.NetworkInterfaceInfo => !!n && n.family === 'IPv4' && !n.internal)
    .map((n) => `http://${n.address}:${port}`);
  return { local, lan: [...new Set(lan)] };
}
