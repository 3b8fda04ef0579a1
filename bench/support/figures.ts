/** The figures the benchmarks report, from their samples. */

/** Percentile by nearest rank, in the unit of the samples (in any order). */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Rounded to `digits` decimals, as the report prints a figure. */
export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
