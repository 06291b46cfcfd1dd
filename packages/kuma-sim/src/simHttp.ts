import type { IncomingMessage, ServerResponse } from 'node:http';

import { handleBetterAuth } from './betterAuthRoutes';
import { readJson, sendJson, sendSpaPage } from './httpKit';
import type { SimContext } from './simContext';

/**
 * The simulator's HTTP routes besides Socket.IO: Kuma 3.0's `/api/auth/*`;
 * 1.23 and 2.x answer those paths with their web page, which is how a
 * client tells them apart from 3.0.
 */
export function handleHttp(
  ctx: SimContext,
  opts: { req: IncomingMessage; res: ServerResponse },
): void {
  const { req, res } = opts;
  const path = (req.url ?? '').split('?')[0] ?? '';
  // A hung Kuma: the request stays open until the client gives up.
  if (ctx.spec.cookieAuth && isKumaApi(path) && !ctx.responding) return;
  if (ctx.spec.cookieAuth && req.method === 'POST' && path === '/api/setup') {
    void setup(ctx, opts);
    return;
  }
  if (path.startsWith('/api/auth/')) {
    if (ctx.spec.cookieAuth) {
      handleBetterAuth(ctx, opts).catch(() => {
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
      return;
    }
    if (req.method === 'GET') return sendSpaPage(res);
  }
  res.writeHead(404).end();
}

function isKumaApi(path: string): boolean {
  return path === '/api/setup' || path.startsWith('/api/auth/');
}

const INITIALIZED =
  'Uptime Kuma has been initialized. If you want to run setup again, please delete the database.';

// Kuma's own route: `{ok, msg}` answers, and no sign-in.
async function setup(
  ctx: SimContext,
  opts: { req: IncomingMessage; res: ServerResponse },
): Promise<void> {
  const body = await readJson(opts.req);
  const { auth } = ctx;
  if (!auth.needsSetup) {
    const refusal = { ok: false, msg: INITIALIZED };
    return sendJson(opts.res, { status: 400, body: refusal });
  }
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  auth.username = text(body.username).toLowerCase();
  auth.password = text(body.password);
  auth.needsSetup = false;
  sendJson(opts.res, { status: 200, body: { ok: true } });
}
