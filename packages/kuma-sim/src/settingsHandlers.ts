import { Secret } from 'otpauth';

import { totpValid } from './auth';
import { plainError, reply, TOO_FREQUENTLY } from './messages';
import { pushMaintenanceList } from './pushes';
import type { Ack, Registrar } from './requests';
import type { SimContext, SimSocket } from './simContext';
import { isLoggedIn } from './simContext';
import { staticLists } from './staticLists';

const WRONG_PASSWORD = 'Incorrect current password';

/** `getSettings`, `setSettings` (only `disableAuth`), the 2FA requests. */
export function registerSettingsHandlers(
  ctx: SimContext,
  opts: { socket: SimSocket; on: Registrar },
): void {
  const { on, socket } = opts;
  on.authed('getSettings', (_args, ack) => {
    ack?.({ ok: true, data: { serverTimezone: 'UTC' } });
  });
  on.authed('setSettings', ([data, password], ack) => {
    const wanted = (data as { disableAuth?: unknown } | null)?.disableAuth;
    const turningOff = wanted === true && !ctx.auth.authDisabled;
    if (turningOff && password !== ctx.auth.password) {
      return ack?.(plainError(WRONG_PASSWORD));
    }
    if (typeof wanted === 'boolean')
      setAuthDisabled(ctx, { on: !wanted, except: socket });
    ack?.(reply(ctx.spec, { ok: true, key: 'Saved.' }));
    socket.emit('info', staticLists(ctx).postLoginInfo);
    pushMaintenanceList(ctx);
  });
  registerTwoFactor(ctx, on);
}

/**
 * Switches auth. Turning it back on sends `refresh` to every other
 * logged-in socket and disconnects it, as Kuma does.
 */
export function setAuthDisabled(
  ctx: SimContext,
  opts: { on: boolean; except?: SimSocket },
): void {
  const wasDisabled = ctx.auth.authDisabled;
  ctx.auth.authDisabled = !opts.on;
  if (!wasDisabled || !opts.on || !ctx.io) return;
  for (const other of ctx.io.of('/').sockets.values()) {
    if (other.id === opts.except?.id || !isLoggedIn(other)) continue;
    other.emit('refresh');
    other.disconnect(true);
  }
}

function registerTwoFactor(ctx: SimContext, on: Registrar): void {
  const { auth } = ctx;
  const guarded =
    (run: (args: unknown[], ack: Ack) => void) =>
    (args: unknown[], ack: Ack | undefined): void => {
      if (!ack) return;
      if (!ctx.twoFaLimiter.take()) return ack(plainError(TOO_FREQUENTLY));
      if (args.at(-1) !== auth.password) return ack(plainError(WRONG_PASSWORD));
      run(args, ack);
    };

  on.authed('twoFAStatus', (_args, ack) => {
    ack?.({ ok: true, status: auth.twoFactorSecret !== undefined });
  });
  on.authed(
    'prepare2FA',
    guarded((_args, ack) => {
      auth.pendingSecret ??= new Secret({ size: 20 }).base32;
      const uri = `otpauth://totp/Uptime%20Kuma:${encodeURIComponent(auth.username)}?secret=${auth.pendingSecret}`;
      ack({ ok: true, uri });
    }),
  );
  on.authed('verifyToken', ([token, password], ack) => {
    if (password !== auth.password) return ack?.(plainError(WRONG_PASSWORD));
    const secret = auth.pendingSecret ?? auth.twoFactorSecret ?? '';
    ack?.({
      ok: true,
      valid: secret !== '' && totpValid(secret, String(token)),
    });
  });
  on.authed(
    'save2FA',
    guarded((_args, ack) => {
      auth.twoFactorSecret = auth.pendingSecret ?? auth.twoFactorSecret;
      auth.pendingSecret = undefined;
      ack(reply(ctx.spec, { ok: true, key: '2faEnabled' }));
    }),
  );
  on.authed(
    'disable2FA',
    guarded((_args, ack) => {
      auth.twoFactorSecret = undefined;
      ack(reply(ctx.spec, { ok: true, key: '2faDisabled' }));
    }),
  );
}
