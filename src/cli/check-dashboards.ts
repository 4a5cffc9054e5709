/**
 * `npm run check:dashboards [-- <folder>]`: checks every Grafana dashboard in `ops/grafana/` (or
 * the folder given) against the gateway's metrics registry, built the way the app builds it: each
 * PromQL expression must parse and select only series and labels the registry has, and each
 * variable used must be defined. Prints each problem and exits 1 when there is any.
 */
import { fileURLToPath } from 'node:url';
import { seriesCatalog, checkDashboardFolder } from '../observability/dashboard-check.js';
import { createMetrics } from '../observability/metrics.js';
import { findProjectRoot } from '../paths.js';

async function main(args: string[]): Promise<number> {
  const folder =
    args.find((arg) => arg !== '--') ?? fileURLToPath(new URL('ops/grafana/', findProjectRoot()));
  // Process metrics on, as in the app: a dashboard may chart them too.
  const catalog = await seriesCatalog(createMetrics({ processMetrics: true }).registry);
  const { files, problems } = await checkDashboardFolder(folder, catalog);
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) {
    console.error(`${problems.length} problem(s) in ${files.length} dashboard(s)`);
    return 1;
  }
  console.log(`${files.length} dashboard(s) checked against ${catalog.size} series: ok`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
