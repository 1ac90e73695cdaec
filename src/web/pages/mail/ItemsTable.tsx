import { PictureOutlined } from '@ant-design/icons';
import { Image, Table, type TableColumnsType, Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import type { MailItem } from '../../api/mail-types.ts';
import { formatInstant } from '../../components/format.ts';
import { useT } from '../../i18n/index.tsx';
import { MailStatusTag, useMailOptions } from './labels.tsx';

/** The items as the front desk lists them; `actions` adds the row's buttons, `photos` the label thumbnails. */
export function ItemsTable({ items, loading, actions, photos, selection, total, page, onPage, testId, compact }: {
  items: MailItem[];
  loading?: boolean;
  actions?: (r: MailItem) => ReactNode;
  photos?: boolean;
  selection?: { keys: number[]; onChange: (keys: number[]) => void; disabled?: (r: MailItem) => boolean };
  total?: number;
  page?: number;
  onPage?: (p: number) => void;
  testId?: string;
  /** the pickup screen's narrow column: what identifies the item on the shelf */
  compact?: boolean;
}) {
  const t = useT();
  const o = useMailOptions();
  const all: TableColumnsType<MailItem> = [
    { title: t('mail.number'), dataIndex: 'number', width: 96, render: (v: string) => <span className="wd-mono">{v}</span> },
    { title: t('mail.status'), dataIndex: 'status', width: 118, render: (v: string, r) => <Tooltip title={r.pickerName ?? r.leftNote ?? undefined}><MailStatusTag status={v} /></Tooltip> },
    { title: t('mail.kind'), dataIndex: 'kind', width: 110, render: (v: string, r) => <>{o.kind(v)}{r.requiresSignature && <Tag color="purple" style={{ marginLeft: 4 }}>{t('mail.requiresSignature')}</Tag>}</> },
    { title: t('mail.carrier'), dataIndex: 'carrier', width: 100, render: (v: string, r) => <Tooltip title={r.trackingNo}>{o.carrier(v)}</Tooltip> },
    { title: t('mail.unit'), dataIndex: 'unitLabel', width: 120, render: (v: string | null) => v ?? <Tag color="red">{t('mail.unknownRecipient').split('（')[0]!.split(' (')[0]}</Tag> },
    { title: t('mail.addresseeShort'), dataIndex: 'addressee', width: 120, ellipsis: true },
    { title: t('mail.shelf'), dataIndex: 'shelf', width: 76 },
    { title: t('mail.pieces'), dataIndex: 'pieces', width: 60, align: 'right' },
    { title: t('mail.receivedAt'), dataIndex: 'receivedAt', width: 108, render: (v: string) => formatInstant(v, 'MM-DD HH:mm') },
    { title: t('mail.days'), dataIndex: 'daysWaiting', width: 80, render: (v: number, r) => <span className={v >= 14 && ['received', 'notified'].includes(r.status) ? 'wd-overdue' : undefined}>{t('mail.daysN', { n: v })}</span> },
    ...(photos
      ? [{
          title: t('mail.labelPhoto'), key: 'photo', width: 76,
          render: (_: unknown, r: MailItem) => (r.hasPhoto ? <Image width={40} height={30} style={{ objectFit: 'cover' }} src={`/api/v1/mail/items/${r.id}/photo`} alt={r.number} /> : r.photoDeletedAt ? <Tooltip title={t('mail.photoDeleted')}><PictureOutlined className="wd-muted" /></Tooltip> : null),
        }]
      : []),
    ...(actions ? [{ title: t('common.actions'), key: 'op', width: 190, fixed: 'right' as const, render: (_: unknown, r: MailItem) => actions(r) }] : []),
  ];
  const COMPACT = ['number', 'kind', 'unitLabel', 'addressee', 'shelf', 'status'];
  const columns = compact ? all.filter((c) => 'dataIndex' in c && COMPACT.includes(c.dataIndex as string)) : all;
  return (
    <Table<MailItem>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      tableLayout="fixed"
      scroll={compact ? undefined : { x: 1250 }}
      rowSelection={selection ? { selectedRowKeys: selection.keys, onChange: (k) => selection.onChange(k as number[]), getCheckboxProps: (r) => ({ disabled: selection.disabled?.(r) }) } : undefined}
      pagination={onPage ? { current: page, total, pageSize: 20, onChange: onPage, showTotal: (n) => t('common.total', { n }), showSizeChanger: false } : { pageSize: 50, hideOnSinglePage: true }}
      locale={{ emptyText: t('mail.none') }}
      data-testid={testId}
    />
  );
}

