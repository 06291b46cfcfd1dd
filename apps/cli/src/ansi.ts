/** SGR colour codes used by the table. */
export const COLORS = {
  green: 32,
  red: 31,
  yellow: 33,
  blue: 34,
  gray: 90,
  bold: 1,
} as const;

export type Color = keyof typeof COLORS;

export function paint(text: string, color: Color): string {
  return `\u001b[${COLORS[color]}m${text}\u001b[0m`;
}

/** Clears the screen and moves the cursor home, for a full redraw. */
export const CLEAR_SCREEN = '\u001b[2J\u001b[H';

// Built from a string: a control character in a regex literal reads badly.
const SGR = new RegExp(`${'\u001b'}\\[[0-9;]*m`, 'g');

/** The text without colour codes, to measure what the eye sees. */
export function stripAnsi(text: string): string {
  return text.replace(SGR, '');
}
