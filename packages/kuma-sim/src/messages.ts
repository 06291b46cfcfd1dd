import type { DialectSpec } from './dialects';

/** 2.x i18n key → 1.23 English sentence. */
const english = {
  authIncorrectCreds: 'Incorrect username or password.',
  authInvalidToken: 'Invalid token.',
  authInvalidTotp: 'Invalid Token!',
  successAdded: 'Added Successfully.',
  successPaused: 'Paused Successfully.',
  successResumed: 'Resumed Successfully.',
  successDeleted: 'Deleted Successfully.',
  'Saved.': 'Saved Successfully.',
  '2faEnabled': '2FA Enabled.',
  '2faDisabled': '2FA Disabled.',
} as const;

/** A message the simulator can answer with. */
export type MessageKey = keyof typeof english;

/** 2.x wire keys; TOTP and JWT failures share one key there. */
const i18nKey: Record<MessageKey, string> = {
  ...(Object.fromEntries(Object.keys(english).map((k) => [k, k])) as Record<
    MessageKey,
    string
  >),
  authInvalidTotp: 'authInvalidToken',
};

/** Messages that are plain text in every dialect (no `msgi18n`). */
export const NOT_LOGGED_IN = 'You are not logged in.';
export const TOO_FREQUENTLY = 'Too frequently, try again later.';

/** `{ok, msg, msgi18n?, ...extra}` in the dialect's wording and key order. */
export function reply(
  spec: DialectSpec,
  opts: { ok: boolean; key: MessageKey; extra?: Record<string, unknown> },
): Record<string, unknown> {
  const base = spec.i18nMessages
    ? { ok: opts.ok, msg: i18nKey[opts.key], msgi18n: true }
    : { ok: opts.ok, msg: english[opts.key] };
  return { ...base, ...opts.extra };
}

/** `{ok:false, msg}` for messages that are never translated. */
export function plainError(msg: string): Record<string, unknown> {
  return { ok: false, msg };
}
