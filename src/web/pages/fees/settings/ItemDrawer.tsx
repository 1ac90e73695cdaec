import { App, Divider, Drawer, Form, Input, InputNumber, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { FEE_KINDS, type FeeKind, LATE_STARTS, METER_KINDS } from '../../../../core/fees.ts';
import { UNIT_USAGE_LABELS } from '../../../../core/labels.ts';
import { UNIT_USAGES } from '../../../../core/units.ts';
import { api } from '../../../api/client.ts';
import type { FeeItem } from '../../../api/fee-types.ts';
import { useSession } from '../../../app/session.tsx';
import { DrawerActions } from '../../../components/DrawerActions.tsx';
import { useBuildings } from '../../../components/fees/queries.ts';
import { compact, type NamePath, toNamePath, useResetOnOpen } from '../../../components/forms.ts';
import { useFormSubmit } from '../../../components/useFormSubmit.ts';
import { type MessageKey, useI18n } from '../../../i18n/index.tsx';
import { PriceFields, type PriceValues, priceBody } from './PriceFields.tsx';

interface Values {
  code: string;
  name: string;
  kind: FeeKind;
  meterKind?: string;
  cycleMonths: number;
  billDay: number;
  dueDay: number;
  usages?: string[];
  buildingIds?: number[];
  targetPct?: number;
  latePct?: number;
  lateGraceDays?: number;
  lateStart?: string;
  lateCapPct?: number;
  price: PriceValues;
}

const FIELDS: Record<string, string> = { targetRate: 'targetPct', lateRatePpm: 'latePct', lateCapBp: 'lateCapPct' };
const known = (path: string): NamePath | null => {
  const top = path.split('.')[0];
  return toNamePath(FIELDS[top] ?? path);
};

/** A new fee item (with its first price) or an item's settings; the kind and the estate never change. */
export function ItemDrawer({ item, onClose, onDone }: { item: FeeItem | 'new' | null; onClose: () => void; onDone: () => void }) {
  const { t, label } = useI18n();
  const { estateId } = useSession();
  const { message } = App.useApp();
  const buildings = useBuildings(estateId);
  const [form] = Form.useForm<Values>();
  const isNew = item === 'new';
  const existing = item && item !== 'new' ? item : null;
  useResetOnOpen(form, !!item, item);
  const kind: FeeKind = Form.useWatch('kind', form) ?? existing?.kind ?? 'area';
  const { busy, submit } = useFormSubmit(
    form,
    async (v) => {
      const fields = compact({
        code: v.code?.trim(),
        name: v.name?.trim(),
        cycleMonths: v.cycleMonths,
        billDay: v.billDay,
        dueDay: v.dueDay,
        usages: v.usages?.length ? v.usages : undefined,
        buildingIds: v.buildingIds?.length ? v.buildingIds : undefined,
        targetRate: v.targetPct != null ? Math.round(v.targetPct * 100) : undefined,
        lateRatePpm: v.latePct != null ? Math.round(v.latePct * 10_000) : undefined,
        lateGraceDays: v.lateGraceDays ?? undefined,
        lateStart: v.lateStart,
        lateCapBp: v.lateCapPct != null ? Math.round(v.lateCapPct * 100) : undefined,
      });
      if (isNew) await api('/api/v1/fees/items', { body: { estateId, kind: v.kind, meterKind: v.kind === 'metered' ? v.meterKind : undefined, ...fields, price: priceBody(v.price, v.kind) } });
      else await api(`/api/v1/fees/items/${existing?.id}`, { method: 'PATCH', body: { ...fields, meterKind: existing?.kind === 'metered' ? v.meterKind : undefined } });
      message.success(t('common.saved'));
      onDone();
    },
    known,
  );
  const initial: Partial<Values> = existing
    ? {
        code: existing.code,
        name: existing.name,
        kind: existing.kind,
        meterKind: existing.meterKind ?? undefined,
        cycleMonths: existing.cycleMonths,
        billDay: existing.billDay,
        dueDay: existing.dueDay,
        usages: existing.usages ?? [],
        buildingIds: existing.buildingIds ?? [],
        targetPct: existing.targetRate != null ? existing.targetRate / 100 : undefined,
        latePct: existing.lateRatePpm != null ? existing.lateRatePpm / 10_000 : undefined,
        lateGraceDays: existing.lateGraceDays ?? undefined,
        lateStart: existing.lateStart ?? undefined,
        lateCapPct: existing.lateCapBp != null ? existing.lateCapBp / 100 : undefined,
      }
    : { kind: 'area', cycleMonths: 1, billDay: 1, dueDay: 25, price: { effectiveFrom: dayjs().startOf('month') } };
  return (
    <Drawer open={!!item} size={560} title={isNew ? t('fees.item.new') : `${t('common.edit')} · ${existing?.name ?? ''}`} onClose={onClose} destroyOnHidden extra={<DrawerActions busy={busy} onCancel={onClose} onOk={submit} testId="item-save" />}>
      <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={initial}>
        <Form.Item name="code" label={t('fees.item.code')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item name="name" label={t('fees.item.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="kind" label={t('fees.item.kind')}>
          <Select disabled={!isNew} options={FEE_KINDS.map((k) => ({ value: k, label: t(`fees.kind.${k}` as MessageKey) }))} />
        </Form.Item>
        {kind === 'metered' && (
          <Form.Item name="meterKind" label={t('fees.meter.kind')} rules={[{ required: true, message: t('form.required') }]}>
            <Radio.Group optionType="button" options={METER_KINDS.map((k) => ({ value: k, label: t(`fees.meterKind.${k}` as MessageKey) }))} />
          </Form.Item>
        )}
        <Form.Item name="cycleMonths" label={t('fees.item.cycle')}>
          <Radio.Group optionType="button" options={[1, 3, 12].map((m) => ({ value: m, label: t(`fees.cycle.${m}` as MessageKey) }))} />
        </Form.Item>
        <Flex2>
          <Form.Item name="billDay" label={t('fees.item.billDay')} rules={[{ required: true, message: t('form.required') }]}>
            <InputNumber<number> min={1} max={28} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="dueDay" label={t('fees.item.dueDay')} rules={[{ required: true, message: t('form.required') }]}>
            <InputNumber<number> min={1} max={28} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Flex2>
        <Form.Item name="usages" label={t('fees.item.usages')} extra={t('fees.item.allIfEmpty')}>
          <Select mode="multiple" allowClear options={UNIT_USAGES.map((u) => ({ value: u, label: label(UNIT_USAGE_LABELS, u) }))} />
        </Form.Item>
        <Form.Item name="buildingIds" label={t('fees.item.buildings')} extra={t('fees.item.allIfEmpty')}>
          <Select mode="multiple" allowClear options={buildings.options} maxTagCount="responsive" />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          {t('fees.item.targetAndLate')}
        </Divider>
        <Flex2>
          <Form.Item name="targetPct" label={t('fees.item.targetPct')} extra={t('fees.item.targetDefault')}>
            <InputNumber<number> min={0} max={100} precision={2} suffix="%" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="latePct" label={t('fees.item.latePct')} extra={t('fees.item.lateDefault')}>
            <InputNumber<number> min={0} max={1} precision={4} step={0.01} suffix="%" style={{ width: '100%' }} />
          </Form.Item>
        </Flex2>
        <Flex2>
          <Form.Item name="lateGraceDays" label={t('fees.item.graceDays')}>
            <InputNumber<number> min={0} max={365} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="lateCapPct" label={t('fees.item.capPct')}>
            <InputNumber<number> min={0} max={100} precision={2} suffix="%" style={{ width: '100%' }} />
          </Form.Item>
        </Flex2>
        <Form.Item name="lateStart" label={t('fees.item.lateStart')}>
          <Radio.Group options={LATE_STARTS.map((s) => ({ value: s, label: t(`fees.lateStart.${s}` as MessageKey) }))} />
        </Form.Item>
        {isNew && (
          <>
            <Divider titlePlacement="start" plain>
              {t('fees.item.firstPrice')}
            </Divider>
            <PriceFields kind={kind} prefix={['price']} />
          </>
        )}
      </Form>
    </Drawer>
  );
}

function Flex2({ children }: { children: React.ReactNode }) {
  return <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>{children}</div>;
}
