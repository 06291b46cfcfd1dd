import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Serves a built single-page app; `null` when it is not built. */
export type StaticHandler = (
  req: IncomingMessage,
  res: ServerResponse,
) => Promise<boolean>;

/**
 * Serves files under `root`, and `index.html` for any other GET path so the
 * dashboard's client-side routes work. Paths that resolve outside `root`
 * are refused.
 */
export async function createStaticHandler(
  root: string,
): Promise<StaticHandler | null> {
  const base = resolve(root);
  const index = join(base, 'index.html');
  if (!(await isFile(index))) return null;

  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = safePath(base, req.url ?? '/');
    if (path === null) {
      res.writeHead(400).end('Bad path');
      return true;
    }
    const file = path !== base && (await isFile(path)) ? path : index;
    send(res, { file, head: req.method === 'HEAD' });
    return true;
  };
}

function safePath(base: string, url: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://x').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const path = resolve(base, `.${pathname}`);
  return path === base || path.startsWith(base + sep) ? path : null;
}

function send(res: ServerResponse, opts: { file: string; head: boolean }) {
  const type = CONTENT_TYPES[extname(opts.file)] ?? 'application/octet-stream';
  // Vite fingerprints everything under assets/; index.html must stay fresh.
  const cache = opts.file.includes(`${sep}assets${sep}`)
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';
  res.writeHead(200, { 'content-type': type, 'cache-control': cache });
  if (opts.head) {
    res.end();
    return;
  }
  createReadStream(opts.file)
    .on('error', () => res.destroy())
    .pipe(res);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
