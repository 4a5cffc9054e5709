import { h } from '../dom.js';
import { formatUsd } from '../format.js';
import type { Answer } from '../types.js';

function cacheText(cache: Answer['cache']): string {
  switch (cache.hit) {
    case 'NONE':
      return 'NONE (answered fresh)';
    case 'EXACT':
      return 'EXACT (the same question was answered before)';
    case 'SEMANTIC': {
      const similarity =
        cache.similarity === null ? '' : `, similarity ${cache.similarity.toFixed(3)}`;
      return `SEMANTIC (matched “${cache.matchedQuestion ?? '?'}”${similarity})`;
    }
    default: {
      const never: never = cache.hit;
      return String(never);
    }
  }
}

/** Total, savings, cache hit, then one row per cost item (LLM, embedding, API). */
export function renderCost(target: HTMLElement, answer: Answer): void {
  const { cost, cache } = answer;
  const summary = h(
    'dl',
    { class: 'cost-summary' },
    h(
      'div',
      {},
      h('dt', {}, 'Total'),
      h('dd', { 'data-testid': 'cost-total' }, formatUsd(cost.totalUsd)),
    ),
    h('div', {}, h('dt', {}, 'Saved by cache'), h('dd', {}, formatUsd(cost.savedUsd))),
    h(
      'div',
      {},
      h('dt', {}, 'Cache hit'),
      h('dd', { 'data-testid': 'cache-hit', 'data-hit': cache.hit }, cacheText(cache)),
    ),
  );
  const items =
    cost.items.length === 0
      ? h('p', { class: 'empty' }, 'Nothing was billed.')
      : h(
          'div',
          { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': 'Cost items' },
          h(
            'table',
            {},
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ...['Kind', 'Model', 'Calls', 'Tokens in', 'Tokens out', 'USD'].map((label, i) =>
                  h('th', { scope: 'col', class: i >= 2 ? 'num' : undefined }, label),
                ),
              ),
            ),
            h(
              'tbody',
              {},
              ...cost.items.map((item) =>
                h(
                  'tr',
                  {},
                  h('td', {}, item.kind),
                  h('td', {}, item.model),
                  h('td', { class: 'num' }, item.calls),
                  h('td', { class: 'num' }, item.inputTokens.toLocaleString('en-US')),
                  h('td', { class: 'num' }, item.outputTokens.toLocaleString('en-US')),
                  h('td', { class: 'num' }, formatUsd(item.usd)),
                ),
              ),
            ),
          ),
        );
  target.replaceChildren(summary, items);
}
