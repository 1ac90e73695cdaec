/** Shared bits of the notices pages: tags, the audience picker's data, local date-time ↔ ISO. */
import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import { api } from '../../api/client.ts';
import type { ListResponse } from '../../api/types.ts';
import { type MessageKey, useT } from '../../i18n/index.tsx';

const CAT_COLOR: Record<string, string> = { notice: 'blue', announcement: 'purple', propaganda: 'cyan', activity: 'green', emergency: 'red' };
const ST_COLOR: Record<string, string> = { draft: 'default', pending_approval: 'orange', scheduled: 'geekblue', published: 'green', expired: 'default', withdrawn: 'red' };
export const COV_COLOR: Record<string, string> = { unreachable: 'red', unread: 'gold', offline: 'blue', read: 'green' };

export function CategoryTag({ c }: { c: string }) {
  const t = useT();
  return <Tag color={CAT_COLOR[c]}>{t(`rn.cat.${c}` as MessageKey)}</Tag>;
}
export function NoticeStatusTag({ s }: { s: string }) {
  const t = useT();
  return <Tag color={ST_COLOR[s]}>{t(`rn.st.${s}` as MessageKey)}</Tag>;
}

/** <input type="datetime-local"> value (the browser's wall clock) ↔ ISO instant. */
export const toLocalInput = (iso: string | null | undefined) => {
  if (!iso) return '';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
};
export const fromLocalInput = (v: string | undefined | null) => (v ? new Date(v).toISOString() : null);

export interface BuildingOption {
  id: number;
  code: string;
  name: string;
  areaId: number | null;
  entrances: number;
}
export function useBuildings(estateId: number | undefined) {
  return useQuery({
    queryKey: ['buildings-pick', estateId],
    queryFn: () => api<ListResponse<BuildingOption>>('/api/v1/buildings', { query: { estateId, pageSize: 200 } }),
    enabled: !!estateId,
  });
}
