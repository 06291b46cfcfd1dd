import { paint } from './ansi';
import { renderTable } from './renderTable';
import type { TableStatus } from './types';

export interface ScreenInput {
  url: string;
  statuses: readonly TableStatus[];
  /** The client's WebSocket state. */
  connection: string;
  width: number;
  color: boolean;
  now: number;
}

const CONNECTION_WORDS: Record<string, string> = {
  connecting: 'connecting…',
  open: 'live',
  reconnecting: 'reconnecting…',
  closed: 'closed',
};

/** The whole watch screen: a title line, the table and a footer. */
export function renderScreen(input: ScreenInput): string {
  const state = CONNECTION_WORDS[input.connection] ?? input.connection;
  const stateText =
    input.color && state !== 'live' ? paint(state, 'yellow') : state;
  const title = `MediaNest Status · ${input.url} · ${stateText}`;
  const time = new Date(input.now).toLocaleTimeString('en-GB');

  return [
    input.color ? paint(title, 'bold') : title,
    '',
    renderTable(input.statuses, {
      width: input.width,
      color: input.color,
      now: input.now,
    }),
    '',
    `Updated ${time} · Ctrl-C to quit`,
  ].join('\n');
}
