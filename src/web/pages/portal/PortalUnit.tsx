import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Result } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../api/client.ts';
import type { Archive } from '../../api/types.ts';
import { CardSkeleton } from '../../components/Results.tsx';
import { useT } from '../../i18n/index.tsx';
import { PortalUnitCard } from './UnitCard.tsx';

/** One of the owner's units. Any other unit answers 404, shown as a plain refusal. */
export default function PortalUnit() {
  const t = useT();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const unit = useQuery({ queryKey: ['portal-unit', id], queryFn: () => api<Archive>(`/api/v1/portal/units/${id}`), enabled: valid });
  const backHome = (
    <Button type="primary" onClick={() => navigate('/portal')} data-testid="refusal-home">
      {t('portal.backHome')}
    </Button>
  );
  if (!valid || unit.error) {
    const status = unit.error instanceof ApiError ? unit.error.status : 404;
    return (
      <Card className="wd-portal-card">
        <Result
          status={status === 404 || status === 403 || !valid ? '403' : 'error'}
          title={status === 404 || status === 403 || !valid ? t('portal.refusedTitle') : t('error.loadFailed')}
          subTitle={status === 404 || status === 403 || !valid ? t('portal.refusedSub') : unit.error instanceof ApiError ? unit.error.message : t('error.generic')}
          extra={backHome}
          data-testid="refusal"
        />
      </Card>
    );
  }
  if (unit.isPending)
    return (
      <Card>
        <CardSkeleton rows={6} />
      </Card>
    );
  return (
    <>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/portal')} style={{ paddingInline: 0, marginBottom: 8 }}>
        {t('portal.myHome')}
      </Button>
      <PortalUnitCard archive={unit.data} />
    </>
  );
}
