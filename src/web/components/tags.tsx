import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { CARE_FLAG_LABELS, UNIT_STATUS_LABELS } from '../../core/labels.ts';
import { useI18n } from '../i18n/index.tsx';

export const STATUS_COLORS: Record<string, string> = {
  occupied: 'green',
  rented: 'blue',
  vacant: 'default',
  renovating: 'orange',
};
/** Bar colors of the same statuses (building overview). */
export const STATUS_BAR_COLORS: Record<string, string> = {
  occupied: '#52c41a',
  rented: '#1677ff',
  vacant: '#d9d9d9',
  renovating: '#fa8c16',
};

export function StatusTag({ status }: { status: string }) {
  const { label } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-status={status} style={{ marginInlineEnd: 0 }}>
      {label(UNIT_STATUS_LABELS, status)}
    </Tag>
  );
}

export function CareTags({ flags, empty = null }: { flags: readonly string[] | null | undefined; empty?: ReactNode }) {
  const { label } = useI18n();
  if (!flags?.length) return <>{empty}</>;
  return (
    <span className="wd-tags">
      {flags.map((f) => (
        <Tag key={f} color="red" style={{ marginInlineEnd: 0 }}>
          {label(CARE_FLAG_LABELS, f)}
        </Tag>
      ))}
    </span>
  );
}

const ROLE_COLORS: Record<string, string> = {
  admin: 'magenta',
  director: 'volcano',
  assistant: 'gold',
  cs_admin: 'blue',
  front_desk: 'cyan',
  cashier: 'green',
  dept_staff: 'purple',
  owner: 'default',
};
export const roleColor = (role: string) => ROLE_COLORS[role] ?? 'default';
