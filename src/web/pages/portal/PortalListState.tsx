import type { UseQueryResult } from '@tanstack/react-query';
import { Card, Empty } from 'antd';
import type { ReactNode } from 'react';
import { CardSkeleton, ErrorResult } from '../../components/Results.tsx';

/**
 * The one card an owner-portal page shows instead of its list while the list loads, when it failed,
 * or when there is nothing in it (`isEmpty`, `empty` the words); `children` once there is data.
 */
export function PortalListState<T>({ query, isEmpty, empty, rows = 5, children }: {
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  empty?: string;
  rows?: number;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending)
    return (
      <Card>
        <CardSkeleton rows={rows} />
      </Card>
    );
  if (query.error)
    return (
      <Card>
        <ErrorResult error={query.error} />
      </Card>
    );
  if (isEmpty?.(query.data))
    return (
      <Card>
        <Empty description={empty} />
      </Card>
    );
  return <>{children(query.data)}</>;
}
