import { h } from '../dom.js';
import { titleCase } from '../format.js';
import type { Answer, Citation } from '../types.js';

const CITATION = /\[(\d+)\]/g;

/** The id of a citation's list entry, the target of its `[n]` references. */
const entryId = (index: number) => `citation-${index}`;

/**
 * The answer text with each `[n]` as a button that reveals citation n: scrolls to its entry,
 * highlights it and moves focus there (keyboard users land on the source they asked for). A
 * number without a citation stays plain text.
 */
export function renderAnswerText(target: HTMLElement, answer: Answer): void {
  const known = new Set(answer.citations.map((c) => c.index));
  const parts: Array<Node | string> = [];
  let last = 0;
  for (const match of answer.text.matchAll(CITATION)) {
    const index = Number(match[1]);
    if (!known.has(index)) continue;
    parts.push(answer.text.slice(last, match.index));
    const button = h(
      'button',
      {
        type: 'button',
        class: 'cite-ref',
        'data-testid': 'citation-ref',
        'data-index': index,
        'aria-controls': entryId(index),
        'aria-label': `Source ${index}`,
      },
      `[${index}]`,
    );
    button.addEventListener('click', () => revealCitation(index));
    parts.push(button);
    last = match.index + match[0].length;
  }
  parts.push(answer.text.slice(last));
  target.replaceChildren(...parts);
}

/** Scrolls to, highlights and focuses citation `index`'s entry. */
function revealCitation(index: number): void {
  const entry = document.getElementById(entryId(index));
  if (!entry) return;
  for (const other of document.querySelectorAll('.citation.is-revealed')) {
    other.classList.remove('is-revealed');
  }
  entry.classList.add('is-revealed');
  entry.focus({ preventScroll: true });
  entry.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

function citationEntry(citation: Citation): HTMLLIElement {
  const title = citation.title ?? `Source ${citation.index}`;
  return h(
    'li',
    {
      id: entryId(citation.index),
      class: 'citation',
      'data-testid': 'citation',
      value: citation.index,
      tabindex: -1,
    },
    h(
      'p',
      { class: 'citation-title' },
      citation.url
        ? h('a', { href: citation.url, rel: 'noopener noreferrer', target: '_blank' }, title)
        : h('strong', {}, title),
      ' ',
      h('span', { class: 'tag' }, citation.source),
    ),
    citation.snippet ? h('p', { class: 'citation-snippet' }, citation.snippet) : null,
  );
}

/** The numbered list the `[n]` buttons point at: title (linked when there is a URL), source, snippet. */
export function renderCitations(target: HTMLElement, answer: Answer): void {
  target.replaceChildren(...answer.citations.map(citationEntry));
  if (answer.citations.length === 0) target.replaceChildren(h('li', { class: 'empty' }, 'None.'));
}

/** Status, model and cache, in words (the status colour is never the only signal). */
export function renderAnswerMeta(target: HTMLElement, answer: Answer): void {
  const status = answer.status.toLowerCase();
  target.replaceChildren(
    h(
      'span',
      { class: `badge badge--${status}`, 'data-testid': 'answer-status' },
      titleCase(answer.status),
    ),
    ' ',
    h('span', {}, `model ${answer.model}`),
    ' · ',
    h('span', {}, `${answer.sources.length} sources`),
  );
}
