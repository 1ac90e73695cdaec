import type { TablePaginationConfig } from 'antd';
import { useSearchParams } from 'react-router';
import { useT } from '../i18n/index.tsx';

export type ParamPatch = Record<string, string | number | undefined | null>;

/**
 * A list page's filters and paging kept in the URL: `page` and `size` (defaults 1 and 20, left
 * out of the URL when default), `update` to set or clear params (empty values — undefined, null,
 * '' or 0 — are removed; changing a filter goes back to page 1 unless `resetPage` is false), and
 * the table `pagination` with the 20 / 50 / 100 size changer and the total.
 */
export function useListParams() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('size')) || 20;

  const update = (patch: ParamPatch, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === null || v === '' || v === 0) next.delete(k);
      else next.set(k, String(v));
    }
    if (resetPage) next.delete('page');
    setParams(next, { replace: true });
  };

  const changePage = (p: number, s: number) => update({ page: p === 1 ? undefined : p, size: s === 20 ? undefined : s }, false);

  const pagination = (total: number | undefined): TablePaginationConfig => ({
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100],
    showTotal: (n) => t('common.total', { n }),
    onChange: changePage,
  });

  return { params, setParams, page, pageSize, update, changePage, pagination };
}
