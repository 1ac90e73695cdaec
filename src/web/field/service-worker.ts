/**
 * The field app's service worker, scope /field. vite.config.ts writes it to dist/web/field-sw.js as
 * `(fieldServiceWorker)(precache, version)`, so the function must not use anything outside itself.
 *
 * - The page shell (/index.html) and the built JS/CSS are cached at install; a new build changes
 *   the version, the browser installs the new worker (field-sw.js is served no-cache) and the old
 *   cache is dropped.
 * - Navigations under /field go to the network first (a redeploy is seen at once, as for the staff
 *   app) and fall back to the cached shell after 4 s or without signal.
 * - Hashed /assets are answered from the cache, else fetched and kept (they never change).
 * - /api is never cached here: the task pack and the outbox live in IndexedDB.
 */
export function fieldServiceWorker(precache: string[], version: string): void {
  interface ExtendableEvent extends Event {
    waitUntil(p: Promise<unknown>): void;
  }
  interface FetchEvent extends ExtendableEvent {
    request: Request;
    respondWith(r: Promise<Response>): void;
  }
  const sw = self as unknown as {
    addEventListener(type: 'install' | 'activate', fn: (e: ExtendableEvent) => void): void;
    addEventListener(type: 'fetch', fn: (e: FetchEvent) => void): void;
    skipWaiting(): Promise<void>;
    clients: { claim(): Promise<void> };
    location: Location;
  };
  const CACHE = `field-shell-${version}`;
  const SHELL = '/index.html';
  const NAV_TIMEOUT_MS = 4000;

  sw.addEventListener('install', (e) => {
    e.waitUntil(
      caches
        .open(CACHE)
        .then((c) => c.addAll(precache))
        .then(() => sw.skipWaiting()),
    );
  });

  sw.addEventListener('activate', (e) => {
    e.waitUntil(
      caches
        .keys()
        .then((keys) => Promise.all(keys.filter((k) => k.startsWith('field-shell-') && k !== CACHE).map((k) => caches.delete(k))))
        .then(() => sw.clients.claim()),
    );
  });

  async function shell(): Promise<Response> {
    const hit = await caches.match(SHELL, { cacheName: CACHE });
    return hit ?? new Response('offline', { status: 503, headers: { 'content-type': 'text/plain' } });
  }

  async function navigate(req: Request): Promise<Response> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), NAV_TIMEOUT_MS);
    try {
      const res = await fetch(req, { signal: controller.signal });
      // The latest shell is what the phone opens next time it has no signal.
      if (res.ok && (res.headers.get('content-type') ?? '').includes('text/html')) {
        const copy = res.clone();
        void caches.open(CACHE).then((c) => c.put(SHELL, copy));
      }
      return res;
    } catch {
      return shell();
    } finally {
      clearTimeout(timer);
    }
  }

  async function asset(req: Request): Promise<Response> {
    const hit = await caches.match(req, { cacheName: CACHE });
    if (hit) return hit;
    const res = await fetch(req);
    if (res.ok) {
      const copy = res.clone();
      void caches.open(CACHE).then((c) => c.put(req, copy));
    }
    return res;
  }

  sw.addEventListener('fetch', (e) => {
    const req = e.request;
    if (req.method !== 'GET') return;
    const url = new URL(req.url);
    if (url.origin !== sw.location.origin || url.pathname.startsWith('/api/')) return;
    if (req.mode === 'navigate') {
      if (url.pathname === '/field' || url.pathname.startsWith('/field/')) e.respondWith(navigate(req));
      return;
    }
    if (url.pathname.startsWith('/assets/') || precache.includes(url.pathname)) e.respondWith(asset(req));
  });
}
