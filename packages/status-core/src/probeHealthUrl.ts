import type { ServiceState } from './types';

export interface ProbeResult {
  status: ServiceState;
  responseTime?: number;
  message?: string;
  /** When the probe finished. */
  at: Date;
}

export interface ProbeOptions {
  url: string;
  timeoutMs: number;
  /** Slower than this (ms) but 2xx is `degraded`. */
  slowMs: number;
  fetch: typeof fetch;
  clock: () => number;
}

/**
 * One GET of a health URL: 2xx is up (degraded when slower than `slowMs`),
 * anything else, a timeout or a refused connection is down. Never throws.
 */
export async function probeHealthUrl(opts: ProbeOptions): Promise<ProbeResult> {
  const started = opts.clock();
  const finish = (result: Omit<ProbeResult, 'at'>): ProbeResult => ({
    ...result,
    at: new Date(opts.clock()),
  });
  try {
    const response = await opts.fetch(opts.url, {
      signal: AbortSignal.timeout(opts.timeoutMs),
      redirect: 'follow',
    });
    // The body is not needed; dropping it frees the connection.
    await response.body?.cancel();
    const responseTime = opts.clock() - started;
    if (!response.ok) {
      const message = `Health check answered HTTP ${response.status}`;
      return finish({ status: 'down', responseTime, message });
    }
    if (responseTime > opts.slowMs) {
      const message = `Health check took ${responseTime} ms (above ${opts.slowMs} ms)`;
      return finish({ status: 'degraded', responseTime, message });
    }
    return finish({ status: 'up', responseTime });
  } catch (error) {
    return finish({ status: 'down', message: failureMessage(error, opts) });
  }
}

function failureMessage(error: unknown, opts: ProbeOptions): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `Health check timed out after ${opts.timeoutMs} ms`;
  }
  const cause =
    error instanceof Error && error.cause instanceof Error
      ? error.cause.message
      : String(error);
  return `Health check failed: ${cause}`;
}
