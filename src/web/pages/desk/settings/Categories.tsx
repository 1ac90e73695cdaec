import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Select, Switch, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { VISIT_POLICIES } from '../../../../core/tickets.ts';
import { api } from '../../../api/client.ts';
import type { Category } from '../../../api/desk-types.ts';
import type { ListResponse } from '../../../api/types.ts';
import { ErrorResult } from '../../../components/Results.tsx';
import { useReportError } from '../../../components/useReportError.ts';
import { type MessageKey, useT } from '../../../i18n/index.tsx';

/** 报事分类: place × category × problem, and whether a return visit follows (always / unless rated / never). */
export function Categories({ estateId, canEdit }: { estateId: number; canEdit: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [place, setPlace] = useState<string | undefined>();
  const list = useQuery({
    queryKey: ['desk-categories', estateId, 'all'],
    queryFn: () => api<ListResponse<Category>>('/api/v1/desk/categories', { query: { estateId, includeArchived: 1 } }),
  });
  const update = useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: Partial<Pick<Category, 'visitPolicy' | 'archived'>> }) => api(`/api/v1/desk/categories/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: () => {
      message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['desk-categories', estateId] });
    },
    onError: (err) => reportError(err),
  });
  const places = [...new Set((list.data?.items ?? []).map((c) => c.place))];
  const rows = (list.data?.items ?? []).filter((c) => !place || c.place === place);
  const policyLabel = (p: string) => t(`settings.visitPolicy.${p}` as MessageKey);
  const columns: TableColumnsType<Category> = [
    { title: t('settings.place'), dataIndex: 'place', width: 120 },
    { title: t('settings.category'), dataIndex: 'category', width: 140 },
    { title: t('settings.problem'), dataIndex: 'problem' },
    {
      title: t('settings.visitPolicy'),
      dataIndex: 'visitPolicy',
      width: 200,
      render: (v: Category['visitPolicy'], r) =>
        canEdit ? (
          <Select size="small" value={v} style={{ width: 170 }} onChange={(p: Category['visitPolicy']) => update.mutate({ id: r.id, patch: { visitPolicy: p } })} options={VISIT_POLICIES.map((p) => ({ value: p, label: policyLabel(p) }))} />
        ) : (
          policyLabel(v)
        ),
    },
    {
      title: t('settings.active'),
      dataIndex: 'archived',
      width: 90,
      render: (v: boolean, r) => <Switch size="small" checked={!v} disabled={!canEdit} onChange={(on) => update.mutate({ id: r.id, patch: { archived: !on } })} />,
    },
  ];
  return (
    <>
      <Select allowClear placeholder={t('settings.allPlaces')} value={place} onChange={setPlace} options={places.map((p) => ({ value: p, label: p }))} style={{ width: 180, marginBottom: 12 }} />
      {list.error ? (
        <ErrorResult error={list.error} />
      ) : (
        <Table<Category>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={list.isPending}
          pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => t('common.total', { n }) }}
          rowClassName={(r) => (r.archived ? 'wd-row-muted' : '')}
          data-testid="categories-table"
        />
      )}
    </>
  );
}
