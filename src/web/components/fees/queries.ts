/** Lookups the fee pages share: buildings, fee items and the estate (its phone for notices). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { FeeItem } from '../../api/fee-types.ts';
import type { Building, Estate, ListResponse } from '../../api/types.ts';

export const FEES = 'fees';

export function useBuildings(estateId: number | undefined, areaId?: number) {
  const q = useQuery({
    queryKey: ['buildings', estateId],
    queryFn: () => api<ListResponse<Building>>('/api/v1/buildings', { query: { estateId, pageSize: 200 } }),
    enabled: !!estateId,
    staleTime: 5 * 60_000,
  });
  const items = (q.data?.items ?? []).filter((b) => !b.archived && (!areaId || b.areaId === areaId));
  return { ...q, items, options: items.map((b) => ({ value: b.id, label: b.name })) };
}

export function useFeeItems(estateId: number | undefined) {
  const q = useQuery({
    queryKey: [FEES, 'items', estateId],
    queryFn: () => api<{ items: FeeItem[] }>('/api/v1/fees/items', { query: { estateId } }),
    enabled: !!estateId,
  });
  const items = q.data?.items ?? [];
  const active = items.filter((i) => !i.archivedAt);
  return { ...q, items, active, options: active.map((i) => ({ value: i.id, label: i.name })) };
}

export function useEstate(estateId: number | undefined) {
  return useQuery({
    queryKey: ['estate', estateId],
    queryFn: () => api<Estate>(`/api/v1/estates/${estateId}`),
    enabled: !!estateId,
    staleTime: 5 * 60_000,
  });
}

/** A fresh idempotency key (crypto.randomUUID is missing outside secure contexts, e.g. http on a LAN). */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
