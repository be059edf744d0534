import { useId } from "react";
import { interval, percent } from "./format.ts";

/** One row of the chart: a label and a mean with its 95% interval (all within 0..1). */
export interface ChartRow {
  label: string;
  mean: number;
  ci95: [number, number];
}

const WIDTH = 640;
const LABEL_WIDTH = 190;
const VALUE_WIDTH = 150;
const ROW = 30;
const TOP = 24;
const PLOT = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
const TICKS = [0, 0.25, 0.5, 0.75, 1];

const x = (value: number) => LABEL_WIDTH + value * PLOT;

/**
 * Means with their 95% intervals as a dot on a line, one row each, on a 0–100% axis. A picture only:
 * the table beside it holds the same numbers for screen readers and copying, so the SVG is described
 * by its title and hidden from the accessibility tree's detail.
 */
export function ScoreChart({ title, rows }: { title: string; rows: ChartRow[] }) {
  const titleId = useId();
  const height = TOP + rows.length * ROW + 8;
  return (
    <svg
      className="score-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={titleId}
      data-testid="score-chart"
    >
      <title id={titleId}>{title}</title>
      {TICKS.map((tick) => (
        <g key={tick} className="score-chart-tick">
          <line x1={x(tick)} x2={x(tick)} y1={TOP - 6} y2={height - 4} />
          <text x={x(tick)} y={TOP - 10} textAnchor="middle">
            {percent(tick)}
          </text>
        </g>
      ))}
      {rows.map((row, i) => {
        const y = TOP + i * ROW + ROW / 2;
        return (
          <g
            key={row.label}
            className="score-chart-row"
            data-label={row.label}
            data-mean={row.mean}
            data-low={row.ci95[0]}
            data-high={row.ci95[1]}
          >
            <text x={LABEL_WIDTH - 10} y={y + 4} textAnchor="end">
              {row.label}
            </text>
            <line className="score-chart-interval" x1={x(row.ci95[0])} x2={x(row.ci95[1])} y1={y} y2={y} />
            <line className="score-chart-interval" x1={x(row.ci95[0])} x2={x(row.ci95[0])} y1={y - 6} y2={y + 6} />
            <line className="score-chart-interval" x1={x(row.ci95[1])} x2={x(row.ci95[1])} y1={y - 6} y2={y + 6} />
            <circle className="score-chart-mean" cx={x(row.mean)} cy={y} r={5} />
            <text x={WIDTH - VALUE_WIDTH + 10} y={y + 4}>
              {`${percent(row.mean)} ${interval(row.ci95)}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
