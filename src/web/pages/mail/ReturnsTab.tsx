import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { api } from '../../api/client.ts';
import type { ListResponse } from '../../api/types.ts';
import type { MailItem } from '../../api/mail-types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { useT } from '../../i18n/index.tsx';
import { CloseMenu } from './CloseMenu.tsx';
import { ItemsTable } from './ItemsTable.tsx';

/** 待退回: day 14 and later, never registered letters or official documents. */
export default function ReturnsTab() {
  const t = useT();
  const { estateId, can } = useSession();
  const list = useQuery({
    queryKey: ['mail', 'returns', estateId],
    queryFn: () => api<ListResponse<MailItem>>('/api/v1/mail/returns', { query: { estateId } }),
    enabled: !!estateId,
  });
  return (
    <>
      <Alert type="info" showIcon title={t('mail.returnsHint')} style={{ marginBottom: 12 }} />
      {list.error ? (
        <ErrorResult error={list.error} />
      ) : (
        <ItemsTable items={list.data?.items ?? []} loading={list.isPending} actions={can('mail.work') ? (r) => <CloseMenu item={r} only="returned_to_carrier" /> : undefined} testId="mail-returns-table" />
      )}
    </>
  );
}
