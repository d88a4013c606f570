/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * One day of the chart: missed and answered questions.
 *
 * @example
 * ```ts
 * const day: ChartDay = { day: '2026-11-25', missed: 3, answered: 9 };
 * ```
 */
export interface ChartDay {
  readonly day: string;
  readonly missed: number;
  readonly answered: number;
}

const HEIGHT = 220;
const TOP = 16;
const BOTTOM = 40;
const LEFT = 40;
const SLOT = 28;

/**
 * The missed vs answered chart as server-rendered SVG: per day a red bar (missed) and a green bar (answered), a
 * y axis from 0 to the largest count, a label every few days. Readable without script; the table beside it holds
 * the same numbers for screen readers.
 *
 * @example
 * ```tsx
 * <MissedChart days={[{ day: '2026-11-25', missed: 3, answered: 9 }]} />
 * ```
 */
export function MissedChart(props: { days: readonly ChartDay[] }) {
  const max = Math.max(1, ...props.days.flatMap((d) => [d.missed, d.answered]));
  const plot = HEIGHT - TOP - BOTTOM;
  const width = LEFT + Math.max(1, props.days.length) * SLOT + 8;
  const y = (count: number) => TOP + plot - (count / max) * plot;
  const labelEvery = Math.max(1, Math.ceil(props.days.length / 12));
  return (
    <svg
      role="img"
      aria-labelledby="chart-title"
      viewBox={`0 0 ${width} ${HEIGHT}`}
      width={width}
      height={HEIGHT}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id="chart-title">Missed vs answered questions per day</title>
      <line class="axis" x1={LEFT} y1={TOP + plot} x2={width - 4} y2={TOP + plot} />
      <line class="axis" x1={LEFT} y1={TOP} x2={LEFT} y2={TOP + plot} />
      <text class="label" x={LEFT - 4} y={TOP + 4} text-anchor="end">
        {max}
      </text>
      <text class="label" x={LEFT - 4} y={TOP + plot} text-anchor="end">
        0
      </text>
      {props.days.map((d, i) => {
        const x = LEFT + i * SLOT + 4;
        return (
          <g data-day={d.day}>
            <rect class="bar-missed" x={x} y={y(d.missed)} width={10} height={TOP + plot - y(d.missed)}>
              <title>{`${d.day}: ${d.missed} missed`}</title>
            </rect>
            <rect
              class="bar-answered"
              x={x + 10}
              y={y(d.answered)}
              width={10}
              height={TOP + plot - y(d.answered)}
            >
              <title>{`${d.day}: ${d.answered} answered`}</title>
            </rect>
            {i % labelEvery === 0 ? (
              <text class="label" x={x + 10} y={HEIGHT - BOTTOM + 14} text-anchor="middle">
                {d.day.slice(5)}
              </text>
            ) : null}
          </g>
        );
      })}
      <rect class="bar-missed" x={LEFT} y={HEIGHT - 14} width={10} height={10} />
      <text class="label" x={LEFT + 14} y={HEIGHT - 5}>
        missed
      </text>
      <rect class="bar-answered" x={LEFT + 70} y={HEIGHT - 14} width={10} height={10} />
      <text class="label" x={LEFT + 84} y={HEIGHT - 5}>
        answered
      </text>
    </svg>
  );
}
