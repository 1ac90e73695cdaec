import { Button, type ResultProps, Skeleton } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';

export { PageLoading } from './PageLoading.tsx';

// antd's Result (its illustrations) is fetched when a page first shows a refusal or a failure, not
// with every page that might (npm run bench:web).
const LazyResult = lazy(() => import('./ResultView.tsx'));
function Result(props: ResultProps & { 'data-testid'?: string }) {
  return (
    <Suspense fallback={null}>
      <LazyResult {...props} />
    </Suspense>
  );
}

export function CardSkeleton({ rows = 4 }: { rows?: number }) {
  return <Skeleton active paragraph={{ rows }} />;
}

/** A refused or failed page: 403 / 404 / error, with the server's message when there is one. */
export function ErrorResult({ error, extra }: { error: unknown; extra?: ReactNode }) {
  const t = useT();
  const status = error instanceof ApiError ? error.status : 500;
  const message = error instanceof ApiError ? error.message : t('error.generic');
  if (status === 404)
    return <Result status="404" title={t('error.notFoundTitle')} subTitle={message} extra={extra} data-testid="refusal" />;
  if (status === 403)
    return <Result status="403" title={t('error.forbiddenTitle')} subTitle={message} extra={extra} data-testid="refusal" />;
  return <Result status="error" title={t('error.loadFailed')} subTitle={message} extra={extra} />;
}

export function Forbidden({ subTitle, extra }: { subTitle?: ReactNode; extra?: ReactNode }) {
  const t = useT();
  return <Result status="403" title={t('error.forbiddenTitle')} subTitle={subTitle ?? t('error.forbiddenPage')} extra={extra} data-testid="refusal" />;
}

export function NotFoundPage() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('error.pageNotFound')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}
