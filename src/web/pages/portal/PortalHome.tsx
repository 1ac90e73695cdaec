import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import type { Archive } from '../../api/types.ts';
import { PortalListState } from './PortalListState.tsx';
import { useT } from '../../i18n/index.tsx';
import { PortalUnitCard } from './UnitCard.tsx';

/** 我的家: the owner's unit(s) with household, owners and current lease. */
export default function PortalHome() {
  const t = useT();
  const home = useQuery({ queryKey: ['portal-home'], queryFn: () => api<{ units: Archive[] }>('/api/v1/portal/home') });
  return (
    <>
      <Typography.Title level={4} className="wd-portal-h1" data-testid="portal-title">
        {t('portal.myHome')}
      </Typography.Title>
      <PortalListState query={home} rows={6} isEmpty={(d) => !d.units.length} empty={t('portal.noUnits')}>
        {(data) => (
          <Flex vertical gap={16}>
            {data.units.map((a) => (
              <PortalUnitCard
                key={a.unit.id}
                archive={a}
                extra={
                  data.units.length > 1 && (
                    <Link to={`/portal/units/${a.unit.id}`}>
                      <Button type="link" size="small" style={{ paddingInline: 0 }}>
                        {t('portal.details')} <RightOutlined />
                      </Button>
                    </Link>
                  )
                }
              />
            ))}
          </Flex>
        )}
      </PortalListState>
    </>
  );
}
