/**
 * Serves the built web app. Vite writes `.br` and `.gz` beside each file at build time, so a
 * browser gets the compressed copy its Accept-Encoding names without compressing per request.
 * Files under /assets carry a content hash in their name: cached for a year, never revalidated.
 * Everything else (index.html, the SPA fallback, favicon) is revalidated on each load, so a
 * redeploy is picked up at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Registers the web root when it holds a built app; answers whether it did. */
export async function serveWeb(app: FastifyInstance, webRoot: string | undefined): Promise<boolean> {
  if (!webRoot || !fs.existsSync(path.join(webRoot, 'index.html'))) return false;
  const assets = path.join(path.resolve(webRoot), 'assets') + path.sep;
  // Files are looked up per request, so a rebuilt app is served without a restart.
  await app.register(fastifyStatic, {
    root: webRoot,
    wildcard: true,
    index: 'index.html',
    preCompressed: true,
    setHeaders: (reply, file) => {
      reply.header('cache-control', path.resolve(file).startsWith(assets) ? IMMUTABLE : 'no-cache');
    },
  });
  return true;
}
