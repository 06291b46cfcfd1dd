import { afterEach, describe, expect, it } from 'vitest';
import { KumaClientError } from '../src/errors';
import { silentLogger } from '../src/logger';
import { Reconnector, type ReconnectHost } from '../src/reconnect';

/**
 * A host whose attempts fail with the scripted errors, then succeed. It
 * records what the loop asked of it and resolves `settled` when the loop
 * stops: after a success or a give-up.
 */
function scriptedHost(failures: KumaClientError[]) {
  const delays: number[] = [];
  const retried: string[] = [];
  let gaveUp: KumaClientError | undefined;
  let attempts = 0;
  let settle: () => void = () => undefined;
  const settled = new Promise<void>((resolve) => (settle = resolve));
  const host: ReconnectHost = {
    retry: (attempt) => (attempt > 5 ? null : attempt),
    logger: {
      ...silentLogger,
      info: (obj) => delays.push((obj as { delay: number }).delay),
    },
    attempt: () => {
      const failure = failures[attempts++];
      if (failure) return Promise.reject(failure);
      settle();
      return Promise.resolve();
    },
    isClosed: () => false,
    onRetry: (error) => retried.push(error.code),
    onGiveUp: (error) => {
      gaveUp = error;
      settle();
    },
  };
  return {
    host,
    settled,
    delays,
    retried,
    attempts: () => attempts,
    gaveUp: () => gaveUp,
  };
}

const disconnected = () => new KumaClientError('DISCONNECTED', 'gone');

let loop: Reconnector | undefined;
afterEach(() => loop?.cancel());

describe('Reconnector', () => {
  it('retries what another attempt may fix, honouring retryAfterMs', async () => {
    const limited = new KumaClientError('RATE_LIMITED', 'slow down', {
      retryAfterMs: 30,
    });
    const run = scriptedHost([disconnected(), limited]);
    loop = new Reconnector(run.host);
    loop.schedule();
    await run.settled;

    expect(run.retried).toEqual(['DISCONNECTED', 'RATE_LIMITED']);
    // The policy says 1, 2, 3 ms; the server asked for 30 before the third.
    expect(run.delays).toEqual([1, 2, 30]);
    expect(run.attempts()).toBe(3);
    expect(run.gaveUp()).toBeUndefined();
  });

  it('gives up at once on an error no attempt can fix', async () => {
    const refused = new KumaClientError('INVALID_CREDENTIALS', 'refused');
    const run = scriptedHost([refused, disconnected()]);
    loop = new Reconnector(run.host);
    loop.schedule();
    await run.settled;

    expect(run.gaveUp()).toBe(refused);
    expect(run.attempts()).toBe(1);
    expect(run.retried).toEqual([]);
  });

  it('gives up when the policy returns null, naming the attempts', async () => {
    const run = scriptedHost(Array.from({ length: 9 }, disconnected));
    loop = new Reconnector(run.host);
    loop.schedule();
    await run.settled;

    expect(run.attempts()).toBe(5);
    expect(run.gaveUp()?.message).toContain('after 5 attempts');
  });

  it('starts counting again after reset()', async () => {
    const run = scriptedHost([disconnected()]);
    loop = new Reconnector(run.host);
    loop.schedule();
    await run.settled;
    loop.reset();
    loop.schedule();

    expect(run.delays).toEqual([1, 2, 1]);
  });
});
