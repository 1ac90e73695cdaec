import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Flex, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client.ts';
import type { FeeItem } from '../../../api/fee-types.ts';
import { useSession } from '../../../app/session.tsx';
import { FEES, useFeeItems } from '../../../components/fees/queries.ts';
import { formatBp, formatDate, formatFen, formatPrice } from '../../../components/format.ts';
import { ErrorResult } from '../../../components/Results.tsx';
import { useReportError } from '../../../components/useReportError.ts';
import { type MessageKey, useT } from '../../../i18n/index.tsx';
import { lazyDialog } from '../../../components/lazyParts.tsx';

// Loaded on first open (npm run bench:web's page budget).
const ItemDrawer = lazyDialog(() => import('./ItemDrawer.tsx').then((m) => m.ItemDrawer), (p) => p.item !== null);
const PricesDrawer = lazyDialog(() => import('./PricesDrawer.tsx').then((m) => m.PricesDrawer), (p) => p.item !== null);

/** Fee items of the estate: kind, cycle, billing and due day, current price, target and late-fee rule. */
export function ItemsTab() {
  const t = useT();
  const { estateId, can } = useSession();
  const { modal, message } = App.useApp();
  const reportError = useReportError();
  const qc = useQueryClient();
  const items = useFeeItems(estateId);
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<FeeItem | 'new' | null>(null);
  const [pricing, setPricing] = useState<FeeItem | null>(null);
  const reload = () => qc.invalidateQueries({ queryKey: [FEES, 'items'] });
  const archive = (i: FeeItem) =>
    modal.confirm({
      title: t('fees.item.archiveConfirm', { name: i.name }),
      content: t('fees.item.archiveHint'),
      onOk: async () => {
        try {
          await api(`/api/v1/fees/items/${i.id}/archive`, { body: {} });
          message.success(t('common.saved'));
          await reload();
        } catch (err) {
          reportError(err);
        }
      },
    });
  const current = (i: FeeItem) => {
    const p = i.currentPrice;
    if (!p) return <span className="wd-muted">—</span>;
    if (p.amount != null && (i.kind === 'fixed' || i.kind === 'one_off' || i.kind === 'service')) return <span className="wd-money">{formatFen(p.amount)}</span>;
    return (
      <span className="wd-money">
        {formatPrice(p.price)}
        <span className="wd-muted wd-small"> {t(`fees.item.per.${i.kind === 'metered' ? (i.meterKind ?? 'water') : i.kind}` as MessageKey)}</span>
        {p.tiers?.length ? <Tag style={{ marginInlineStart: 6 }}>{t('fees.item.tiered')}</Tag> : null}
      </span>
    );
  };
  const columns: TableColumnsType<FeeItem> = [
    { title: t('fees.item.code'), dataIndex: 'code', width: 120, render: (v: string) => <span className="wd-mono">{v}</span> },
    { title: t('fees.item.name'), dataIndex: 'name', width: 150, render: (v: string, r) => (r.archivedAt ? <span className="wd-muted">{v} <Tag>{t('fees.item.archived')}</Tag></span> : v) },
    { title: t('fees.item.kind'), dataIndex: 'kind', width: 110, render: (v: string, r) => t(`fees.kind.${v}` as MessageKey) + (r.meterKind ? ` · ${t(`fees.meterKind.${r.meterKind}` as MessageKey)}` : '') },
    {
      title: t('fees.item.cycle'),
      key: 'cycle',
      width: 130,
      render: (_: unknown, r) => (
        <div className="wd-two-lines">
          <div>{t(`fees.cycle.${r.cycleMonths}` as MessageKey)}</div>
          <div className="wd-muted wd-small">{t('fees.item.daysText', { bill: r.billDay, due: r.dueDay })}</div>
        </div>
      ),
    },
    {
      title: t('fees.item.currentPrice'),
      key: 'price',
      width: 200,
      render: (_: unknown, r) => (
        <div className="wd-two-lines">
          <div>{current(r)}</div>
          {r.currentPrice && <div className="wd-muted wd-small">{t('fees.item.sinceDate', { date: formatDate(r.currentPrice.effectiveFrom) })}</div>}
        </div>
      ),
    },
    { title: t('fees.stats.target'), dataIndex: 'targetRate', width: 70, render: (v: number | null) => formatBp(v, 0) },
    {
      title: t('fees.item.late'),
      key: 'late',
      width: 150,
      render: (_: unknown, r) => (r.lateRatePpm != null ? t('fees.item.lateText', { rate: (r.lateRatePpm / 10_000).toFixed(2), grace: r.lateGraceDays ?? 0 }) : <span className="wd-muted">{t('fees.item.lateDefault')}</span>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_: unknown, r) => (
        <Flex gap={0}>
          <Button size="small" type="link" onClick={() => setPricing(r)} data-testid={`item-prices-${r.id}`}>
            {t('fees.item.prices')}
          </Button>
          {can('fee.config') && !r.archivedAt && (
            <>
              <Button size="small" type="link" onClick={() => setEditing(r)}>
                {t('common.edit')}
              </Button>
              <Button size="small" type="link" danger onClick={() => archive(r)}>
                {t('fees.item.archive')}
              </Button>
            </>
          )}
        </Flex>
      ),
    },
  ];
  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Checkbox checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)}>
          {t('fees.item.showArchived')}
        </Checkbox>
        {can('fee.config') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="item-new">
            {t('fees.item.new')}
          </Button>
        )}
      </Flex>
      {items.error ? (
        <ErrorResult error={items.error} />
      ) : (
        <Table<FeeItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={showArchived ? items.items : items.active}
          loading={items.isPending}
          tableLayout="fixed"
          scroll={{ x: 1100 }}
          pagination={false}
          locale={{ emptyText: t('fees.item.none') }}
          data-testid="items-table"
        />
      )}
      <ItemDrawer item={editing} onClose={() => setEditing(null)} onDone={() => { setEditing(null); void reload(); }} />
      <PricesDrawer item={pricing} onClose={() => setPricing(null)} onDone={() => void reload()} />
    </>
  );
}
