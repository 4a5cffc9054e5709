import { h, setVars } from '../dom.js';
import { formatMs } from '../format.js';
import type { Answer, Span } from '../types.js';

interface Row {
  span: Span;
  depth: number;
}

/**
 * Spans in tree order: each parent followed by its children by start time. A span whose parent is
 * not in the trace is shown as a root rather than dropped, so every span gets exactly one bar.
 */
function treeOrder(spans: readonly Span[]): Row[] {
  const ids = new Set(spans.map((s) => s.id));
  const children = new Map<string | null, Span[]>();
  for (const span of spans) {
    const parent = span.parentId !== null && ids.has(span.parentId) ? span.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  const rows: Row[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => a.startMs - b.startMs);
    for (const span of list) {
      if (seen.has(span.id)) continue; // a cycle in a malformed trace must not loop forever
      seen.add(span.id);
      rows.push({ span, depth });
      visit(span.id, depth + 1);
    }
  };
  visit(null, 0);
  // Spans only reachable through a cycle: still one bar each.
  for (const span of spans) if (!seen.has(span.id)) rows.push({ span, depth: 0 });
  return rows;
}

function ticks(totalMs: number): HTMLElement {
  return h(
    'div',
    { class: 'axis', 'aria-hidden': 'true' },
    h('span', { class: 'axis-label' }, 'span'),
    h(
      'span',
      { class: 'axis-track' },
      ...[0, 0.25, 0.5, 0.75, 1].map((f) =>
        setVars(h('span', { class: 'tick' }, formatMs(totalMs * f)), { '--at': f * 100 }),
      ),
    ),
  );
}

/**
 * One focusable bar per span on a shared time axis, indented by depth; its timing and attributes
 * show in a tooltip on hover and on focus (and are its accessible description).
 */
export function renderWaterfall(target: HTMLElement, trace: Answer['trace']): void {
  const end = Math.max(trace.durationMs, ...trace.spans.map((s) => s.startMs + s.durationMs), 1);
  const rows = treeOrder(trace.spans).map(({ span, depth }, i) => {
    const tipId = `span-tip-${i}`;
    const bar = setVars(
      h('div', {
        class: `span-bar span-bar--${span.status.toLowerCase()}`,
        'data-testid': 'span-bar',
        tabindex: 0,
        role: 'img',
        'aria-label': `${span.name}: ${formatMs(span.durationMs)}, from ${formatMs(span.startMs)}`,
        'aria-describedby': tipId,
      }),
      {
        '--start': ((span.startMs / end) * 100).toFixed(3),
        '--width': ((span.durationMs / end) * 100).toFixed(3),
      },
    );
    const tip = h(
      'div',
      { class: 'span-tip', role: 'tooltip', id: tipId },
      h('strong', {}, span.name),
      ` ${formatMs(span.durationMs)} from ${formatMs(span.startMs)}`,
      span.status === 'ERROR' ? ' · error' : '',
      span.attributes.length === 0
        ? null
        : h(
            'dl',
            {},
            ...span.attributes.flatMap(({ key, value }) => [h('dt', {}, key), h('dd', {}, value)]),
          ),
    );
    return setVars(
      h(
        'div',
        { class: 'span-row', role: 'listitem' },
        h('span', { class: 'span-name', title: span.name }, span.name),
        h('span', { class: 'span-track' }, bar, tip),
      ),
      { '--depth': depth },
    );
  });
  target.replaceChildren(ticks(end), h('div', { role: 'list', 'aria-label': 'Spans' }, ...rows));
}
