/** The demo's people acting through the services, as if signed in (whole-estate scope). */
import type { Role } from '../../core/roles.ts';
import type { Services } from '../app.ts';
import type { Actor } from '../modules/audit/audit.service.ts';
import type { AuthContext } from '../modules/auth/auth.service.ts';

export type DemoContext = { actor: Actor; auth: AuthContext };

export async function demoActors(services: Services): Promise<(username: string) => DemoContext> {
  const users = await services.users.list({ page: 1, pageSize: 100 });
  return (username: string) => {
    const u = users.items.find((x) => x.username === username)!;
    return {
      actor: { id: u.id, name: u.username, ip: null, displayName: u.displayName },
      auth: { sessionId: '', user: { id: u.id, username: u.username, displayName: u.displayName, role: u.role as Role, department: u.department }, scope: { all: true, estates: [], areas: [], units: [] } },
    };
  };
}
