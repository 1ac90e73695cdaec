import { useQuery } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { useT } from '../../i18n/index.tsx';

/** "该户有待填问卷" on the cashier's page: the manual collects questionnaires at fee-collection time (4.6.2). */
export function PendingSurveyHint({ unitId }: { unitId: number }) {
  const t = useT();
  const { can } = useSession();
  const pending = useQuery({
    queryKey: ['pending-surveys', unitId],
    queryFn: () => api<{ items: Array<{ recipientId: number; surveyId: number; title: string; formNo: string | null; closesOn: string }> }>(`/api/v1/units/${unitId}/pending-surveys`),
    enabled: can('survey.enter'),
  });
  const items = pending.data?.items ?? [];
  if (!items.length) return null;
  return (
    <>
      {items.map((s) => (
        <Alert
          key={s.recipientId}
          type="info"
          showIcon
          data-testid="pending-survey"
          message={t('rel.survey.pendingHint', { title: s.title, formNo: s.formNo ?? '—', date: s.closesOn })}
          action={<Link to={`/relations/surveys/${s.surveyId}`}><Button size="small">{t('rel.survey.enterNow')}</Button></Link>}
        />
      ))}
    </>
  );
}
