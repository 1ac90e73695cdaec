import { Tag } from 'antd';
import { CARRIER_LABELS, DELIVERY_LABELS, ID_TYPE_LABELS, MAIL_KIND_LABELS, MAIL_STATUS_LABELS, RELATION_LABELS } from '../../../core/mail-labels.ts';
import { CARRIERS, ID_TYPES, MAIL_KINDS, PICKUP_RELATIONS } from '../../../core/mail.ts';
import { useI18n } from '../../i18n/index.tsx';

const STATUS_COLORS: Record<string, string> = { received: 'orange', notified: 'blue', picked_up: 'green', returned_to_carrier: 'default', disposed: 'default', misdelivered: 'red' };

export function MailStatusTag({ status }: { status: string }) {
  const { label } = useI18n();
  return <Tag color={STATUS_COLORS[status]}>{label(MAIL_STATUS_LABELS, status)}</Tag>;
}

/** Options of the mail enumerations in the UI language. */
export function useMailOptions() {
  const { label } = useI18n();
  return {
    kinds: MAIL_KINDS.map((k) => ({ value: k, label: label(MAIL_KIND_LABELS, k) })),
    carriers: CARRIERS.map((c) => ({ value: c, label: label(CARRIER_LABELS, c) })),
    relations: PICKUP_RELATIONS.map((r) => ({ value: r, label: label(RELATION_LABELS, r) })),
    idTypes: ID_TYPES.map((r) => ({ value: r, label: label(ID_TYPE_LABELS, r) })),
    deliveries: Object.keys(DELIVERY_LABELS).map((d) => ({ value: d, label: label(DELIVERY_LABELS, d) })),
    kind: (k: string) => label(MAIL_KIND_LABELS, k),
    carrier: (c: string) => label(CARRIER_LABELS, c),
    relation: (r: string) => label(RELATION_LABELS, r),
    idType: (r: string) => label(ID_TYPE_LABELS, r),
    delivery: (d: string) => label(DELIVERY_LABELS, d),
  };
}
