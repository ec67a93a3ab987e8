/** Small timing helpers shared by the benchmarks. */

export interface Timing {
  /** Median of the runs, in milliseconds. */
  median: number;
  /** Fastest run, in milliseconds: on a machine shared with other jobs, the least disturbed. */
  best: number;
  /** 95th percentile of the runs, in milliseconds. */
  p95: number;
  runs: number;
}

/** Times `fn` `runs` times after `warmup` untimed calls. */
export function time(fn: () => unknown, runs = 20, warmup = 3): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return {
    median: samples[Math.floor(samples.length / 2)],
    best: samples[0],
    p95: samples[Math.min(samples.length - 1, Math.ceil(samples.length * 0.95) - 1)],
    runs,
  };
}

/** Prints one figure with its target and whether it is met. */
export function report(label: string, value: number, unit: string, target?: { max?: number; min?: number }): void {
  let verdict = '';
  if (target?.max !== undefined) verdict = value <= target.max ? `  ✓ target ≤ ${target.max} ${unit}` : `  ✗ target ≤ ${target.max} ${unit}`;
  if (target?.min !== undefined) verdict = value >= target.min ? `  ✓ target ≥ ${target.min} ${unit}` : `  ✗ target ≥ ${target.min} ${unit}`;
  console.log(`  ${label.padEnd(58)} ${value.toFixed(value < 10 ? 3 : 1).padStart(10)} ${unit}${verdict}`);
}
