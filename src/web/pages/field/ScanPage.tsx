/**
 * Scan a checkpoint's QR code with the camera (components/useQrCamera);
 * /field/scan?t=<token> is what the printed code opens in the phone's own camera app. The phone holds
 * only sha256 hashes of the tokens (task pack) and matches the scan against them; typing the printed
 * checkpoint code is a hand record (unverified).
 */
import { CameraOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Space } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { tokenFromScan } from '../../../core/outbox.ts';
import { useQrCamera } from '../../components/useQrCamera.ts';
import type { PackTask } from '../../field/types.ts';
import { checkpointMark, FieldCard, useField } from './FieldApp.tsx';
import { useFT } from './i18n.ts';

async function sha256Hex(text: string): Promise<string | null> {
  if (!crypto.subtle) return null;
  const buf = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
}

export default function ScanPage() {
  const f = useField();
  const t = useFT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const preferTask = Number(params.get('task')) || undefined;
  const [error, setError] = useState<string>();
  const [code, setCode] = useState('');
  const [cameraOn, setCameraOn] = useState(false);
  const handled = useRef(false);

  /** The task and checkpoint a checkpoint id belongs to: the asked-for task, else the first not yet checked. */
  const place = useCallback(
    (match: (cp: PackTask['checkpoints'][number]) => boolean) => {
      const tasks = [...(f.pack?.tasks ?? [])].sort((a, b) => Number(b.id === preferTask) - Number(a.id === preferTask));
      const hits = tasks.flatMap((task) => task.checkpoints.filter(match).map((cp) => ({ task, cp })));
      return hits.find((h) => checkpointMark(f, h.task.id, h.cp) === 'todo') ?? hits[0];
    },
    [f, preferTask],
  );

  const onToken = useCallback(
    async (raw: string) => {
      const token = tokenFromScan(raw);
      const hash = await sha256Hex(token);
      if (hash === null) return setError(t('field.scanNoCrypto'));
      const hit = place((cp) => cp.qrHash === hash);
      if (!hit) return setError(t('field.scanUnknown'));
      handled.current = true;
      navigate(`/field/tasks/${hit.task.id}/cp/${hit.cp.id}`, { state: { token } });
    },
    [navigate, place, t],
  );

  // The printed QR opened this page with ?t=<token>.
  const urlToken = params.get('t');
  useEffect(() => {
    if (urlToken && f.pack && !handled.current) void onToken(urlToken);
  }, [urlToken, f.pack, onToken]);

  const videoRef = useQrCamera(
    cameraOn,
    async (text) => {
      if (handled.current) return true;
      await onToken(text);
      return handled.current;
    },
    (msg) => {
      setError(t('field.cameraOff', { msg }));
      setCameraOn(false);
    },
  );

  const submitCode = async () => {
    const typed = code.trim();
    if (!typed) return;
    setError(undefined);
    const byCode = place((cp) => cp.code.toLowerCase() === typed.toLowerCase());
    if (byCode) {
      handled.current = true;
      navigate(`/field/tasks/${byCode.task.id}/cp/${byCode.cp.id}?method=manual`, { state: { codeTyped: true } });
      return;
    }
    await onToken(typed);
  };

  return (
    <>
      {!f.pack && <Alert type="warning" showIcon title={t('field.packNone')} style={{ marginBottom: 12 }} />}
      <FieldCard>
        <h3>{t('field.scanTitle')}</h3>
        <div className="wd-field-muted" style={{ marginBottom: 8 }}>
          {t('field.scanHint')}
        </div>
        {cameraOn ? (
          <video ref={videoRef} className="wd-field-video" playsInline muted />
        ) : (
          <Button type="primary" icon={<CameraOutlined />} className="wd-field-big" onClick={() => (setError(undefined), setCameraOn(true))} data-testid="scan-camera">
            {t('field.cameraStart')}
          </Button>
        )}
      </FieldCard>
      <FieldCard>
        <Space.Compact style={{ width: '100%' }}>
          <Input value={code} onChange={(e) => setCode(e.target.value)} placeholder={t('field.codeInput')} onPressEnter={() => void submitCode()} data-testid="scan-code" />
          <Button type="primary" onClick={() => void submitCode()} data-testid="scan-code-go">
            {t('field.codeGo')}
          </Button>
        </Space.Compact>
        {error && <Alert type="warning" showIcon title={error} style={{ marginTop: 8 }} data-testid="scan-error" />}
      </FieldCard>
    </>
  );
}
