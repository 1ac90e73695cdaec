import { App, Button, Card, Drawer, Form, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../../api/client.ts';
import type { FeeItem, FeePrice } from '../../../api/fee-types.ts';
import { useSession } from '../../../app/session.tsx';
import { fieldsIn, useResetOnOpen } from '../../../components/forms.ts';
import { formatDate, formatFen, formatPrice } from '../../../components/format.ts';
import { useFormSubmit } from '../../../components/useFormSubmit.ts';
import { useT } from '../../../i18n/index.tsx';
import { PriceFields, type PriceValues, priceBody } from './PriceFields.tsx';

/** 价格历史: every dated price of an item; a new price from a date never changes an issued line. */
export function PricesDrawer({ item, onClose, onDone }: { item: FeeItem | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { can } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<PriceValues>();
  useResetOnOpen(form, !!item, item);
  const { busy, submit } = useFormSubmit(
    form,
    async (v) => {
      if (!item) return;
      await api(`/api/v1/fees/items/${item.id}/prices`, { body: priceBody(v, item.kind) });
      message.success(t('common.saved'));
      form.resetFields();
      onDone();
    },
    fieldsIn('effectiveFrom', 'price', 'tiers', 'amount', 'note'),
  );
  const prices = [...(item?.prices ?? [])].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
  return (
    <Drawer open={!!item} size={640} title={`${t('fees.item.prices')} · ${item?.name ?? ''}`} onClose={onClose} destroyOnHidden>
      <Table<FeePrice>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={prices}
        style={{ marginBottom: 16 }}
        data-testid="price-history"
        columns={[
          { title: t('fees.price.effectiveFrom'), dataIndex: 'effectiveFrom', width: 120, render: (v: string, r) => <>{formatDate(v)} {r.id === item?.currentPrice?.id && <Tag color="green">{t('fees.price.current')}</Tag>}</> },
          { title: t('fees.price.price'), dataIndex: 'price', width: 110, render: formatPrice },
          { title: t('fees.price.tiers'), dataIndex: 'tiers', render: (v: FeePrice['tiers']) => (v?.length ? v.map((x) => `${x.upTo == null ? '∞' : `≤${x.upTo}`}: ${formatPrice(x.price)}`).join('；') : '—') },
          { title: t('fees.price.amount'), dataIndex: 'amount', width: 100, render: (v: number | null) => (v == null ? '—' : formatFen(v)) },
          { title: t('common.notes'), dataIndex: 'note', ellipsis: true },
        ]}
      />
      {item && can('fee.config') && !item.archivedAt && (
        <Card size="small" title={t('fees.price.new')}>
          <Form<PriceValues> form={form} layout="vertical" requiredMark={false} initialValues={{ effectiveFrom: dayjs().add(1, 'month').startOf('month'), tiers: item.currentPrice?.tiers?.map((x) => ({ upTo: x.upTo, price: x.price / 10_000 })) }}>
            <PriceFields kind={item.kind} />
            <Button type="primary" loading={busy} onClick={submit} data-testid="price-save">
              {t('fees.price.save')}
            </Button>
          </Form>
        </Card>
      )}
    </Drawer>
  );
}
