import { EditOutlined, ExportOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Descriptions, Divider, Drawer, Empty, Flex, Form, Input, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { ListItemCard } from '../../components/ListItemCard.tsx';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { RELATION_LABELS } from '../../../core/labels.ts';
import { api } from '../../api/client.ts';
import type { Archive, Household, Member } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { formatDate } from '../../components/format.ts';
import { Reveal } from '../../components/Reveal.tsx';
import { CareTags } from '../../components/tags.tsx';
import { DrawerActions } from '../../components/DrawerActions.tsx';
import { useResetOnOpen } from '../../components/forms.ts';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { useI18n } from '../../i18n/index.tsx';
import { EndDateModal } from './EndDateModal.tsx';
import { MemberFields, type MemberValues, memberBody } from './MemberFields.tsx';

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

function MemberDrawer({ household, member, onClose, onDone }: { household: Household; member: Member | 'new' | null; onClose: () => void; onDone: () => Promise<unknown> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<MemberValues>();
  const editing = member !== null && member !== 'new';
  const initial: Partial<MemberValues> = editing
    ? {
        name: member.name,
        relation: member.relation,
        gender: (member.gender as 'M' | 'F' | null) ?? undefined,
        birthYear: member.birthYear,
        isHead: member.isHead,
        isOwner: member.isOwner,
        occupation: member.occupation ?? undefined,
        employer: member.employer ?? undefined,
        specialties: member.specialties ?? undefined,
        hobbies: member.hobbies ?? undefined,
        careFlags: member.careFlags,
        notes: member.notes ?? undefined,
      }
    : { relation: 'child', careFlags: [] };
  useResetOnOpen(form, member !== null, editing ? member.id : member);

  const { busy, submit } = useFormSubmit(form, async (v) => {
    if (editing) await api(`/api/v1/members/${member.id}`, { method: 'PATCH', body: memberBody(v, true) });
    else await api(`/api/v1/households/${household.id}/members`, { body: memberBody(v, false) });
    message.success(editing ? t('common.saved') : t('member.added', { name: v.name }));
    await onDone();
    onClose();
  });

  return (
    <Drawer
      open={member !== null}
      size={640}
      title={editing ? t('member.editTitle', { name: member.name }) : t('member.addTitle', { household: household.name })}
      onClose={onClose}
      destroyOnHidden
      extra={<DrawerActions busy={busy} onCancel={onClose} onOk={submit} testId="member-submit" />}
    >
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        <MemberFields editing={editing} />
      </Form>
    </Drawer>
  );
}

interface RegisterValues {
  name: string;
  movedInOn?: Dayjs;
  notes?: string;
  members: MemberValues[];
}

function RegisterHousehold({ open, archive, onClose, onDone }: { open: boolean; archive: Archive; onClose: () => void; onDone: () => Promise<unknown> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<RegisterValues>();
  const owner = archive.ownerships.find((o) => !o.endedOn)?.ownerName;
  useResetOnOpen(form, open);

  const { busy, submit } = useFormSubmit(form, async (v) => {
    await api('/api/v1/households', {
      body: {
        unitId: archive.unit.id,
        name: v.name.trim(),
        movedInOn: v.movedInOn ? v.movedInOn.format('YYYY-MM-DD') : null,
        notes: v.notes?.trim() || null,
        members: v.members.map((m) => memberBody(m, false)),
      },
    });
    message.success(t('household.registered', { name: v.name }));
    await onDone();
    onClose();
  });

  return (
    <Drawer
      open={open}
      size={760}
      title={t('household.registerTitle', { unit: archive.unit.label })}
      onClose={onClose}
      destroyOnHidden
      extra={<DrawerActions busy={busy} onCancel={onClose} onOk={submit} testId="household-submit" />}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          name: owner ? t('household.defaultName', { name: owner }) : '',
          members: [{ name: owner ?? '', relation: 'head', isHead: true, isOwner: !!owner, careFlags: [] }],
        }}
      >
        <Flex gap={16} wrap>
          <Form.Item name="name" label={t('household.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }]} style={{ flex: '1 1 240px' }}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="movedInOn" label={t('household.movedInOn')} style={{ flex: '0 0 200px' }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="notes" label={t('common.notes')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.List name="members">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f, i) => (
                <ListItemCard key={f.key} title={t('household.memberN', { n: i + 1 })} onRemove={fields.length > 1 ? () => remove(f.name) : undefined}>
                  <MemberFields prefix={[f.name]} compact />
                </ListItemCard>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ relation: 'spouse', careFlags: [] })}>
                {t('member.add')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
