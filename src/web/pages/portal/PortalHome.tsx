import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import type { Archive } from '../../api/types.ts';
import { CardSkeleton, ErrorResult } from '../../components/Results.tsx';
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
      {home.isPending ? (
        <Card>
          <CardSkeleton rows={6} />
        </Card>
      ) : home.error ? (
        <Card>
          <ErrorResult error={home.error} />
        </Card>
      ) : !home.data.units.length ? (
        <Card>
          <Empty description={t('portal.noUnits')} />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          {home.data.units.map((a) => (
            <PortalUnitCard
              key={a.unit.id}
              archive={a}
              extra={
                home.data.units.length > 1 && (
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
    </>
  );
}
