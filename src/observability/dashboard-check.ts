import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import type { Registry } from 'prom-client';
import { z } from 'zod';

/**
 * Every series the registry exposes, by name, with the label names it may carry. A histogram is
 * its `_bucket` (with `le`), `_sum` and `_count` series; a summary its own name (with `quantile`),
 * `_sum` and `_count`.
 */
export type SeriesCatalog = ReadonlyMap<string, ReadonlySet<string>>;

/** Labels Prometheus adds to every scraped series (the scrape target's), so any query may use them. */
const TARGET_LABELS = ['job', 'instance'];

/** Reads the series catalog from the gateway's own registry, so a renamed metric or label shows up. */
export async function seriesCatalog(registry: Registry): Promise<SeriesCatalog> {
  const catalog = new Map<string, Set<string>>();
  const add = (name: string, labels: Iterable<string>) => {
    const set = catalog.get(name) ?? new Set(TARGET_LABELS);
    for (const label of labels) set.add(label);
    catalog.set(name, set);
  };
  for (const metric of await registry.getMetricsAsJSON()) {
    // prom-client keeps the configured label names on the metric; samples add any default labels.
    const declared =
      (registry.getSingleMetric(metric.name) as { labelNames?: readonly string[] } | undefined)
        ?.labelNames ?? [];
    const labels = new Set(declared);
    for (const value of metric.values)
      for (const label of Object.keys(value.labels)) labels.add(label);
    labels.delete('le');
    labels.delete('quantile');
    // At run time `type` is the exposition's word ('histogram'); the typings declare a numeric enum.
    switch (metric.type as unknown as string) {
      case 'histogram':
        add(`${metric.name}_bucket`, [...labels, 'le']);
        add(`${metric.name}_sum`, labels);
        add(`${metric.name}_count`, labels);
        break;
      case 'summary':
        add(metric.name, [...labels, 'quantile']);
        add(`${metric.name}_sum`, labels);
        add(`${metric.name}_count`, labels);
        break;
      default:
        add(metric.name, labels);
    }
  }
  return catalog;
}

// Only the parts of a dashboard the check reads; everything else passes through untouched.
const datasourceRef = z.union([z.string(), z.looseObject({ uid: z.string().optional() })]);
const target = z.looseObject({
  refId: z.string().optional(),
  expr: z.string().optional(),
  legendFormat: z.string().optional(),
  datasource: datasourceRef.nullish(),
});
// Grafana's grid is 24 columns wide.
const gridPos = z.object({
  h: z.number().int().positive(),
  w: z.number().int().min(1).max(24),
  x: z.number().int().min(0).max(23),
  y: z.number().int().min(0),
});
type Panel = z.infer<typeof panelSchema>;
const panelSchema: z.ZodType<{
  id?: number;
  title?: string;
  type?: string;
  repeat?: string;
  gridPos?: z.infer<typeof gridPos>;
  datasource?: z.infer<typeof datasourceRef> | null;
  targets?: z.infer<typeof target>[];
  panels?: Panel[];
}> = z.looseObject({
  id: z.number().optional(),
  title: z.string().optional(),
  type: z.string().optional(),
  repeat: z.string().optional(),
  gridPos: gridPos.optional(),
  datasource: datasourceRef.nullish(),
  targets: z.array(target).optional(),
  get panels() {
    return z.array(panelSchema).optional();
  },
});
const variable = z.looseObject({
  name: z.string().min(1),
  type: z.string(),
  query: z.union([z.string(), z.looseObject({ query: z.string().optional() })]).optional(),
  datasource: datasourceRef.nullish(),
});
const dashboardSchema = z.looseObject({
  title: z.string().min(1),
  schemaVersion: z.number(),
  panels: z.array(panelSchema),
  templating: z.looseObject({ list: z.array(variable) }).optional(),
});

/**
 * Grafana's variable syntaxes: `$name`, `${name}`, `${name:format}`, `[[name]]`. A name starts
 * with a letter or `_`, so `$1` in a `label_replace` replacement is not one.
 */
const VARIABLE =
  /\$([A-Za-z_]\w*)|\$\{([A-Za-z_]\w*)(?::[^}]*)?\}|\[\[([A-Za-z_]\w*)(?::[^\]]*)?\]\]/g;
/** Built-in variables that stand for a duration inside PromQL. */
const DURATION_VARIABLES = new Set(['__interval', '__rate_interval', '__range']);

/** Names of the variables a text refers to. */
function variablesIn(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((m) => (m[1] ?? m[2] ?? m[3]) as string);
}

/**
 * The expression with every variable replaced by something PromQL parses in its place: a
 * duration for Grafana's interval variables, `1` for the others (inside a label matcher's string
 * any value parses; outside one, a number is what a variable usually stands for). `original`
 * maps an offset in the result back to the expression as written, for error messages.
 */
function substituteVariables(expr: string): { text: string; original: (at: number) => number } {
  // Each replacement: where it sits in the result, and what it replaced in the expression.
  const spans: Array<{ from: number; to: number; originalFrom: number; originalTo: number }> = [];
  let text = '';
  let last = 0;
  for (const match of expr.matchAll(VARIABLE)) {
    text += expr.slice(last, match.index);
    const name = (match[1] ?? match[2] ?? match[3]) as string;
    const value = DURATION_VARIABLES.has(name) ? '5m' : '1';
    last = match.index + match[0].length;
    spans.push({
      from: text.length,
      to: text.length + value.length,
      originalFrom: match.index,
      originalTo: last,
    });
    text += value;
  }
  text += expr.slice(last);
  const original = (at: number) => {
    const span = spans.findLast((s) => s.from <= at);
    if (!span) return at;
    return at < span.to ? span.originalFrom : span.originalTo + (at - span.to);
  };
  return { text, original };
}

type Node = ReturnType<typeof parser.parse>['topNode'];
/** Labels an expression's result carries; null when the check cannot tell (nothing is checked then). */
type Labels = ReadonlySet<string> | null;

/** Checks one PromQL expression against the catalog; returns its problems (empty when sound). */
export function checkExpression(expr: string, catalog: SeriesCatalog): string[] {
  return analyseExpression(expr, catalog).problems;
}

function analyseExpression(expr: string, catalog: SeriesCatalog) {
  const { text, original } = substituteVariables(expr);
  const tree = parser.parse(text);
  const problems: string[] = [];
  tree.iterate({
    enter(node) {
      if (!node.type.isError || problems.length > 0) return;
      const at = Math.min(original(node.from), expr.length);
      const near = expr.slice(Math.max(0, at - 20), at + 20).replace(/\s+/g, ' ');
      problems.push(`PromQL syntax error at character ${at + 1} (near "${near}")`);
    },
  });
  if (problems.length > 0) return { problems, labels: null };
  const source = (node: Node) => text.slice(node.from, node.to);
  const labels = labelsOf(tree.topNode, { catalog, problems, source });
  return { problems, labels };
}

interface Walk {
  catalog: SeriesCatalog;
  problems: string[];
  source: (node: Node) => string;
}

function children(node: Node): Node[] {
  const list: Node[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) list.push(child);
  return list;
}
const expressions = (node: Node) => children(node).filter((c) => c.type.is('Expr'));

const unquote = (literal: string) => {
  try {
    return JSON.parse(literal.startsWith("'") ? `"${literal.slice(1, -1)}"` : literal) as string;
  } catch {
    return literal.slice(1, -1);
  }
};

const listLabels = (labels: ReadonlySet<string>) =>
  labels.size === 0 ? 'none' : [...labels].sort().join(', ');

/** Label names in a `by (…)`, `without (…)`, `on (…)`, `ignoring (…)` or `group_left (…)` list. */
function groupingLabels(node: Node | null, walk: Walk): string[] {
  if (!node) return [];
  return children(node)
    .filter((c) => c.name === 'LabelName' || c.name === 'QuotedLabelName')
    .map((c) => (c.name === 'LabelName' ? walk.source(c) : unquote(walk.source(c))));
}

function requireLabels(
  wanted: readonly string[],
  available: Labels,
  where: string,
  walk: Walk,
): void {
  if (!available) return;
  for (const label of wanted) {
    if (!available.has(label)) {
      walk.problems.push(
        `label "${label}" in ${where} is not on the series it applies to (they have: ${listLabels(available)})`,
      );
    }
  }
}

function labelsOf(node: Node, walk: Walk): Labels {
  switch (node.name) {
    case 'PromQL':
    case 'MatrixSelector':
    case 'SubqueryExpr':
    case 'OffsetExpr':
    case 'StepInvariantExpr':
    case 'AnchoredExpr':
    case 'SmoothedExpr':
    case 'ParenExpr':
    case 'UnaryExpr': {
      const inner = expressions(node)[0];
      return inner ? labelsOf(inner, walk) : null;
    }
    case 'NumberDurationLiteral':
    case 'StringLiteral':
      return new Set();
    case 'VectorSelector':
      return selectorLabels(node, walk);
    case 'FunctionCall':
      return functionLabels(node, walk);
    case 'AggregateExpr':
      return aggregateLabels(node, walk);
    case 'BinaryExpr':
      return binaryLabels(node, walk);
    default:
      return null;
  }
}

function selectorLabels(node: Node, walk: Walk): Labels {
  const matchers = node.getChild('LabelMatchers');
  const used: Array<{ label: string; value: string; op: string }> = [];
  for (const matcher of matchers ? children(matchers) : []) {
    const nameNode = matcher.getChild('LabelName') ?? matcher.getChild('QuotedLabelName');
    const valueNode = matcher.getChild('StringLiteral');
    if (!nameNode) continue;
    const label =
      nameNode.name === 'LabelName' ? walk.source(nameNode) : unquote(walk.source(nameNode));
    const op = matcher.getChild('MatchOp');
    used.push({
      label,
      value: valueNode ? unquote(walk.source(valueNode)) : '',
      op: op ? walk.source(op) : '',
    });
  }
  const identifier = node.getChild('Identifier');
  const byName = used.find((m) => m.label === '__name__' && m.op === '=');
  const name = identifier ? walk.source(identifier) : byName?.value;
  if (name === undefined) {
    walk.problems.push(`selector ${walk.source(node)} names no metric, so it cannot be checked`);
    return null;
  }
  const labels = walk.catalog.get(name);
  if (!labels) {
    const histogram = ['_bucket', '_sum', '_count'].some((s) => walk.catalog.has(name + s));
    walk.problems.push(
      histogram
        ? `metric "${name}" is a histogram: select its _bucket, _sum or _count series`
        : `unknown metric "${name}" (not in the gateway's registry)`,
    );
    return null;
  }
  for (const { label } of used) {
    if (label !== '__name__' && !labels.has(label)) {
      walk.problems.push(
        `label "${label}" is not a label of ${name} (it has: ${listLabels(labels)})`,
      );
    }
  }
  return labels;
}

function functionLabels(node: Node, walk: Walk): Labels {
  const fn = walk.source(node.getChild('FunctionIdentifier') ?? node).trim();
  const args = expressions(node.getChild('FunctionCallBody') ?? node);
  const argLabels = args.map((arg) => labelsOf(arg, walk));
  const literal = (i: number) => {
    const arg = args[i];
    return arg?.name === 'StringLiteral' ? unquote(walk.source(arg)) : undefined;
  };
  switch (fn) {
    case 'histogram_quantile': {
      const input = argLabels[1] ?? null;
      if (input && !input.has('le')) {
        walk.problems.push(
          `histogram_quantile needs the "le" label, which its input has lost (it has: ${listLabels(input)})`,
        );
      }
      return input && new Set([...input].filter((l) => l !== 'le'));
    }
    case 'label_replace':
    case 'label_join': {
      const input = argLabels[0] ?? null;
      const sources =
        fn === 'label_replace' ? [literal(3)] : args.slice(3).map((_, i) => literal(i + 3));
      requireLabels(
        sources.filter((s): s is string => Boolean(s)),
        input,
        `${fn}'s source labels`,
        walk,
      );
      const target = literal(1);
      return input && target ? new Set([...input, target]) : input;
    }
    case 'vector':
    case 'scalar':
    case 'time':
    case 'pi':
      return new Set();
    case 'absent':
    case 'absent_over_time':
      return null;
    default: {
      // Element-wise functions keep their vector argument's labels; parameters are literals.
      const vectorArg = args.findIndex(
        (a) => a.name !== 'NumberDurationLiteral' && a.name !== 'StringLiteral',
      );
      return vectorArg === -1 ? new Set() : (argLabels[vectorArg] ?? null);
    }
  }
}

/** Aggregations that keep each sample's own labels (they select samples rather than combine them). */
const SELECTING = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);

function aggregateLabels(node: Node, walk: Walk): Labels {
  const op = walk.source(node.getChild('AggregateOp') ?? node).trim();
  const args = expressions(node.getChild('FunctionCallBody') ?? node);
  const last = args[args.length - 1];
  const input = last ? labelsOf(last, walk) : null;
  const modifier = node.getChild('AggregateModifier');
  const mode = modifier?.getChild('By') ? 'by' : modifier?.getChild('Without') ? 'without' : null;
  const grouping = groupingLabels(modifier?.getChild('GroupingLabels') ?? null, walk);
  if (mode) requireLabels(grouping, input, `${op} ${mode} (…)`, walk);
  if (SELECTING.has(op)) return input;
  let result: Labels;
  if (mode === 'by') result = new Set(grouping);
  else if (mode === 'without')
    result = input && new Set([...input].filter((l) => !grouping.includes(l)));
  else result = new Set();
  if (op === 'count_values' && result && args[0]?.name === 'StringLiteral') {
    result = new Set([...result, unquote(walk.source(args[0]))]);
  }
  return result;
}

function binaryLabels(node: Node, walk: Walk): Labels {
  const [lhsNode, rhsNode] = expressions(node);
  const lhs = lhsNode ? labelsOf(lhsNode, walk) : null;
  const rhs = rhsNode ? labelsOf(rhsNode, walk) : null;
  const matching = node.getChild('MatchingModifierClause');
  if (!matching) return lhs && rhs ? new Set([...lhs, ...rhs]) : null;
  const lists = matching.getChildren('GroupingLabels');
  const kind = matching.getChild('On') ? 'on' : 'ignoring';
  const on = groupingLabels(lists[0] ?? null, walk);
  if (kind === 'on') {
    requireLabels(on, lhs, 'on (…), left side', walk);
    requireLabels(on, rhs, 'on (…), right side', walk);
  }
  const groupRight = Boolean(matching.getChild('GroupRight'));
  const included = groupingLabels(lists[1] ?? null, walk);
  const one = groupRight ? lhs : rhs;
  const many = groupRight ? rhs : lhs;
  requireLabels(included, one, `group_${groupRight ? 'right' : 'left'} (…)`, walk);
  return many && new Set([...many, ...included]);
}

/** Template variables Grafana defines itself. */
const isBuiltIn = (name: string) => name.startsWith('__');

/** The PromQL inside a Prometheus variable query (`label_values(selector, label)`, `query_result(expr)`). */
function checkVariableQuery(query: string, catalog: SeriesCatalog): string[] {
  const labelValues = /^\s*label_values\(\s*(?:(.+),)?\s*(\w+)\s*\)\s*$/s.exec(query);
  if (labelValues) {
    const [, selector, label] = labelValues as unknown as [string, string | undefined, string];
    if (!selector) {
      const known = [...catalog.values()].some((labels) => labels.has(label));
      return known ? [] : [`label "${label}" is on no metric of the registry`];
    }
    const { problems, labels } = analyseExpression(selector, catalog);
    if (labels && !labels.has(label)) {
      problems.push(
        `label "${label}" is not on ${selector.trim()} (it has: ${listLabels(labels)})`,
      );
    }
    return problems;
  }
  const result = /^\s*query_result\((.+)\)\s*$/s.exec(query);
  if (result) return checkExpression(result[1] as string, catalog);
  return [];
}

/** Calls `fn` on every panel, rows' nested panels included. */
function eachPanel(panels: readonly Panel[], fn: (panel: Panel) => void): void {
  for (const panel of panels) {
    fn(panel);
    if (panel.panels) eachPanel(panel.panels, fn);
  }
}

const uidOf = (ref: z.infer<typeof datasourceRef> | null | undefined) =>
  typeof ref === 'string' ? ref : (ref?.uid ?? '');

/**
 * Checks one dashboard: every PromQL expression parses, selects only series the registry has, with
 * labels those series carry (in matchers, `by`/`without`/`on` lists, `histogram_quantile`'s `le`
 * and legends), and every variable referred to is defined. Returns the problems, each naming the
 * panel (or variable) and target; empty when the dashboard is sound.
 */
export function checkDashboard(json: unknown, catalog: SeriesCatalog): string[] {
  const parsed = dashboardSchema.safeParse(json);
  if (!parsed.success) {
    return parsed.error.issues.map(
      (issue) => `not a dashboard: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  const dashboard = parsed.data;
  const problems: string[] = [];
  const variables = dashboard.templating?.list ?? [];
  const defined = new Set(variables.map((v) => v.name));
  const undefinedIn = (where: string, ...texts: Array<string | undefined>) => {
    for (const name of new Set(texts.flatMap((t) => (t ? variablesIn(t) : [])))) {
      if (!isBuiltIn(name) && !defined.has(name)) {
        problems.push(`${where}: variable $${name} is not defined in templating`);
      }
    }
  };

  for (const v of variables) {
    const where = `variable "${v.name}"`;
    const query = typeof v.query === 'string' ? v.query : (v.query?.query ?? '');
    undefinedIn(where, uidOf(v.datasource), v.type === 'query' ? query : undefined);
    if (v.type === 'query') {
      for (const problem of checkVariableQuery(query, catalog))
        problems.push(`${where}: ${problem}`);
    }
  }

  eachPanel(dashboard.panels, (panel) => {
    const name = `panel "${panel.title ?? '(untitled)'}"${panel.id === undefined ? '' : ` (id ${panel.id})`}`;
    undefinedIn(name, panel.title, uidOf(panel.datasource), panel.repeat && `$${panel.repeat}`);
    for (const [i, t] of (panel.targets ?? []).entries()) {
      const where = `${name}, target ${t.refId ?? i + 1}`;
      undefinedIn(where, uidOf(t.datasource), t.expr, t.legendFormat);
      if (t.expr === undefined) continue;
      if (t.expr.trim() === '') {
        problems.push(`${where}: empty expression`);
        continue;
      }
      const { problems: found, labels } = analyseExpression(t.expr, catalog);
      for (const problem of found) problems.push(`${where}: ${problem}`);
      if (!labels || !t.legendFormat) continue;
      for (const [, label] of t.legendFormat.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
        if (!labels.has(label as string)) {
          problems.push(
            `${where}: legend {{${label}}} is not a label of the result (it has: ${listLabels(labels)})`,
          );
        }
      }
    }
  });
  return problems;
}

/** Checks every `*.json` dashboard in a folder; problems are prefixed with the file name. */
export async function checkDashboardFolder(
  folder: string,
  catalog: SeriesCatalog,
): Promise<{ files: string[]; problems: string[] }> {
  const files = (await readdir(folder)).filter((f) => f.endsWith('.json')).sort();
  const problems: string[] = [];
  if (files.length === 0) problems.push(`${folder}: no dashboards (*.json) to check`);
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(join(folder, file), 'utf8'));
    } catch (error) {
      problems.push(
        `${file}: not valid JSON (${error instanceof Error ? error.message : 'unreadable'})`,
      );
      continue;
    }
    for (const problem of checkDashboard(json, catalog)) problems.push(`${file}: ${problem}`);
  }
  return { files, problems };
}
