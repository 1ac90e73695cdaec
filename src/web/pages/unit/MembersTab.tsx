import { EditOutlined, ExportOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Divider, Empty, Flex, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { RELATION_LABELS } from '../../../core/labels.ts';
import { api } from '../../api/client.ts';
import type { Archive, Member } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { formatDate } from '../../components/format.ts';
import { Reveal } from '../../components/Reveal.tsx';
import { CareTags } from '../../components/tags.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { lazyDialog } from '../../components/lazyParts.tsx';

// The dialogs load on their first open (npm run bench:web's page budget).
const EndDateModal = lazyDialog(() => import('./EndDateModal.tsx').then((m) => m.EndDateModal), (p) => p.open);
const MemberDrawer = lazyDialog(() => import('./MemberDrawers.tsx').then((m) => m.MemberDrawer), (p) => p.member !== null);
const RegisterHousehold = lazyDialog(() => import('./MemberDrawers.tsx').then((m) => m.RegisterHousehold), (p) => p.open);

/** 住户与家庭成员: the current household and its members, with the household.write actions. */
export function MembersTab({ archive, onChanged }: { archive: Archive; onChanged: () => Promise<unknown> }) {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const household = archive.household;
  const writable = can('household.write');
  const [editing, setEditing] = useState<Member | 'new' | null>(null);
  const [movingOut, setMovingOut] = useState<Member | 'household' | null>(null);
  const [registering, setRegistering] = useState(false);

  if (!household)
    return (
      <>
        <Empty description={t('household.none')} data-testid="no-household">
          {writable && (
            <Button type="primary" icon={<UserAddOutlined />} onClick={() => setRegistering(true)} data-testid="register-household">
              {t('household.register')}
            </Button>
          )}
        </Empty>
        {writable && <RegisterHousehold open={registering} archive={archive} onClose={() => setRegistering(false)} onDone={onChanged} />}
      </>
    );

  const current = household.members.filter((m) => !m.movedOutOn);
  const left = household.members.filter((m) => m.movedOutOn);

  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: 'name', label: t('household.name'), children: <strong data-testid="household-name">{household.name}</strong> },
          { key: 'in', label: t('household.movedInOn'), children: formatDate(household.movedInOn) },
          { key: 'count', label: t('household.memberCount'), children: current.length },
          { key: 'notes', label: t('common.notes'), children: household.notes ?? '—' },
        ]}
      />
      <Flex justify="space-between" align="center" className="wd-section-bar">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('member.title')}
        </Typography.Title>
        {writable && (
          <Space wrap>
            <Button icon={<PlusOutlined />} type="primary" onClick={() => setEditing('new')} data-testid="add-member">
              {t('member.add')}
            </Button>
            <Button icon={<ExportOutlined />} danger onClick={() => setMovingOut('household')}>
              {t('household.moveOut')}
            </Button>
          </Space>
        )}
      </Flex>
      <MembersTable members={current} writable={writable} onEdit={setEditing} onMoveOut={setMovingOut} testId="members-table" />
      {left.length > 0 && (
        <>
          <Divider titlePlacement="start" plain>
            {t('member.movedOutTitle', { n: left.length })}
          </Divider>
          <MembersTable members={left} writable={false} />
        </>
      )}
      {writable && (
        <>
          <MemberDrawer household={household} member={editing} onClose={() => setEditing(null)} onDone={onChanged} />
          <EndDateModal
            open={movingOut !== null}
            title={movingOut === 'household' ? t('household.moveOutTitle', { name: household.name }) : t('member.moveOutTitle', { name: movingOut?.name ?? '' })}
            description={movingOut === 'household' ? t('household.moveOutHint') : t('member.moveOutHint')}
            dateLabel={t('household.movedOutOn')}
            dateField="movedOutOn"
            okText={t('household.confirmMoveOut')}
            onClose={() => setMovingOut(null)}
            onSubmit={async (body) => {
              if (movingOut === 'household') await api(`/api/v1/households/${household.id}/move-out`, { body });
              else if (movingOut) await api(`/api/v1/members/${movingOut.id}/move-out`, { body });
              message.success(t('common.saved'));
              await onChanged();
            }}
          />
        </>
      )}
    </>
  );
}

export function MembersTable({
  members,
  writable,
  onEdit,
  onMoveOut,
  testId,
  compact = false,
}: {
  members: Member[];
  writable: boolean;
  onEdit?: (m: Member) => void;
  onMoveOut?: (m: Member) => void;
  testId?: string;
  compact?: boolean;
}) {
  const { t, label } = useI18n();
  const columns: TableColumnsType<Member> = [
    {
      title: t('member.name'),
      dataIndex: 'name',
      width: 160,
      fixed: 'left',
      render: (v: string, m) => (
        <Flex gap={4} wrap align="center">
          <strong>{v}</strong>
          {m.isHead && <Tag color="geekblue">{t('member.isHead')}</Tag>}
          {m.isOwner && <Tag color="gold">{t('member.isOwner')}</Tag>}
        </Flex>
      ),
    },
    { title: t('member.relation'), dataIndex: 'relation', width: 90, render: (v: string) => label(RELATION_LABELS, v) },
    {
      title: t('member.genderBirth'),
      key: 'gender',
      width: 100,
      render: (_: unknown, m) => [m.gender === 'M' || m.gender === 'F' ? t(`gender.${m.gender}`) : null, m.birthYear].filter(Boolean).join(' · ') || '—',
    },
    {
      title: t('member.phone'),
      dataIndex: 'phone',
      width: 170,
      render: (v: string | null, m) => <Reveal kind="member" id={m.id} field="phone" masked={v} />,
    },
    ...(compact
      ? []
      : ([
          {
            title: t('member.work'),
            key: 'work',
            width: 140,
            render: (_: unknown, m: Member) => <TwoLines first={m.occupation} second={m.employer} />,
          },
          {
            title: t('member.talents'),
            key: 'talents',
            width: 130,
            render: (_: unknown, m: Member) => <TwoLines first={m.specialties} second={m.hobbies} />,
          },
        ] as TableColumnsType<Member>)),
    { title: t('member.careFlags'), dataIndex: 'careFlags', width: 130, render: (v: string[]) => <CareTags flags={v} empty="—" /> },
    ...(members.some((m) => m.movedOutOn)
      ? ([{ title: t('household.movedOutOn'), dataIndex: 'movedOutOn', width: 110, render: (v: string | null) => formatDate(v) }] as TableColumnsType<Member>)
      : []),
    ...(writable
      ? ([
          {
            title: t('common.actions'),
            key: 'actions',
            width: 120,
            fixed: 'right',
            render: (_: unknown, m: Member) => (
              <Space size={0}>
                <Button size="small" type="link" icon={<EditOutlined />} onClick={() => onEdit?.(m)}>
                  {t('common.edit')}
                </Button>
                <Button size="small" type="link" danger onClick={() => onMoveOut?.(m)}>
                  {t('member.moveOut')}
                </Button>
              </Space>
            ),
          },
        ] as TableColumnsType<Member>)
      : []),
  ];
  return (
    <Table<Member>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={members}
      pagination={false}
      scroll={{ x: 'max-content' }}
      expandable={{
        expandedRowRender: (m) => (
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'id', label: t('member.idNumber'), children: <Reveal kind="member" id={m.id} field="idNumber" masked={m.idNumber} /> },
              { key: 'notes', label: t('common.notes'), children: m.notes ?? '—' },
            ]}
          />
        ),
      }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('member.none')} /> }}
      data-testid={testId}
    />
  );
}

/** Two short facts in one cell (e.g. occupation over employer), "—" when both are empty. */
function TwoLines({ first, second }: { first: string | null; second: string | null }) {
  if (!first && !second) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div className="wd-two-lines">
      <div>{first ?? '—'}</div>
      {second && <div className="wd-muted wd-small">{second}</div>}
    </div>
  );
}
