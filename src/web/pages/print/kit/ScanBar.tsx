import { FileDoneOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Upload } from 'antd';
import { useState } from 'react';
import { can } from '../../../../core/roles.ts';
import { api } from '../../../api/client.ts';
import { useMe } from '../../../app/session.tsx';
import { formatDateTime } from '../../../components/format.ts';
import { useReportError } from '../../../components/useReportError.ts';
import { useT } from '../../../i18n/index.tsx';

export interface FormScan {
  id: number;
  form: string;
  record: string;
  mime: string;
  size: number;
  fileName: string | null;
  note: string | null;
  uploadedAt: string;
  uploadedBy: string | null;
}

const TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'];
const MAX_BYTES = 10 * 1024 * 1024;

export const scansPath = (form: string, record: string) => `/api/v1/forms/${encodeURIComponent(form)}/${encodeURIComponent(record)}/scans`;

/**
 * Above each printed record, not printed itself: the signed scans already filed for the record and
 * a button to upload one (PDF or photo), which the server keeps as the archive copy (M 4.2.2.2).
 */
export function ScanBar({ form, record }: { form: string; record: string }) {
  const t = useT();
  const me = useMe().data;
  const role = me?.user.role;
  const readable = !!role && can(role, 'form.read');
  const writable = !!role && can(role, 'form.scan');
  const qc = useQueryClient();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [busy, setBusy] = useState(false);
  const key = ['form-scans', form, record];
  const scans = useQuery({ queryKey: key, queryFn: () => api<{ items: FormScan[] }>(scansPath(form, record)), enabled: readable, retry: false });
  if (!readable) return null;
  const items = scans.data?.items ?? [];
  return (
    <Flex className="wd-form-scanbar" gap={8} align="center" wrap data-testid="scan-bar">
      <FileDoneOutlined />
      <span data-testid="scan-count">{t('kit.scans', { n: items.length })}</span>
      {items.slice(0, 5).map((s) => (
        <a key={s.id} href={`/api/v1/form-scans/${s.id}`} target="_blank" rel="noreferrer" data-testid="scan-link">
          {formatDateTime(s.uploadedAt).slice(0, 16)} {s.uploadedBy ?? ''}
        </a>
      ))}
      {writable && (
        <Upload
          accept={TYPES.join(',')}
          showUploadList={false}
          beforeUpload={(file) => {
            if (!TYPES.includes(file.type)) message.error(t('kit.scanType'));
            else if (file.size > MAX_BYTES) message.error(t('kit.scanSize'));
            else {
              setBusy(true);
              const body = new FormData();
              body.append('file', file, file.name);
              api(scansPath(form, record), { method: 'POST', body })
                .then(() => {
                  message.success(t('kit.scanDone'));
                  return qc.invalidateQueries({ queryKey: key });
                })
                .catch(reportError)
                .finally(() => setBusy(false));
            }
            return false;
          }}
        >
          <Button size="small" icon={<UploadOutlined />} loading={busy} data-testid="scan-upload">
            {t('kit.scanUpload')}
          </Button>
        </Upload>
      )}
    </Flex>
  );
}
