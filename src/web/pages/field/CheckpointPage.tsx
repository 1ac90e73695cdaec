/**
 * One checkpoint of a task: how presence was shown (QR scan, or by hand with a reason: unverified),
 * the template's items (ok/issue, number, text, choice), an issue's description and camera photos,
 * "fixed on the spot" with an after-photo. Submitting queues the photos and the result in the outbox
 * in one IndexedDB transaction; nothing needs signal.
 */
import { CameraOutlined, CheckCircleFilled, LeftOutlined, WarningFilled } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Checkbox, Input, InputNumber, Radio, Select, Tag } from 'antd';
import { type ChangeEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import type { LocalAnswer, LocalRoundResult, OutboxRecord } from '../../../core/outbox.ts';
import { addRecords, newUuid, type PhotoPayload } from '../../field/outbox-db.ts';
import { resizePhoto } from '../../field/photo.ts';
import type { PackItem } from '../../field/types.ts';
import { FieldCard, useField } from './FieldApp.tsx';
import { type FieldKey, useFT } from './i18n.ts';
import { violationCategoryOf } from '../../../core/renovation.ts';
import { type RenoGrade, RenoIssueFields, renoSeverity } from './RenoIssueFields.tsx';

interface Shot {
  uuid: string;
  blob: Blob;
  url: string;
}
interface ItemState {
  value?: string | number;
  description: string;
  photos: Shot[];
  fixedOnSpot: boolean;
  after: Shot[];
  /** only on a renovation's checkpoint */
  grade?: RenoGrade;
}
const MIN_TEXT = 4;
const MAX_PHOTOS = 9;

async function position(): Promise<GeolocationCoordinates | undefined> {
  // Only when already allowed: a permission prompt in a stairwell helps nobody, and GPS is a flag, not a rule.
  const perm = await navigator.permissions?.query({ name: 'geolocation' }).catch(() => null);
  if (perm?.state !== 'granted') return undefined;
  return new Promise((resolve) =>
    navigator.geolocation.getCurrentPosition((p) => resolve(p.coords), () => resolve(undefined), { timeout: 3000, maximumAge: 60_000 }),
  );
}

function PhotoInput({ shots, onAdd, testId, label, disabled }: { shots: Shot[]; onAdd: (files: File[]) => void; testId: string; label: string; disabled?: boolean }) {
  return (
    <div className="wd-field-photos">
      {shots.map((s) => (
        <img key={s.uuid} src={s.url} alt="" />
      ))}
      {shots.length < MAX_PHOTOS && (
        <Button icon={<CameraOutlined />} className="wd-field-photo-btn" disabled={disabled}>
          {label}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            data-testid={testId}
            onChange={(e: ChangeEvent<HTMLInputElement>) => {
              onAdd(Array.from(e.target.files ?? []));
              e.target.value = '';
            }}
          />
        </Button>
      )}
    </div>
  );
}

export default function CheckpointPage() {
  const f = useField();
  const t = useFT();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const { taskId, cpId } = useParams();
  const location = useLocation();
  const [search] = useSearchParams();
  const token = (location.state as { token?: string } | null)?.token;
  const codeTyped = (location.state as { codeTyped?: boolean } | null)?.codeTyped;
  const method: 'qr' | 'manual' = token && search.get('method') !== 'manual' ? 'qr' : 'manual';
  const task = f.pack?.tasks.find((x) => x.id === Number(taskId));
  const cp = task?.checkpoints.find((c) => c.id === Number(cpId));
  const reno = cp?.refKind === 'renovation';
  const items = useMemo(() => [...(cp?.template?.items ?? [])].sort((a, b) => a.seq - b.seq), [cp]);
  const [state, setState] = useState<Record<number, ItemState>>({});
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [photoError, setPhotoError] = useState<string>();

  const urls = useRef<string[]>([]);
  useEffect(() => () => urls.current.forEach((u) => URL.revokeObjectURL(u)), []);

  if (!task || !cp) return <Alert type="warning" showIcon title={t('field.cpMissing')} />;

  const get = (id: number): ItemState => state[id] ?? { description: '', photos: [], fixedOnSpot: false, after: [] };
  const patch = (id: number, p: Partial<ItemState>) => setState((s) => ({ ...s, [id]: { ...get(id), ...s[id], ...p } }));
  // A renovation major is never fixed on the spot: the choice is not offered (and not sent).
  const canFix = (item: PackItem, s: ItemState) => item.fixableOnSpot && !(reno && renoSeverity(item, s.grade ?? {}) === 'major');
  const addPhotos = async (id: number, files: File[], key: 'photos' | 'after') => {
    setPhotoError(undefined);
    try {
      const shots = await Promise.all(
        files.map(async (file) => {
          const blob = await resizePhoto(file);
          const url = URL.createObjectURL(blob);
          urls.current.push(url);
          return { uuid: newUuid(), blob, url };
        }),
      );
      setState((s) => {
        const cur = s[id] ?? { description: '', photos: [], fixedOnSpot: false, after: [] };
        return { ...s, [id]: { ...cur, [key]: [...cur[key], ...shots].slice(0, MAX_PHOTOS) } };
      });
    } catch (err) {
      setPhotoError(t('field.photoFailed', { msg: err instanceof Error ? err.message : String(err) }));
    }
  };

  const problems = (item: PackItem): FieldKey[] => {
    const s = get(item.id);
    const out: FieldKey[] = [];
    if (s.value === undefined || s.value === '') out.push('field.answerNeeded');
    if (item.answer === 'number' && typeof s.value === 'number' && ((item.min != null && s.value < item.min) || (item.max != null && s.value > item.max))) out.push('field.numberRange');
    if (s.value === 'issue') {
      if (s.description.trim().length < MIN_TEXT) out.push('field.issueDescNeeded');
      if (item.photoOnIssue && !s.photos.length) out.push('field.photoNeeded');
      if (s.fixedOnSpot && canFix(item, s) && !s.after.length) out.push('field.afterPhotoNeeded');
    }
    return out;
  };
  const reasonBad = method === 'manual' && reason.trim().length < MIN_TEXT;

  const submit = async () => {
    setTried(true);
    if (reasonBad || items.some((i) => problems(i).length)) return;
    setSaving(true);
    try {
      const coords = await position();
      const now = new Date().toISOString();
      const base = { createdAt: now, userId: f.me.user.id, userName: f.me.user.displayName, estateId: f.pack!.estateId, dependsOn: [], attempts: 0, state: 'queued' as const };
      const photoRecords: OutboxRecord<PhotoPayload>[] = [];
      const answers: LocalAnswer[] = items.map((item) => {
        const s = get(item.id);
        if (s.value !== 'issue') return { itemId: item.id, value: s.value! };
        const shot = (p: Shot, role: 'issue' | 'after') =>
          photoRecords.push({ ...base, clientUuid: p.uuid, kind: 'photo', payload: { blob: p.blob, taskId: task.id, checkpointId: cp.id, itemId: item.id, role } });
        s.photos.forEach((p) => shot(p, 'issue'));
        const fixed = s.fixedOnSpot && canFix(item, s);
        const severity = reno ? renoSeverity(item, s.grade ?? {}) : undefined;
        // Days to put it right only for a minor left open (the server refuses them otherwise).
        const days = severity === 'minor' && !fixed && s.grade?.rectifyDays ? { rectifyDays: s.grade.rectifyDays } : {};
        const grade = reno ? { severity, category: violationCategoryOf(s.grade?.category, item.label), ...days } : {};
        if (fixed) s.after.forEach((p) => shot(p, 'after'));
        return {
          itemId: item.id,
          value: 'issue',
          issue: { description: s.description.trim(), photoUuids: s.photos.map((p) => p.uuid), ...(fixed ? { fixedOnSpot: true, afterPhotoUuids: s.after.map((p) => p.uuid) } : {}), ...grade },
        };
      });
      const payload: LocalRoundResult = {
        taskId: task.id,
        checkpointId: cp.id,
        scanMethod: method,
        ...(method === 'qr' ? { scannedToken: token } : { manualReason: reason.trim() }),
        observedAt: now,
        ...(coords ? { lat: coords.latitude, lng: coords.longitude, accuracy: coords.accuracy } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        answers,
      };
      // Photos a millisecond older than their result: the queue sends oldest first, photos before results anyway.
      const result: OutboxRecord<LocalRoundResult> = { ...base, createdAt: new Date(Date.parse(now) + 1).toISOString(), clientUuid: newUuid(), kind: 'round_result', payload, dependsOn: photoRecords.map((p) => p.clientUuid) };
      await addRecords([...photoRecords, result]);
      message.success(t('field.saved'));
      if (navigator.onLine) void f.sync();
      navigate(`/field/tasks/${task.id}`, { replace: true });
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Link to={`/field/tasks/${task.id}`} className="wd-field-muted">
        <LeftOutlined /> {task.planName}
      </Link>
      <FieldCard>
        <h3>
          {cp.name} <span className="wd-field-muted">{cp.code}</span>
        </h3>
        <div className="wd-field-muted">{cp.location}</div>
        {method === 'qr' ? (
          <Tag color="green" icon={<CheckCircleFilled />} style={{ marginTop: 6 }} data-testid="cp-verified">
            {t('field.verified')}
          </Tag>
        ) : (
          <>
            <Tag color="orange" icon={<WarningFilled />} style={{ marginTop: 6 }} data-testid="cp-unverified">
              {t('field.unverified')}
            </Tag>
            {codeTyped && <div className="wd-field-muted">{t('field.codeManual')}</div>}
            <Input.TextArea style={{ marginTop: 8 }} rows={2} maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('field.manualReason')} data-testid="cp-reason" />
            {tried && reasonBad && <div className="wd-field-error">{t('field.manualReasonNeeded')}</div>}
          </>
        )}
      </FieldCard>
      <FieldCard>
        {items.some((i) => i.answer === 'ok_issue') && (
          <Button
            size="small"
            style={{ marginBottom: 4 }}
            onClick={() =>
              setState((st) => {
                const next = { ...st };
                for (const i of items) if (i.answer === 'ok_issue' && st[i.id]?.value === undefined) next[i.id] = { ...(st[i.id] ?? { description: '', photos: [], fixedOnSpot: false, after: [] }), value: 'ok' };
                return next;
              })
            }
            data-testid="cp-all-ok"
          >
            {t('field.allOk')}
          </Button>
        )}
        {items.map((item) => {
          const s = get(item.id);
          const errs = tried ? problems(item) : [];
          return (
            <div key={item.id} className="wd-field-item" data-testid={`item-${item.id}`}>
              <div className="wd-field-item-label">
                {item.seq}. {item.label}
                {item.unit && item.answer !== 'number' ? ` (${item.unit})` : ''} {item.severity === 'major' && <Tag color="red">{t('field.severity.major')}</Tag>}
              </div>
              {item.answer === 'ok_issue' && (
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  value={s.value}
                  onChange={(e) => patch(item.id, { value: e.target.value })}
                  options={[
                    { label: t('field.itemOk'), value: 'ok' },
                    { label: t('field.itemIssue'), value: 'issue' },
                  ]}
                />
              )}
              {item.answer === 'number' && (
                <InputNumber style={{ width: '100%' }} inputMode="decimal" value={typeof s.value === 'number' ? s.value : null} min={item.min ?? undefined} max={item.max ?? undefined} onChange={(v) => patch(item.id, { value: v ?? undefined })} addonAfter={item.unit || undefined} data-testid={`item-number-${item.id}`} />
              )}
              {item.answer === 'text' && <Input value={typeof s.value === 'string' ? s.value : ''} maxLength={1000} onChange={(e) => patch(item.id, { value: e.target.value })} />}
              {item.answer === 'choice' && <Select style={{ width: '100%' }} value={s.value as string | undefined} onChange={(v) => patch(item.id, { value: v })} options={(item.options ?? []).map((o) => ({ label: o, value: o }))} />}
              {s.value === 'issue' && (
                <div style={{ marginTop: 8 }}>
                  <Input.TextArea rows={2} maxLength={1000} value={s.description} onChange={(e) => patch(item.id, { description: e.target.value })} placeholder={t('field.issueDesc')} data-testid={`item-desc-${item.id}`} />
                  <PhotoInput shots={s.photos} onAdd={(files) => void addPhotos(item.id, files, 'photos')} testId={`item-photo-${item.id}`} label={t('field.takePhoto')} />
                  {reno && <RenoIssueFields item={item} grade={s.grade ?? {}} fixed={s.fixedOnSpot && canFix(item, s)} onChange={(g) => patch(item.id, { grade: g })} />}
                  {canFix(item, s) && (
                    <>
                      <Checkbox style={{ marginTop: 8 }} checked={s.fixedOnSpot} onChange={(e) => patch(item.id, { fixedOnSpot: e.target.checked })} data-testid={`item-fixed-${item.id}`}>
                        {t('field.fixedOnSpot')}
                      </Checkbox>
                      {s.fixedOnSpot && <PhotoInput shots={s.after} onAdd={(files) => void addPhotos(item.id, files, 'after')} testId={`item-after-${item.id}`} label={t('field.afterPhoto')} />}
                    </>
                  )}
                </div>
              )}
              {errs.map((e) => (
                <div key={e} className="wd-field-error">
                  {t(e, { min: item.min ?? '', max: item.max ?? '' })}
                </div>
              ))}
            </div>
          );
        })}
        {photoError && <Alert type="error" showIcon title={photoError} />}
      </FieldCard>
      <FieldCard>
        <Input.TextArea rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('field.note')} />
        <Button type="primary" className="wd-field-big" style={{ marginTop: 10 }} loading={saving} onClick={() => void submit()} data-testid="cp-submit">
          {t('field.submit')}
        </Button>
      </FieldCard>
    </>
  );
}
