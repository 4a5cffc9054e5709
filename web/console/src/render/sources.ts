import { h } from '../dom.js';
import { formatMs, titleCase } from '../format.js';
import type { SourceCall } from '../types.js';

function cacheCell(source: SourceCall): string {
  if (source.status === 'STALE') return 'stale (served from cache)';
  return source.cached ? 'cached' : 'live';
}

function row(source: SourceCall): HTMLTableRowElement {
  const status = source.status.toLowerCase();
  return h(
    'tr',
    { 'data-testid': 'source-row' },
    h('th', { scope: 'row' }, source.name),
    h('td', {}, source.provider ?? '—'),
    h(
      'td',
      { class: 'args' },
      source.args.length === 0
        ? '—'
        : h('code', {}, source.args.map(({ key, value }) => `${key}=${value}`).join(' ')),
    ),
    h(
      'td',
      {},
      h('span', { class: `badge badge--${status}` }, titleCase(source.status)),
      source.error ? h('span', { class: 'error-text' }, ` ${source.error}`) : null,
    ),
    h('td', { class: 'num' }, formatMs(source.latencyMs)),
    h('td', {}, cacheCell(source)),
  );
}

/** One row per source call: name, provider, the routed arguments, status, latency, cache. */
export function renderSources(target: HTMLElement, sources: readonly SourceCall[]): void {
  if (sources.length === 0) {
    target.replaceChildren(
      h('tr', {}, h('td', { colspan: 6, class: 'empty' }, 'No source was called.')),
    );
    return;
  }
  target.replaceChildren(...sources.map(row));
}
