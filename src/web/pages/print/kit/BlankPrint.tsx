import { lazy, Suspense, useMemo } from 'react';
import { useParams } from 'react-router';
import { NotFoundPage, PageLoading } from '../../../components/Results.tsx';
import { formDef } from './catalog.ts';

/** /print/blank/:form — the blank paper version of a form, for filling in by hand. */
export default function BlankPrint() {
  const { form = '' } = useParams();
  const def = formDef(form);
  const Blank = useMemo(() => (def?.blank ? lazy(def.blank) : null), [def]);
  if (!Blank) return <NotFoundPage />;
  return (
    <Suspense fallback={<PageLoading />}>
      <Blank />
    </Suspense>
  );
}
