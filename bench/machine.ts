import { cpus, totalmem, type as osType, release } from 'node:os';

/** One line naming the machine a benchmark ran on, printed with every result. */
export function machineLine(): string {
  const cpu = cpus();
  return `machine: ${osType()} ${release()}, ${cpu[0]?.model ?? 'unknown cpu'} x${cpu.length}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`;
}

/** The value at quantile `p` (0 to 1) of a sample, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

/** A list of per-round ratios as `(min-max)`, two decimals. */
export function range(values: readonly number[]): string {
  return `(${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)})`;
}

/** The middle value of a sample (the upper middle of an even one). */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}
