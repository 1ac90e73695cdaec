import { useQuery } from '@tanstack/react-query';
import { Flex, Input, Select } from 'antd';
import { useState } from 'react';
import { MAIL_STATUSES } from '../../../core/mail.ts';
import { MAIL_STATUS_LABELS } from '../../../core/mail-labels.ts';
import { api } from '../../api/client.ts';
import type { ListResponse } from '../../api/types.ts';
import type { MailItem } from '../../api/mail-types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { AssignButton } from './AssignButton.tsx';
import { CloseMenu } from './CloseMenu.tsx';
import { ItemsTable } from './ItemsTable.tsx';
import { useMailOptions } from './labels.tsx';

/** 在架物品: what is on the shelf (or every state), filtered by kind and searched by number, name, tracking, shelf or room. */
export default function ShelfTab() {
  const { t, label } = useI18n();
  const { estateId, can } = useSession();
  const o = useMailOptions();
  const [status, setStatus] = useState<string>('waiting');
  const [kind, setKind] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['mail', 'items', { estateId, status, kind, q, page }],
    queryFn: () => api<ListResponse<MailItem>>('/api/v1/mail/items', { query: { estateId, status: status || undefined, kind, q: q || undefined, page, pageSize: 20 } }),
    enabled: !!estateId,
  });
  const work = can('mail.work');
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 190 }}
          value={status}
          onChange={(v) => (setStatus(v), setPage(1))}
          options={[{ value: 'waiting', label: t('mail.statusWaiting') }, ...MAIL_STATUSES.map((s) => ({ value: s, label: label(MAIL_STATUS_LABELS, s) })), { value: '', label: t('mail.report.all') }]}
          data-testid="mail-filter-status"
        />
        <Select style={{ width: 170 }} allowClear placeholder={t('mail.kind')} value={kind} onChange={(v) => (setKind(v), setPage(1))} options={o.kinds} />
        <Input.Search style={{ width: 300 }} allowClear placeholder={t('mail.search')} onSearch={(v) => (setQ(v.trim()), setPage(1))} data-testid="mail-search" />
      </Flex>
      {list.error ? (
        <ErrorResult error={list.error} />
      ) : (
        <ItemsTable
          items={list.data?.items ?? []}
          loading={list.isPending}
          total={list.data?.total}
          page={page}
          onPage={setPage}
          photos={work}
          actions={work ? (r) => <>{r.unitId == null && ['received', 'notified'].includes(r.status) && <AssignButton item={r} />} <CloseMenu item={r} /></> : undefined}
          testId="mail-shelf-table"
        />
      )}
    </>
  );
}
