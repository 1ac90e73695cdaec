import { Empty, Table, type TableColumnsType, Tag } from 'antd';
import { RELATION_LABELS } from '../../../core/labels.ts';
import type { Archive, RevealKind } from '../../api/types.ts';
import { Reveal } from '../../components/Reveal.tsx';
import { useI18n } from '../../i18n/index.tsx';

interface PhoneRow {
  key: string;
  kind: RevealKind;
  id: number;
  name: string;
  role: string;
  phone: string | null;
}

/** 联系电话: every number the archive holds for this unit, masked, each with its reveal button. */
export function PhonesTab({ archive }: { archive: Archive }) {
  const { t, label } = useI18n();
  const rows: PhoneRow[] = [
    ...archive.ownerships
      .filter((o) => !o.endedOn)
      .map((o) => ({ key: `o${o.id}`, kind: 'ownership' as const, id: o.id, name: o.ownerName, role: t('phones.owner', { share: o.sharePercent }), phone: o.phone })),
    ...(archive.household?.members ?? [])
      .filter((m) => !m.movedOutOn)
      .map((m) => ({
        key: `m${m.id}`,
        kind: 'member' as const,
        id: m.id,
        name: m.name,
        role: `${label(RELATION_LABELS, m.relation)}${m.isHead ? ` · ${t('member.isHead')}` : ''}`,
        phone: m.phone,
      })),
    ...archive.tenancies
      .filter((x) => !x.terminatedOn)
      .map((x) => ({ key: `t${x.id}`, kind: 'tenancy' as const, id: x.id, name: x.tenantName, role: t('phones.tenant'), phone: x.phone })),
  ];
  const kindColor: Record<RevealKind, string> = { ownership: 'gold', member: 'geekblue', tenancy: 'cyan' };
  const kindLabel: Record<RevealKind, string> = { ownership: t('phones.kind.ownership'), member: t('phones.kind.member'), tenancy: t('phones.kind.tenancy') };
  const columns: TableColumnsType<PhoneRow> = [
    { title: t('phones.source'), dataIndex: 'kind', width: 120, render: (k: RevealKind) => <Tag color={kindColor[k]}>{kindLabel[k]}</Tag> },
    { title: t('member.name'), dataIndex: 'name', width: 140, render: (v: string) => <strong>{v}</strong> },
    { title: t('phones.role'), dataIndex: 'role', width: 200 },
    { title: t('member.phone'), dataIndex: 'phone', render: (v: string | null, r) => <Reveal kind={r.kind} id={r.id} field="phone" masked={v} /> },
  ];
  return (
    <Table<PhoneRow>
      rowKey="key"
      size="middle"
      columns={columns}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('phones.none')} /> }}
      data-testid="phones-table"
    />
  );
}
