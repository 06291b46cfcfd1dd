import type { z } from 'zod';
import { parseOrThrow } from './decode';
import type { AckContext } from './errors';
import { KumaClientError, refusalError } from './errors';
import type { KumaConnection } from './connection';

export interface RequestOptions<TSchema extends z.ZodType> {
  event: string;
  args?: readonly unknown[];
  /** Shape of the ack's first argument. */
  schema: TSchema;
  timeoutMs: number;
  /** Which refusal messages apply. @default 'request' */
  context?: AckContext;
}

/**
 * Emits a request and waits for its ack. Kuma never answers unknown events,
 * so every request has a timeout. `{ok:false}` answers become errors.
 */
export async function request<TSchema extends z.ZodType>(
  conn: KumaConnection,
  opts: RequestOptions<TSchema>,
): Promise<z.output<TSchema>> {
  const ack = await emitWithTimeout(conn, opts);
  const parsed = parseOrThrow({
    schema: opts.schema,
    value: ack,
    event: opts.event,
  });
  if (isRefusal(parsed)) {
    throw refusalError({
      context: opts.context ?? 'request',
      event: opts.event,
      msg: parsed.msg ?? undefined,
    });
  }
  return parsed;
}

async function emitWithTimeout(
  conn: KumaConnection,
  opts: { event: string; args?: readonly unknown[]; timeoutMs: number },
): Promise<unknown> {
  if (!conn.connected) {
    throw new KumaClientError(
      'DISCONNECTED',
      `Cannot send ${opts.event}: the socket is not connected.`,
      { event: opts.event },
    );
  }
  try {
    return (await conn.socket
      .timeout(opts.timeoutMs)
      .emitWithAck(opts.event, ...(opts.args ?? []))) as unknown;
  } catch (cause) {
    throw ackError(opts, cause);
  }
}

function ackError(
  opts: { event: string; timeoutMs: number },
  cause: unknown,
): KumaClientError {
  const message = cause instanceof Error ? cause.message : String(cause);
  if (/disconnected/i.test(message)) {
    return new KumaClientError(
      'DISCONNECTED',
      `The socket closed before Kuma answered ${opts.event}.`,
      { event: opts.event, reason: message, cause },
    );
  }
  return new KumaClientError(
    'TIMEOUT',
    `Kuma did not answer ${opts.event} within ${opts.timeoutMs} ms. Raise \`timeouts.request\` if the server is slow.`,
    { event: opts.event, reason: message, cause },
  );
}

function isRefusal(
  value: unknown,
): value is { ok: false; msg?: string | null } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'ok' in value &&
    value.ok === false
  );
}
