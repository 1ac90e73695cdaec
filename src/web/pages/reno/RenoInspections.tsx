import { Table, Tag } from 'antd';
import type { RenovationDetail } from '../../api/reno-types.ts';
import { formatDateTime } from '../../components/format.ts';
import { useI18n } from '../../i18n/index.tsx';

type Result = NonNullable<RenovationDetail['inspection']>['results'][number];

/** The daily inspections of a renovation (the detail page's lower card; antd's Table is loaded with it, not with the page). */
export function RenoInspectionsTable({ results }: { results: Result[] }) {
  const { t } = useI18n();
  return (
    <Table<Result> size="small" rowKey="id" pagination={false} dataSource={results} columns={[
      { title: t('reno.inspDay'), dataIndex: 'day', width: 110 },
      { title: t('reno.inspAt'), dataIndex: 'observedAt', width: 150, render: (v: string) => formatDateTime(v).slice(0, 16) },
      { title: t('reno.inspector'), dataIndex: 'inspector' },
      { title: t('reno.scanMethod'), dataIndex: 'scanMethod', width: 100, render: (v: string) => (v === 'manual' ? <Tag color="orange">{t('reno.manual')}</Tag> : <Tag>{v.toUpperCase()}</Tag>) },
    ]} />
  );
}
