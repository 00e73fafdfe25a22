/** Descriptive statistics for timing metrics: pure, nulls ignored. */
import Type from 'typebox';

const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Descriptive statistics of one metric over the runs where it was measured. */
export const MetricStats = Type.Object(
  {
    n: Type.Integer({ minimum: 0 }),
    median: Nullable(Type.Number()),
    /** 95th percentile, linear interpolation between closest ranks. */
    p95: Nullable(Type.Number()),
    /** Sample standard deviation (n − 1); null below two values. */
    stddev: Nullable(Type.Number()),
    min: Nullable(Type.Number()),
    max: Nullable(Type.Number()),
  },
  { additionalProperties: false },
);
export type MetricStats = Type.Static<typeof MetricStats>;

/**
 * The q-quantile (0 ≤ q ≤ 1) of ascending-sorted values by linear interpolation between the
 * closest ranks (numpy's default, "type 7"): q = 0.5 is the ordinary median.
 */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return low + (high - low) * (position - lower);
}

/** Sample standard deviation (divides by n − 1); null below two values. */
export function sampleStddev(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const squares = values.reduce((sum, v) => sum + (v - mean) ** 2, 0);
  return Math.sqrt(squares / (values.length - 1));
}

/** n, median, p95, stddev, min and max of the non-null, finite values. */
export function metricStats(values: ReadonlyArray<number | null | undefined>): MetricStats {
  const present = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const sorted = [...present].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    stddev: sampleStddev(sorted),
    min: sorted.length > 0 ? (sorted[0] as number) : null,
    max: sorted.length > 0 ? (sorted[sorted.length - 1] as number) : null,
  };
}

/** Median of the non-null values, or null when there are none. */
export function median(values: ReadonlyArray<number | null | undefined>): number | null {
  return metricStats(values).median;
}
