import { cpus, totalmem, type as osType, release } from 'node:os';

/** One line naming the machine a benchmark ran on, printed with every result. */
export function machineLine(): string {
  const cpu = cpus();
  return `machine: ${osType()} ${release()}, ${cpu[0]?.model ?? 'unknown cpu'} x${cpu.length}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`;
}
