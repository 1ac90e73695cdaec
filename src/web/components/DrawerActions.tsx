import { Button, Space } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n/index.tsx';

/** The cancel / save buttons in a form drawer's header (`extra`); `okText` defaults to 保存. */
export function DrawerActions({ busy, onCancel, onOk, okText, testId }: { busy: boolean; onCancel: () => void; onOk: () => void; okText?: ReactNode; testId?: string }) {
  const t = useT();
  return (
    <Space>
      <Button onClick={onCancel}>{t('common.cancel')}</Button>
      <Button type="primary" loading={busy} onClick={onOk} data-testid={testId}>
        {okText ?? t('common.save')}
      </Button>
    </Space>
  );
}
