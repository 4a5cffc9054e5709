import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Counter, Histogram, Registry } from 'prom-client';
import {
  checkDashboard,
  checkDashboardFolder,
  checkExpression,
  seriesCatalog,
  type SeriesCatalog,
} from '../src/observability/dashboard-check.js';
import { createMetrics } from '../src/observability/metrics.js';

const run = promisify(execFile);
const grafanaFolder = fileURLToPath(new URL('../ops/grafana/', import.meta.url));
const REQUESTS = 'sluice_graphql_request_duration_seconds';

/** A dashboard with one panel per target expression (and the variables given). */
function dashboard(
  targets: Array<{ title: string; expr: string; legendFormat?: string }>,
  variables: Array<Record<string, unknown>> = [],
  { nestInRow = false } = {},
) {
  const panels = targets.map(({ title, expr, legendFormat }, i) => ({
    id: i + 1,
    type: 'timeseries',
    title,
    datasource: { type: 'prometheus', uid: '${datasource}' },
    targets: [{ refId: 'A', expr, legendFormat }],
  }));
  return {
    title: 'test',
    schemaVersion: 39,
    templating: {
      list: [{ name: 'datasource', type: 'datasource', query: 'prometheus' }, ...variables],
    },
    panels: nestInRow ? [{ id: 100, type: 'row', title: 'Row', collapsed: true, panels }] : panels,
  };
}

describe('dashboard check', () => {
  let catalog: SeriesCatalog;
  before(async () => {
    catalog = await seriesCatalog(createMetrics({ processMetrics: true }).registry);
  });

  it('reads the series from the registry: histograms as _bucket (with le), _sum and _count', () => {
    assert.ok(catalog.get(`${REQUESTS}_bucket`)?.has('le'));
    assert.deepEqual([...(catalog.get(`${REQUESTS}_count`) ?? [])].sort(), [
      'instance',
      'job',
      'operation',
      'status',
      'type',
    ]);
    assert.equal(catalog.has(REQUESTS), false, 'a histogram has no series of its bare name');
    assert.ok(catalog.get('sluice_breaker_state')?.has('state'));
    assert.ok(catalog.has('process_cpu_seconds_total'), 'process metrics, as the app has them');
  });

  it('passes the dashboards in ops/grafana', async () => {
    const { files, problems } = await checkDashboardFolder(grafanaFolder, catalog);
    assert.ok(files.includes('sluice.json'));
    assert.deepEqual(problems, []);
  });

  it('the real dashboard has a panel for each area and charts its histograms by quantile', async () => {
    const json = JSON.parse(await readFile(join(grafanaFolder, 'sluice.json'), 'utf8')) as {
      schemaVersion: number;
      panels: Array<{ type: string; title: string; panels?: Array<{ title: string }> }>;
    };
    assert.ok(json.schemaVersion >= 39);
    const rows = json.panels.filter((p) => p.type === 'row').map((p) => p.title);
    for (const row of ['Latency', 'Caches', 'Providers', 'Quality gates']) {
      assert.ok(rows.includes(row), row);
    }
    const text = JSON.stringify(json);
    for (const q of ['0.5', '0.95', '0.99']) {
      assert.ok(text.includes(`histogram_quantile(${q}, sum by (le) (rate(${REQUESTS}_bucket`), q);
    }
  });

  it('fails the real dashboard against a registry where a metric was renamed', async () => {
    const registry = new Registry();
    new Histogram({
      name: 'sluice_graphql_request_seconds',
      help: 'renamed',
      labelNames: ['operation', 'type', 'status'],
      registers: [registry],
    });
    new Counter({ name: 'sluice_answers_total', help: 'kept', registers: [registry] });
    const renamed = await seriesCatalog(registry);
    const { problems } = await checkDashboardFolder(grafanaFolder, renamed);
    assert.ok(
      problems.some((p) =>
        /^sluice\.json: panel "Requests by operation" \(id \d+\), target A: unknown metric "sluice_graphql_request_duration_seconds_count"/.test(
          p,
        ),
      ),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) =>
        /panel "Answers by status".*label "status" in sum by \(…\) is not on the series/.test(p),
      ),
      'the kept metric lost its labels',
    );
  });

  it('reports an unknown metric, naming the panel, also inside a collapsed row', () => {
    const problems = checkDashboard(
      dashboard([{ title: 'Typo', expr: 'sum(rate(sluice_graphql_errors[5m]))' }], [], {
        nestInRow: true,
      }),
      catalog,
    );
    assert.deepEqual(problems, [
      'panel "Typo" (id 1), target A: unknown metric "sluice_graphql_errors" (not in the gateway\'s registry)',
    ]);
  });

  it('reports a histogram selected by its bare name', () => {
    const problems = checkDashboard(
      dashboard([{ title: 'Bare', expr: `rate(${REQUESTS}[5m])` }]),
      catalog,
    );
    assert.match(problems[0] ?? '', /^panel "Bare".*is a histogram: select its _bucket/);
  });

  it('reports unknown labels in matchers, by (…) and legends, naming the panel', () => {
    const problems = checkDashboard(
      dashboard([
        { title: 'Matcher', expr: 'sum(rate(sluice_gate_results_total{gates="pii"}[5m]))' },
        { title: 'Grouping', expr: 'sum by (layers) (rate(sluice_cache_requests_total[5m]))' },
        {
          title: 'Legend',
          expr: 'sum by (layer) (rate(sluice_cache_requests_total[5m]))',
          legendFormat: '{{layer}} {{result}}',
        },
      ]),
      catalog,
    );
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.match(
      problems[0] ?? '',
      /^panel "Matcher" .*label "gates" is not a label of sluice_gate_results_total \(it has: gate, instance, job, status\)/,
    );
    assert.match(problems[1] ?? '', /^panel "Grouping" .*label "layers" in sum by \(…\)/);
    assert.match(
      problems[2] ?? '',
      /^panel "Legend" .*legend \{\{result\}\} is not a label of the result \(it has: layer\)/,
    );
  });

  it('reports a label dropped by an inner aggregation and histogram_quantile without le', () => {
    assert.match(
      checkExpression(
        `sum by (operation) (sum by (status) (rate(${REQUESTS}_count[5m])))`,
        catalog,
      ).join('\n'),
      /label "operation" in sum by \(…\) is not on the series it applies to \(they have: status\)/,
    );
    assert.match(
      checkExpression(
        `histogram_quantile(0.95, sum by (operation) (rate(${REQUESTS}_bucket[5m])))`,
        catalog,
      ).join('\n'),
      /histogram_quantile needs the "le" label/,
    );
    assert.deepEqual(
      checkExpression('label_replace(sluice_answers_total, "hit", "$1", "cache", "(.*)")', catalog),
      [],
      'a $1 replacement is not a variable',
    );
    assert.deepEqual(
      checkExpression(
        'max by (provider) (sluice_breaker_state{state="open"}) + on (provider) group_left () sum by (provider) (sluice_source_results_total)',
        catalog,
      ),
      [],
    );
  });

  it('reports a PromQL syntax error with the panel title', () => {
    const problems = checkDashboard(
      dashboard([{ title: 'Broken', expr: `sum(rate(${REQUESTS}_count[5m])` }]),
      catalog,
    );
    assert.equal(problems.length, 1);
    assert.match(
      problems[0] ?? '',
      /^panel "Broken" \(id 1\), target A: PromQL syntax error at character \d+/,
    );
    // Positions are in the expression as written, variables and all.
    const expr = 'sum(rate(sluice_answers_total{status=~"$status"}[$__rate_interval]) +';
    assert.deepEqual(checkExpression(expr, catalog), [
      `PromQL syntax error at character ${expr.length + 1} (near "$__rate_interval]) +")`,
    ]);
  });

  it('reports an undefined variable, and accepts defined and built-in ones', () => {
    const operation = {
      name: 'operation',
      type: 'query',
      query: { query: `label_values(${REQUESTS}_count, operation)` },
    };
    const expr = `sum(rate(${REQUESTS}_count{operation=~"$operation", type="$kind"}[$__rate_interval]))`;
    const problems = checkDashboard(dashboard([{ title: 'Vars', expr }], [operation]), catalog);
    assert.deepEqual(problems, [
      'panel "Vars" (id 1), target A: variable $kind is not defined in templating',
    ]);
    const withoutDatasource = dashboard([{ title: 'Vars', expr: 'sluice_breaker_state' }]);
    withoutDatasource.templating.list = [];
    assert.deepEqual(checkDashboard(withoutDatasource, catalog), [
      'panel "Vars" (id 1): variable $datasource is not defined in templating',
    ]);
  });

  it("checks variables' label_values queries against the registry", () => {
    const problems = checkDashboard(
      dashboard(
        [],
        [
          {
            name: 'p',
            type: 'query',
            query: 'label_values(sluice_source_results_total, providers)',
          },
          { name: 'q', type: 'query', query: 'label_values(nope_total, provider)' },
        ],
      ),
      catalog,
    );
    assert.deepEqual(problems, [
      'variable "p": label "providers" is not on sluice_source_results_total (it has: instance, job, outcome, provider)',
      'variable "q": unknown metric "nope_total" (not in the gateway\'s registry)',
    ]);
  });

  it('reports what is not a dashboard at all', () => {
    assert.match(checkDashboard({ panels: 'no' }, catalog).join('\n'), /not a dashboard: title/);
    const wide = dashboard([{ title: 'Wide', expr: 'sluice_breaker_state' }]);
    Object.assign(wide.panels[0] as object, { gridPos: { h: 4, w: [], x: 0, y: 0 } });
    assert.match(
      checkDashboard(wide, catalog).join('\n'),
      /not a dashboard: panels\.0\.gridPos\.w/,
    );
  });

  describe('npm run check:dashboards', () => {
    let folder: string;
    before(async () => {
      folder = await mkdtemp(join(tmpdir(), 'sluice-dashboards-'));
      const broken = dashboard([{ title: 'Typo', expr: 'rate(sluice_answer_total[5m])' }]);
      await writeFile(join(folder, 'broken.json'), JSON.stringify(broken));
      await writeFile(join(folder, 'truncated.json'), '{"title": ');
    });
    after(() => rm(folder, { recursive: true, force: true }));

    const cli = ['--import', 'tsx', 'src/cli/check-dashboards.ts'];

    it('exits 0 on ops/grafana', async () => {
      const { stdout } = await run(process.execPath, cli);
      assert.match(stdout, /^1 dashboard\(s\) checked against \d+ series: ok/);
    });

    it('exits 1 and names each file and panel on broken dashboards', async () => {
      const failed = await run(process.execPath, [...cli, folder]).catch(
        (error: { code: number; stderr: string }) => error,
      );
      assert.ok('code' in failed && failed.code === 1);
      assert.match(
        failed.stderr,
        /^broken\.json: panel "Typo" \(id 1\), target A: unknown metric "sluice_answer_total"/m,
      );
      assert.match(failed.stderr, /^truncated\.json: not valid JSON/m);
      assert.match(failed.stderr, /2 problem\(s\) in 2 dashboard\(s\)/);
    });
  });
});
