import { CameraOutlined } from '@ant-design/icons';
import { App, Button, Empty, Image, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useT } from '../../i18n/index.tsx';
import { useReportError } from '../useReportError.ts';

export const MAX_PHOTOS = 6;
const MAX_BYTES = 5 * 1024 * 1024;
const TYPES = ['image/jpeg', 'image/png', 'image/webp'];

/** Thumbnails of a ticket's photos; click to enlarge. */
export function PhotoStrip({ photos }: { photos: Array<{ id: number }> }) {
  const t = useT();
  if (!photos.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('photos.none')} style={{ margin: '8px 0' }} />;
  return (
    <Image.PreviewGroup>
      <div className="wd-photos" data-testid="photo-strip">
        {photos.map((p) => (
          <Image key={p.id} src={`/api/v1/photos/${p.id}`} width={88} height={88} style={{ objectFit: 'cover', borderRadius: 6 }} alt="" />
        ))}
      </div>
    </Image.PreviewGroup>
  );
}

/** Checks the picked files the way the server will (JPEG/PNG/WebP, ≤ 5 MB, ≤ 6). */
export function usePhotoCheck() {
  const t = useT();
  const { message } = App.useApp();
  return (files: File[]): boolean => {
    let problem: string | null = null;
    if (files.length > MAX_PHOTOS) problem = t('photos.tooMany', { n: MAX_PHOTOS });
    else if (files.some((f) => !TYPES.includes(f.type))) problem = t('photos.badType');
    else if (files.some((f) => f.size > MAX_BYTES)) problem = t('photos.tooBig');
    if (problem) message.error(problem);
    return !problem;
  };
}

export async function uploadPhotos(ticketId: number, files: File[]): Promise<void> {
  if (!files.length) return;
  const form = new FormData();
  for (const f of files) form.append('file', f, f.name);
  await api(`/api/v1/tickets/${ticketId}/photos`, { method: 'POST', body: form });
}

/** 上传照片: picks one or more images and sends them at once. */
export function PhotoUploadButton({ ticketId, onDone, size }: { ticketId: number; onDone: () => void; size?: 'small' | 'middle' }) {
  const t = useT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const check = usePhotoCheck();
  const [busy, setBusy] = useState(false);
  return (
    <Upload
      multiple
      accept={TYPES.join(',')}
      showUploadList={false}
      beforeUpload={(_file, list) => {
        // beforeUpload runs once per file; act on the whole batch once, on its first file.
        if (_file !== list[0]) return false;
        if (!check(list)) return false;
        setBusy(true);
        uploadPhotos(ticketId, list)
          .then(() => {
            message.success(t('photos.uploaded', { n: list.length }));
            onDone();
          })
          .catch((err) => reportError(err))
          .finally(() => setBusy(false));
        return false;
      }}
    >
      <Button icon={<CameraOutlined />} loading={busy} size={size} data-testid="photo-upload">
        {t('photos.upload')}
      </Button>
    </Upload>
  );
}
