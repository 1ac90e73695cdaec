import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Input, InputNumber } from 'antd';
import type { Dayjs } from 'dayjs';
import type { FeeKind } from '../../../../core/fees.ts';
import type { Tier } from '../../../api/fee-types.ts';
import { yuanToFen, yuanToPrice } from '../../../components/format.ts';
import { useT } from '../../../i18n/index.tsx';

export interface PriceValues {
  effectiveFrom: Dayjs;
  price?: number;
  amount?: number;
  tiers?: Array<{ upTo?: number | null; price?: number }>;
  note?: string;
}

/** The form's price values to the request body (yuan → 1/100 fen for prices, fen for amounts). */
export function priceBody(v: PriceValues, kind: FeeKind) {
  const tiers = (v.tiers ?? []).filter((x) => x.price != null).map<Tier>((x) => ({ upTo: x.upTo ?? null, price: yuanToPrice(x.price) }));
  return {
    effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
    price: yuanToPrice(v.price),
    tiers: kind === 'metered' && tiers.length ? tiers : undefined,
    amount: v.amount != null ? yuanToFen(v.amount) : undefined,
    note: v.note?.trim() || undefined,
  };
}

/** Price from a date: the unit price (up to 4 decimals), a tier table for metered items, a fixed amount. */
export function PriceFields({ kind, prefix = [] }: { kind: FeeKind; prefix?: string[] }) {
  const t = useT();
  const name = (n: string) => [...prefix, n];
  const fixed = kind === 'fixed' || kind === 'one_off' || kind === 'service';
  return (
    <>
      <Form.Item name={name('effectiveFrom')} label={t('fees.price.effectiveFrom')} rules={[{ required: true, message: t('form.required') }]} extra={t('fees.price.neverRewrites')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      {fixed ? (
        <Form.Item name={name('amount')} label={t('fees.price.amount')} rules={[{ required: true, message: t('form.required') }]}>
          <InputNumber<number> min={0} precision={2} prefix="¥" style={{ width: '100%' }} />
        </Form.Item>
      ) : (
        <Form.Item name={name('price')} label={t(kind === 'area' ? 'fees.price.perM2' : kind === 'metered' ? 'fees.price.perUnit' : 'fees.price.price')} rules={[{ required: true, message: t('form.required') }]}>
          <InputNumber<number> min={0} precision={4} step={0.1} prefix="¥" style={{ width: '100%' }} data-testid="price-input" />
        </Form.Item>
      )}
      {kind === 'metered' && (
        <Form.Item label={t('fees.price.tiers')} extra={t('fees.price.tiersHint')}>
          <Form.List name={name('tiers')}>
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((f, i) => (
                  <Flex key={f.key} gap={8} align="center">
                    <Form.Item name={[f.name, 'upTo']} noStyle>
                      <InputNumber<number> min={1} precision={0} placeholder={i === fields.length - 1 ? t('fees.price.tierRest') : t('fees.price.upTo')} style={{ width: 160 }} prefix="≤" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'price']} noStyle rules={[{ required: true, message: t('form.required') }]}>
                      <InputNumber<number> min={0} precision={4} prefix="¥" style={{ width: 160 }} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('common.remove')} />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ width: 200 }}>
                  {t('fees.price.addTier')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
      )}
      <Form.Item name={name('note')} label={t('common.notes')}>
        <Input maxLength={200} />
      </Form.Item>
    </>
  );
}
