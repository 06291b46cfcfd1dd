import type { IncomingMessage, ServerResponse } from 'node:http';

import { handleBetterAuth } from './betterAuthRoutes';
import { sendSpaPage } from './httpKit';
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
