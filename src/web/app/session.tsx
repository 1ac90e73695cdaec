/** The signed-in user (GET /auth/me), what he may do, and the estate picked in the header. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { can as roleCan, type Permission } from '../../core/roles.ts';
import { api, ApiError } from '../api/client.ts';
import type { Me, MeEstate } from '../api/types.ts';

export const ME_KEY = ['me'] as const;

/** Where a user lands after signing in: the front desk at its tickets, department staff at their work, the cashier at the charging center. */
export function homeOf(role: string): string {
  if (role === 'owner') return '/portal';
  if (role === 'front_desk') return '/desk/tickets';
  if (role === 'dept_staff') return '/desk/work';
  if (role === 'cashier') return '/fees/cashier';
  return '/units';
}

async function fetchMe(): Promise<Me | null> {
  try {
    return await api<Me>('/api/v1/auth/me');
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

/** null when nobody is signed in; undefined while loading. */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

export function useLogout() {
  const qc = useQueryClient();
  return useCallback(async () => {
    try {
      await api('/api/v1/auth/logout', { method: 'POST', body: {} });
    } finally {
      qc.clear();
      qc.setQueryData(ME_KEY, null);
    }
  }, [qc]);
}

interface Session {
  me: Me;
  can: (permission: Permission) => boolean;
  estates: MeEstate[];
  estateId: number | undefined;
  estate: MeEstate | undefined;
  setEstateId: (id: number) => void;
  /** Name of an area of any estate the user sees. */
  areaName: (areaId: number | null | undefined) => string | undefined;
  estateName: (estateId: number | null | undefined) => string | undefined;
}

const SessionContext = createContext<Session | null>(null);
const ESTATE_KEY = 'wd.estate';

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  const [picked, setPicked] = useState<number | undefined>(() => {
    const saved = Number(localStorage.getItem(ESTATE_KEY));
    return Number.isInteger(saved) && saved > 0 ? saved : undefined;
  });
  const setEstateId = useCallback((id: number) => {
    localStorage.setItem(ESTATE_KEY, String(id));
    setPicked(id);
  }, []);
  const value = useMemo<Session>(() => {
    const estate = me.estates.find((e) => e.id === picked) ?? me.estates[0];
    const areas = new Map(me.estates.flatMap((e) => e.areas.map((a) => [a.id, a.name] as const)));
    return {
      me,
      can: (p) => roleCan(me.user.role, p),
      estates: me.estates,
      estate,
      estateId: estate?.id,
      setEstateId,
      areaName: (id) => (id == null ? undefined : areas.get(id)),
      estateName: (id) => (id == null ? undefined : me.estates.find((e) => e.id === id)?.name),
    };
  }, [me, picked, setEstateId]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
