import { Spin } from 'antd';
import { type ComponentType, lazy, Suspense, useState } from 'react';

/**
 * Code a page shows only on demand (its dialogs, drawers and non-default tabs) is loaded the first
 * time it is needed, not with the page, so every page stays within its size budget
 * (npm run bench:web). The module is fetched once; later opens are instant.
 */

/** The spinner over the page while a dialog's code loads (only on its first open). */
function DialogLoading() {
  return (
    <div className="wd-dialog-loading" data-testid="dialog-loading">
      <Spin size="large" />
    </div>
  );
}

/**
 * A modal or drawer loaded on its first open: nothing is rendered (or fetched) while `isOpen` has
 * never been true; from then on the real component is rendered with the same props, so it closes
 * with its animation and its form behaves as if it had been imported directly.
 */
export function lazyDialog<P extends object>(load: () => Promise<ComponentType<P>>, isOpen: (props: P) => boolean) {
  const Loaded = lazy(() => load().then((c) => ({ default: c })));
  return function LazyDialog(props: P) {
    const open = isOpen(props);
    const [opened, setOpened] = useState(open);
    if (open && !opened) setOpened(true);
    if (!opened && !open) return null;
    return (
      <Suspense fallback={<DialogLoading />}>
        <Loaded {...props} />
      </Suspense>
    );
  };
}

/** A tab's content, loaded when the tab is first shown (antd renders an inactive tab's content only once it is activated). */
export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>) {
  const Loaded = lazy(() => load().then((c) => ({ default: c })));
  return function LazyPart(props: P) {
    return (
      <Suspense fallback={<div className="wd-page-loading"><Spin /></div>}>
        <Loaded {...props} />
      </Suspense>
    );
  };
}
