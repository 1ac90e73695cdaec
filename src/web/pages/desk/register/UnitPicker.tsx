import { HomeOutlined, PhoneOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Flex, List, Select, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../api/client.ts';
import type { TicketListItem } from '../../../api/desk-types.ts';
import type { ListResponse, Unit } from '../../../api/types.ts';
import { AgreementTag, TicketStatusTag, TypeTag } from '../../../components/desk/TicketTags.tsx';
import { CareTags } from '../../../components/tags.tsx';
import { useT } from '../../../i18n/index.tsx';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

/**
 * One search box for the unit: number ("1-1-1201"), owner / member / tenant name, phone or its
 * last four digits. The chosen unit's household contact and open tickets show under it.
 */
export function UnitPicker({ estateId, value, onChange }: { estateId: number | undefined; value: Unit | null; onChange: (u: Unit | null) => void }) {
  const t = useT();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const found = useQuery({
    queryKey: ['unit-search', estateId, q],
    queryFn: () => api<ListResponse<Unit>>('/api/v1/units', { query: { estateId, q, pageSize: 12 } }),
    enabled: !!estateId && q.length > 0,
  });
  const open = useQuery({
    queryKey: ['tickets', { unitId: value?.id, open: 1 }],
    queryFn: () => api<ListResponse<TicketListItem>>('/api/v1/tickets', { query: { unitId: value!.id, open: 1, pageSize: 5 } }),
    enabled: !!value,
  });
  const options = (found.data?.items ?? []).map((u) => ({
    value: u.id,
    label: (
      <Flex justify="space-between" gap={8}>
        <span>
          <strong className="wd-mono">{u.label}</strong> <span className="wd-muted">{u.areaName ?? ''}</span>
        </span>
        <span className="wd-muted wd-ellipsis">
          {[u.ownerNames.join('、'), u.contactPhone].filter(Boolean).join(' · ')}
        </span>
      </Flex>
    ),
    unit: u,
  }));

  return (
    <Flex vertical gap={12}>
      <Select
        showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
        autoFocus
        size="large"
        allowClear
        value={value?.id}
        placeholder={t('register.unitSearch')}
        notFoundContent={found.isFetching ? <Spin size="small" /> : q ? t('register.noUnit') : t('register.unitSearchHint')}
        options={options}
        labelRender={() => (value ? `${value.label}  ${value.ownerNames.join('、')}` : '')}
        onChange={(id) => {
          const u = options.find((o) => o.value === id)?.unit ?? null;
          onChange(u);
          if (!u) setText('');
        }}
        data-testid="unit-picker"
        style={{ width: '100%' }}
      />
      {value && (
        <div className="wd-household-box" data-testid="unit-household">
          <Flex gap={16} wrap align="center">
            <span>
              <HomeOutlined /> <strong>{value.label}</strong> <span className="wd-muted">{[value.areaName, value.buildingName].filter(Boolean).join(' · ')}</span>
            </span>
            <span>
              <UserOutlined /> {value.contactName ?? value.householdName ?? t('register.noContact')}
            </span>
            {value.contactPhone && (
              <span className="wd-mono">
                <PhoneOutlined /> {value.contactPhone}
              </span>
            )}
            <CareTags flags={value.careFlags} />
          </Flex>
          <Typography.Text type="secondary" className="wd-small">
            {t('register.owners')}{t('print.colon')}{value.ownerNames.join('、') || '—'}
          </Typography.Text>
          <div style={{ marginTop: 8 }}>
            {open.data && open.data.total > 0 ? (
              <>
                <Alert type="warning" showIcon title={t('register.openTickets', { n: open.data.total })} style={{ marginBottom: 6 }} />
                <List
                  size="small"
                  dataSource={open.data.items}
                  data-testid="unit-open-tickets"
                  renderItem={(x) => (
                    <List.Item>
                      <Flex gap={8} align="center" wrap style={{ width: '100%' }}>
                        <Link to={`/desk/tickets/${x.id}`} className="wd-mono">
                          {x.number}
                        </Link>
                        <TypeTag type={x.type} />
                        <span className="wd-ellipsis" style={{ flex: 1, minWidth: 80 }}>
                          {x.title}
                        </span>
                        <TicketStatusTag status={x.status} />
                        <AgreementTag ticket={x} />
                      </Flex>
                    </List.Item>
                  )}
                />
              </>
            ) : open.data ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('register.noOpenTickets')} style={{ margin: 0 }} />
            ) : null}
          </div>
        </div>
      )}
    </Flex>
  );
}
