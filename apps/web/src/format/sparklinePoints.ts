/** Size of the sparkline's drawing area, in SVG user units. */
export interface SparklineBox {
  width: number;
  height: number;
}

/**
 * The `points` attribute of a polyline through the values, scaled to fill
 * the box (lowest value at the bottom). Fewer than two values draw nothing.
 */
export function sparklinePoints(
  values: readonly number[],
  box: SparklineBox,
): string {
  if (values.length < 2) return '';
  const min = Math.min(...values);
  const span = Math.max(...values) - min || 1;
  const step = box.width / (values.length - 1);

  return values
    .map((value, index) => {
      const x = index * step;
      const y = box.height - ((value - min) / span) * box.height;
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
