/** 待同步: every record this phone holds for the user, its state and the server's reason when refused. */
import { DeleteOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Empty, Input, Popconfirm, Progress, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { discardable, foreignSummary, type LocalRoundResult, type OutboxRecord, outboxCounts, storageWarning } from '../../../core/outbox.ts';
import { can } from '../../../core/roles.ts';
import { discardRecords } from '../../field/sync.ts';
import type { LocalVisit } from '../../field/types.ts';
import type { PhotoPayload } from '../../field/outbox-db.ts';
import { FieldCard, useField } from './FieldApp.tsx';
import { type FieldKey, useFT } from './i18n.ts';

/** The server corrects times skewed by more than 2 minutes (A.3.6 rule 4); the user should fix the phone's clock. */
const SKEW_WARN_MS = 120_000;
const STATE_COLOR = { queued: 'orange', sending: 'processing', done: 'green', rejected: 'red' } as const;

function useStorage() {
  const [est, setEst] = useState<{ usage?: number; quota?: number }>({});
  const { records } = useField();
  useEffect(() => {
    void navigator.storage?.estimate?.().then(setEst).catch(() => undefined);
  }, [records.length]);
  return storageWarning(est.usage, est.quota);
}

function Thumb({ blob }: { blob: Blob }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    const u = URL.createObjectURL(blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob]);
  return url ? <img src={url} alt="" style={{ width: 40, height: 40, objectFit: 'cover', borderRadius: 4 }} /> : null;
}

export default function OutboxPage() {
  const f = useField();
  const t = useFT();
  const storage = useStorage();
  const counts = outboxCounts(f.records, f.me.user.id);
  const mine = f.records.filter((r) => r.userId === f.me.user.id).reverse();
  const names = new Map(f.pack?.tasks.flatMap((task) => task.checkpoints.map((cp) => [`${task.id}:${cp.id}`, `${task.planName} · ${cp.name}`])) ?? []);
  const households = new Map(f.pack?.visits?.items.map((i) => [i.householdId, `${i.unitLabel} ${i.householdName}`]) ?? []);
  const what = (r: OutboxRecord) => {
    if (r.kind === 'home_visit') return households.get((r.payload as LocalVisit).householdId) ?? '';
    const p = r.payload as Partial<LocalRoundResult & PhotoPayload>;
    return names.get(`${p.taskId}:${p.checkpointId}`) ?? '';
  };
  const pct = Math.round(storage.ratio * 100);
  const last = f.lastSync;
  return (
    <>
      <FieldCard>
        <div className="wd-field-row">
          <h3 className="grow">{t('field.outboxTitle')}</h3>
          <Tag color="orange" data-testid="count-queued">{t('field.countQueued', { n: counts.queued + counts.sending })}</Tag>
          {counts.rejected > 0 && <Tag color="red">{t('field.countRejected', { n: counts.rejected })}</Tag>}
        </div>
        <Button type="primary" icon={<SyncOutlined spin={f.syncing} />} className="wd-field-big" style={{ marginTop: 8 }} disabled={!f.online || f.syncing} onClick={() => void f.sync(true)} data-testid="sync-now">
          {f.syncing ? t('field.syncing') : t('field.syncNow')}
        </Button>
        {!f.online && <Alert type="info" showIcon title={t('field.syncOffline')} style={{ marginTop: 8 }} />}
        {last?.signedOut && <Alert type="warning" showIcon title={t('field.syncSignedOut')} style={{ marginTop: 8 }} />}
        {last && !last.signedOut && last.sent > 0 && (
          <div className="wd-field-muted" style={{ marginTop: 6 }} data-testid="sync-result">
            {t('field.syncDone', { sent: last.sent })}
          </div>
        )}
        {last?.skewMs !== undefined && Math.abs(last.skewMs) > SKEW_WARN_MS && (
          <Alert type="warning" showIcon title={t('field.skew', { min: Math.round(last.skewMs / 60_000) })} style={{ marginTop: 8 }} data-testid="sync-skew" />
        )}
        {counts.othersPending > 0 && <Alert type="warning" showIcon title={t('field.othersPending', { n: counts.othersPending })} style={{ marginTop: 8 }} data-testid="others-pending" />}
        <div style={{ marginTop: 8 }}>
          <div className="wd-field-muted">{storage.warn ? t('field.storageWarn', { pct }) : t('field.storage', { pct })}</div>
          <Progress percent={pct} size="small" status={storage.warn ? 'exception' : 'normal'} showInfo={false} />
        </div>
      </FieldCard>
      {counts.othersPending > 0 && can(f.me.user.role, 'field.discard') && <Discard />}
      <FieldCard>
        {mine.length === 0 && <Empty description={t('field.empty')} />}
        {mine.map((r) => (
          <div key={r.clientUuid} className="wd-field-outbox-item" data-testid="outbox-item" data-state={r.state} data-kind={r.kind}>
            <div className="wd-field-row">
              {r.kind === 'photo' && <Thumb blob={(r.payload as PhotoPayload).blob} />}
              <div className="grow">
                <div>
                  {t(`field.kind.${r.kind}` as FieldKey)} <span className="wd-field-muted">{what(r)}</span>
                </div>
                <div className="wd-field-muted">
                  {dayjs(r.createdAt).format('HH:mm:ss')}
                  {r.attempts > 0 && r.state !== 'done' && ` · ${t('field.attempts', { n: r.attempts })}`}
                  {r.state === 'queued' && r.nextAttemptAt && r.nextAttemptAt > Date.now() && ` · ${t('field.nextTry', { time: dayjs(r.nextAttemptAt).format('HH:mm:ss') })}`}
                </div>
              </div>
              <Tag color={STATE_COLOR[r.state]}>{t(`field.state.${r.state}`)}</Tag>
            </div>
            {r.state === 'rejected' && r.lastError && <div className="wd-field-error">{r.lastError}</div>}
            {r.state === 'queued' && r.lastError && <div className="wd-field-muted">{r.lastError}</div>}
            {r.state === 'done' && r.duplicate && <div className="wd-field-muted">{t('field.duplicate')}</div>}
          </div>
        ))}
      </FieldCard>
    </>
  );
}

function age(t: ReturnType<typeof useFT>, ms: number) {
  const min = Math.max(1, Math.round(ms / 60_000));
  if (min < 60) return t('field.minutes', { n: min });
  if (min < 48 * 60) return t('field.hours', { n: Math.round(min / 60) });
  return t('field.days', { n: Math.round(min / 1440) });
}

/**
 * Rule 8 for a supervisor: another user's unsent records on this phone, per owner (count, kinds, age),
 * discarded with a reason — reported to the server first, deleted here only once it has kept them.
 */
function Discard() {
  const f = useField();
  const t = useFT();
  const { message } = AntApp.useApp();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const owners = foreignSummary(f.records, f.me.user.id, Date.now());
  const bad = reason.trim().length < 4;
  const go = async () => {
    setBusy(true);
    try {
      const n = await discardRecords(discardable(f.records, f.me.user.id, true), reason.trim());
      message.success(t('field.discardDone', { n }));
      setReason('');
      setTried(false);
    } catch (err) {
      message.error(t('field.discardFailed', { msg: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <FieldCard>
      <h3>{t('field.othersTitle')}</h3>
      {owners.map((o) => (
        <div key={o.ownerId} className="wd-field-outbox-item" data-testid="others-owner">
          <div>{t('field.othersOwner', { name: o.ownerName ?? t('field.othersUnknown', { id: o.ownerId }), n: o.count, age: age(t, o.oldestMs) })}</div>
          <div>
            {Object.entries(o.kinds).map(([k, n]) => (
              <Tag key={k}>
                {t(`field.kind.${k}` as FieldKey)} × {n}
              </Tag>
            ))}
          </div>
        </div>
      ))}
      <Input.TextArea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('field.discardReason')} style={{ marginTop: 8 }} data-testid="discard-reason" />
      {tried && bad && <div className="wd-field-error">{t('field.discardReasonNeeded')}</div>}
      {!f.online && <Alert type="info" showIcon title={t('field.discardOffline')} style={{ marginTop: 8 }} />}
      <Popconfirm title={t('field.discardConfirm')} disabled={bad || !f.online} onConfirm={() => void go()} okButtonProps={{ 'data-testid': 'discard-confirm' } as never}>
        <Button danger icon={<DeleteOutlined />} className="wd-field-big" style={{ marginTop: 8 }} loading={busy} disabled={!f.online} onClick={() => setTried(true)} data-testid="discard-foreign">
          {t('field.discardButton')}
        </Button>
      </Popconfirm>
    </FieldCard>
  );
}
