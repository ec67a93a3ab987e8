/** Small timing helpers shared by the benchmarks. */

export interface Timing {
  /** Median of the runs, in milliseconds. */
  median: number;
  /**
   * Median processor time of the runs (user + system), in milliseconds: on a machine shared
   * with other work it shows the cost of the code itself, without the waits for a core.
   */
  cpuMedian: number;
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
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const used = process.cpuUsage(c0);
    cpu.push((used.user + used.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    median: samples[Math.floor(samples.length / 2)],
    cpuMedian: cpu[Math.floor(cpu.length / 2)],
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
