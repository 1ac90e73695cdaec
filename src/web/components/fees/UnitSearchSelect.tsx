import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { UnitHit } from '../../api/fee-types.ts';
import { useT } from '../../i18n/index.tsx';

/** A unit found by room number, owner name or phone (GET /fees/units/search). */
export function UnitSearchSelect({ estateId, value, onChange, testId, style }: { estateId: number | undefined; value?: number; onChange?: (id: number | undefined, hit?: UnitHit) => void; testId?: string; style?: React.CSSProperties }) {
  const t = useT();
  const [q, setQ] = useState('');
  const hits = useQuery({
    queryKey: ['fees', 'unit-search', estateId, q],
    queryFn: () => api<{ items: UnitHit[] }>('/api/v1/fees/units/search', { query: { estateId, q } }),
    enabled: !!estateId && q.trim().length > 0,
  });
  const items = hits.data?.items ?? [];
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: (s) => setQ(s.trim()) }}
      allowClear
      value={value}
      placeholder={t('fees.cashier.searchPlaceholder')}
      notFoundContent={q ? (hits.isFetching ? t('common.loading') : t('fees.cashier.noHit')) : null}
      onChange={(v) => onChange?.(v, items.find((h) => h.unitId === v))}
      options={items.map((h) => ({ value: h.unitId, label: `${h.unitLabel} · ${h.ownerName ?? '—'}` }))}
      style={style}
      data-testid={testId}
    />
  );
}
