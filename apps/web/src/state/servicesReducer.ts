import type {
  ServiceStatusDto,
  StatusChangeDto,
} from '@medianest/status-client';

/** How many recent response times each sparkline keeps. */
export const SPARKLINE_SIZE = 30;

/** One response time, keyed by the change-feed id it came with. */
export interface Sample {
  id: string;
  value: number;
}

export interface ServicesState {
  /** Current status per service id, in the order first seen. */
  statuses: Record<string, ServiceStatusDto>;
  samples: Record<string, Sample[]>;
  /** Time of the newest event from the server, for the stale indicator. */
  lastEventAt: number | null;
}

export type ServicesAction =
  | { type: 'list'; statuses: ServiceStatusDto[]; at: number }
  | { type: 'event'; id: string; status: ServiceStatusDto; at: number }
  | { type: 'history'; items: StatusChangeDto[] };

export const initialServicesState: ServicesState = {
  statuses: {},
  samples: {},
  lastEventAt: null,
};

export function servicesReducer(
  state: ServicesState,
  action: ServicesAction,
): ServicesState {
  switch (action.type) {
    case 'list':
      return applyList(state, action);
    case 'event':
      return applyEvent(state, action);
    case 'history':
      return applyHistory(state, action.items);
  }
}

function applyList(
  state: ServicesState,
  action: { statuses: ServiceStatusDto[]; at: number },
): ServicesState {
  const statuses = { ...state.statuses };
  for (const status of action.statuses) {
    // A query can race the stream: keep whichever was checked last.
    const known = statuses[status.service];
    if (!known || checkedAt(status) >= checkedAt(known)) {
      statuses[status.service] = status;
    }
  }
  return { ...state, statuses, lastEventAt: action.at };
}

function applyEvent(
  state: ServicesState,
  action: { id: string; status: ServiceStatusDto; at: number },
): ServicesState {
  const { service, responseTime } = action.status;
  const statuses = { ...state.statuses, [service]: action.status };
  if (responseTime === undefined) {
    return { ...state, statuses, lastEventAt: action.at };
  }

  const sample = { id: action.id, value: responseTime };
  const merged = mergeSamples(state.samples[service] ?? [], [sample]);
  const samples = { ...state.samples, [service]: merged };
  return { statuses, samples, lastEventAt: action.at };
}

/** History arrives newest first and goes before what the stream brought. */
function applyHistory(
  state: ServicesState,
  items: StatusChangeDto[],
): ServicesState {
  const older: Record<string, Sample[]> = {};
  for (const item of [...items].reverse()) {
    const value = item.status.responseTime;
    if (value === undefined) continue;
    (older[item.service] ??= []).push({ id: item.id, value });
  }

  const samples = { ...state.samples };
  for (const [service, list] of Object.entries(older)) {
    samples[service] = mergeSamples(list, samples[service] ?? []);
  }
  return { ...state, samples };
}

function checkedAt(status: ServiceStatusDto): number {
  return status.lastCheck?.getTime() ?? 0;
}

function mergeSamples(first: Sample[], then: Sample[]): Sample[] {
  const seen = new Set(first.map((sample) => sample.id));
  const merged = [...first, ...then.filter((sample) => !seen.has(sample.id))];
  return merged.slice(-SPARKLINE_SIZE);
}

/** Services in a stable order, so a card never jumps when it changes. */
export function orderedStatuses(state: ServicesState): ServiceStatusDto[] {
  return Object.values(state.statuses).sort((a, b) =>
    a.displayName.localeCompare(b.displayName),
  );
}
