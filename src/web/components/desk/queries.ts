/** Reference data of the desk that several pages need, cached per estate. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { ListResponse } from '../../api/types.ts';
import type { Category } from '../../api/desk-types.ts';

export function useCategories(estateId: number | undefined) {
  return useQuery({
    queryKey: ['desk-categories', estateId],
    queryFn: () => api<ListResponse<Category>>('/api/v1/desk/categories', { query: { estateId } }),
    enabled: !!estateId,
    staleTime: 5 * 60_000,
  });
}

export interface CascaderNode {
  value: string | number;
  label: string;
  children?: CascaderNode[];
}

/** 地点 → 类别 → 问题, the leaf's value being the category id. */
export function categoryTree(items: Category[]): CascaderNode[] {
  const places = new Map<string, Map<string, CascaderNode[]>>();
  for (const c of items) {
    if (c.archived) continue;
    if (!places.has(c.place)) places.set(c.place, new Map());
    const cats = places.get(c.place)!;
    if (!cats.has(c.category)) cats.set(c.category, []);
    cats.get(c.category)!.push({ value: c.id, label: c.problem });
  }
  return [...places].map(([place, cats]) => ({
    value: place,
    label: place,
    children: [...cats].map(([cat, problems]) => ({ value: `${place}/${cat}`, label: cat, children: problems })),
  }));
}

/** The cascader path of a category id (to show a chosen category again). */
export function categoryPath(items: Category[], id: number | null | undefined): Array<string | number> | undefined {
  const c = items.find((x) => x.id === id);
  return c ? [c.place, `${c.place}/${c.category}`, c.id] : undefined;
}
