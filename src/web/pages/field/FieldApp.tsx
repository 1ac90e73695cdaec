/**
 * The field phone app (/field): its own session handling that survives having no signal (the last
 * signed-in user is kept in IndexedDB), the task pack, the outbox and its sending (on `online`, at
 * start, every 60 s and on 立即同步), and the service worker that keeps the app shell on the phone.
 */
import { CloudServerOutlined, DisconnectOutlined, HomeOutlined, OrderedListOutlined, ScanOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Badge, Button, Result, Tag } from 'antd';
import dayjs from 'dayjs';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { can as roleCan, type Permission } from '../../../core/roles.ts';
import { isPending, type OutboxRecord, outboxCounts } from '../../../core/outbox.ts';
import { api, ApiError } from '../../api/client.ts';
import type { Me } from '../../api/types.ts';
import AntAppShell from '../../app/AntAppShell.tsx';
import { ME_KEY, SessionProvider, useMe } from '../../app/session.tsx';
import { LangSwitch } from '../../components/LangSwitch.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import {
  allRecords,
  clearAtLogout,
  getCached,
  loadPack,
  ME_CACHE_KEY,
  onOutboxChange,
  saveMe,
  savePack,
} from '../../field/outbox-db.ts';
import { nextDue, type SyncOutcome, syncOutbox } from '../../field/sync.ts';
import type { TaskPack } from '../../field/types.ts';
import { useFT } from './i18n.ts';
import './field.css';

interface Field {
  me: Me;
  estateId: number | undefined;
  online: boolean;
  pack: TaskPack | undefined;
  packSavedAt: string | undefined;
  packError: string | undefined;
  fetchPack: () => Promise<void>;
  fetchingPack: boolean;
  records: OutboxRecord[];
  sync: (force?: boolean) => Promise<SyncOutcome>;
  syncing: boolean;
  lastSync: SyncOutcome | undefined;
}

const FieldContext = createContext<Field | null>(null);
export function useField(): Field {
  const f = useContext(FieldContext);
  if (!f) throw new Error('useField outside the field app');
  return f;
}

/** The checkpoint's mark from the pack and this phone's outbox: done on the server, queued here, or to do. */
export function checkpointMark(f: Field, taskId: number, cp: { id: number; done: boolean }): 'done' | 'queued' | 'todo' {
  if (cp.done) return 'done';
  const mine = f.records.filter(
    (r) => r.kind === 'round_result' && r.userId === f.me.user.id && r.state !== 'rejected' && (r.payload as { taskId: number; checkpointId: number }).taskId === taskId && (r.payload as { checkpointId: number }).checkpointId === cp.id,
  );
  if (mine.some((r) => r.state === 'done')) return 'done';
  return mine.length ? 'queued' : 'todo';
}

function useOnline() {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/** Keeps the app shell and the field routes on the phone (dist/web/field-sw.js, built by vite.config.ts). */
function useServiceWorker() {
  useEffect(() => {
    if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
    void navigator.serviceWorker.register('/field-sw.js', { scope: '/field' }).catch(() => undefined);
    // The manifest is linked from the field pages only: the staff app is not offered for installing.
    if (!document.querySelector('link[rel="manifest"]')) {
      const link = document.createElement('link');
      link.rel = 'manifest';
      link.href = '/field.webmanifest';
      document.head.appendChild(link);
    }
    void navigator.storage?.persist?.().catch(() => undefined);
  }, []);
}

interface InstallPrompt extends Event {
  prompt(): Promise<void>;
}
/** Chromium offers installing through this event; the Today page shows a button while it is held. */
export function useInstallPrompt(): InstallPrompt | null {
  const [evt, setEvt] = useState<InstallPrompt | null>(null);
  useEffect(() => {
    const on = (e: Event) => {
      e.preventDefault();
      setEvt(e as InstallPrompt);
    };
    const done = () => setEvt(null);
    window.addEventListener('beforeinstallprompt', on);
    window.addEventListener('appinstalled', done);
    return () => {
      window.removeEventListener('beforeinstallprompt', on);
      window.removeEventListener('appinstalled', done);
    };
  }, []);
  return evt;
}

const FIELD_PERMISSION = 'field.work' as Permission;

/**
 * Signed in (from the server, or without signal from the copy kept at the last successful check), a
 * field worker, then the field shell. A session that the server says has ended goes to the login.
 */
export default function FieldRoot() {
  const { data: me, isPending: loading, error } = useMe();
  const location = useLocation();
  const [offlineMe, setOfflineMe] = useState<Me | null | undefined>(undefined);
  const networkDown = error instanceof ApiError && error.status === 0;
  useServiceWorker();
  useEffect(() => {
    if (me) void saveMe(me);
  }, [me]);
  useEffect(() => {
    if (networkDown) void getCached<Me>(ME_CACHE_KEY).then((c) => setOfflineMe(c?.value ?? null));
  }, [networkDown]);
  const t = useFT();
  if (loading || (networkDown && offlineMe === undefined)) return <PageLoading />;
  const user = me ?? (networkDown ? offlineMe : null);
  if (error && !networkDown) throw error;
  if (!user) {
    if (networkDown) return <Result status="warning" title={t('field.syncOffline')} />;
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return (
    <SessionProvider me={user}>
      <AntAppShell>
        {roleCan(user.user.role, FIELD_PERMISSION) ? (
          <FieldShell me={user} />
        ) : (
          <Result status="403" title="403" extra={<Link to="/">{t('field.staffApp')}</Link>} />
        )}
      </AntAppShell>
    </SessionProvider>
  );
}

function FieldShell({ me }: { me: Me }) {
  const t = useFT();
  const online = useOnline();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const userId = me.user.id;
  const estateId = useMemo(() => {
    const saved = Number(localStorage.getItem('wd.estate'));
    return me.estates.find((e) => e.id === saved)?.id ?? me.estates[0]?.id;
  }, [me]);
  const [pack, setPack] = useState<TaskPack>();
  const [packSavedAt, setPackSavedAt] = useState<string>();
  const [packError, setPackError] = useState<string>();
  const [fetchingPack, setFetchingPack] = useState(false);
  const [records, setRecords] = useState<OutboxRecord[]>([]);
  const [syncing, setSyncing] = useState(false);
  const [lastSync, setLastSync] = useState<SyncOutcome>();

  const reload = useCallback(() => void allRecords().then(setRecords), []);
  useEffect(() => {
    reload();
    return onOutboxChange(reload);
  }, [reload]);

  const fetchPack = useCallback(async () => {
    if (!estateId) return;
    setFetchingPack(true);
    try {
      const p = await api<TaskPack>('/api/v1/field/pack', { query: { estateId } });
      await savePack(userId, p);
      setPack(p);
      setPackSavedAt(new Date().toISOString());
      setPackError(undefined);
    } catch (err) {
      setPackError(err instanceof Error ? err.message : String(err));
    } finally {
      setFetchingPack(false);
    }
  }, [estateId, userId]);

  // After a failed attempt the next one comes when its backoff ends (5 s, 10 s … 10 min), not only
  // at the 60-second tick.
  const retry = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(retry.current), []);
  const sync = useCallback(
    async (force = false) => {
      setSyncing(true);
      try {
        const out = await syncOutbox(userId, force);
        window.clearTimeout(retry.current);
        const due = out.failed && !out.signedOut ? await nextDue(userId) : undefined;
        if (due !== undefined) retry.current = window.setTimeout(() => navigator.onLine && void syncRef.current(), Math.max(1000, due - Date.now()));
        setLastSync(out);
        // Done marks and task states come from the server once something arrived.
        if (out.sent > 0 && navigator.onLine) void fetchPack();
        if (out.signedOut) void qc.invalidateQueries({ queryKey: ME_KEY });
        return out;
      } finally {
        setSyncing(false);
      }
    },
    [userId, fetchPack, qc],
  );
  const syncRef = useRef(sync);
  syncRef.current = sync;

  // Start of the shift: without today's pack on the phone, fetch it while there is signal.
  useEffect(() => {
    void loadPack(userId).then((c) => {
      setPack(c?.value);
      setPackSavedAt(c?.savedAt);
      if (navigator.onLine && c?.value.date !== dayjs().format('YYYY-MM-DD')) void fetchPack();
    });
  }, [userId, fetchPack]);

  // Start of the app: send what waits; then on `online` and every 60 s.
  useEffect(() => {
    if (navigator.onLine) void sync();
    const onOnline = () => void sync();
    window.addEventListener('online', onOnline);
    const timer = window.setInterval(() => navigator.onLine && void sync(), 60_000);
    return () => {
      window.removeEventListener('online', onOnline);
      window.clearInterval(timer);
    };
  }, [sync]);

  const value: Field = { me, estateId, online, pack, packSavedAt, packError, fetchPack, fetchingPack, records, sync, syncing, lastSync };
  const counts = outboxCounts(records, userId);
  const logout = async () => {
    try {
      await api('/api/v1/auth/logout', { method: 'POST', body: {} });
    } catch {
      // Without signal the server session outlives the click: end it when the signal returns,
      // unless someone has signed in on this page meanwhile (his session must not be ended).
      const once = () => {
        window.removeEventListener('online', once);
        if (!qc.getQueryData(ME_KEY)) void api('/api/v1/auth/logout', { method: 'POST', body: {} }).catch(() => undefined);
      };
      window.addEventListener('online', once);
    }
    await clearAtLogout();
    qc.clear();
    qc.setQueryData(ME_KEY, null);
    // Also without signal: the copy of the session kept for offline use is gone, so is the user.
    navigate('/login', { replace: true, state: { from: '/field' } });
  };
  const pending = records.some((r) => r.userId === userId && isPending(r));

  return (
    <FieldContext.Provider value={value}>
      <div className="wd-field">
        <header className="wd-field-top">
          <span className="wd-field-title" title={t('field.appName')}>{t('field.appShort')}</span>
          {online ? (
            <Tag color="green" icon={<CloudServerOutlined />} data-testid="field-online">
              {t('field.online')}
            </Tag>
          ) : (
            <Tag color="orange" icon={<DisconnectOutlined />} data-testid="field-offline">
              {t('field.offline')}
            </Tag>
          )}
          <LangSwitch size="small" />
          <Button size="small" type="text" onClick={() => void logout().then(() => message.info(t('field.logout')))} data-testid="field-logout">
            {t('field.logout')}
          </Button>
        </header>
        <main className="wd-field-main">
          <Outlet />
        </main>
        <nav className="wd-field-tabs">
          <NavLink to="/field" end>
            <UnorderedListOutlined />
            <span>{t('field.tabToday')}</span>
          </NavLink>
          <NavLink to="/field/scan">
            <ScanOutlined />
            <span>{t('field.tabScan')}</span>
          </NavLink>
          {roleCan(me.user.role, 'visit.write') && (
            <NavLink to="/field/visits" data-testid="field-tab-visits">
              <HomeOutlined />
              <span>{t('field.tabVisits')}</span>
            </NavLink>
          )}
          <NavLink to="/field/outbox" data-testid="field-tab-outbox">
            <Badge count={counts.queued + counts.sending + counts.rejected} size="small" color={counts.rejected ? 'red' : pending ? 'orange' : 'green'}>
              <OrderedListOutlined />
            </Badge>
            <span>{t('field.tabOutbox')}</span>
          </NavLink>
        </nav>
      </div>
    </FieldContext.Provider>
  );
}

export function FieldCard({ children, className }: { children: ReactNode; className?: string }) {
  return <section className={`wd-field-card ${className ?? ''}`}>{children}</section>;
}
