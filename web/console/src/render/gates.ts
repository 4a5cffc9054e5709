import type { GateStage, GateStatus } from '../../../../src/client/index.js';
import { h } from '../dom.js';
import { titleCase } from '../format.js';
import type { Gate } from '../types.js';

const STAGES: readonly GateStage[] = ['INPUT', 'DATA', 'RETRIEVAL', 'OUTPUT'];

/** A symbol beside the word, so the status reads without colour. */
function symbolOf(status: GateStatus): string {
  switch (status) {
    case 'PASSED':
      return '✓';
    case 'WARNING':
      return '!';
    case 'FAILED':
      return '✗';
    case 'SKIPPED':
      return '–';
    default: {
      const never: never = status;
      return String(never);
    }
  }
}

function verdict(gate: Gate): HTMLLIElement {
  const status = gate.status.toLowerCase();
  return h(
    'li',
    { class: `gate gate--${status}`, 'data-testid': 'gate', 'data-status': gate.status },
    h(
      'span',
      { class: `badge badge--${status}` },
      h('span', { 'aria-hidden': 'true' }, symbolOf(gate.status)),
      ` ${titleCase(gate.status)}`,
    ),
    h('code', { class: 'gate-name' }, gate.name),
    h('span', { class: 'gate-message' }, gate.message),
    gate.score === null
      ? null
      : h('span', { class: 'gate-score' }, `score ${Number(gate.score.toFixed(3))}`),
  );
}

/** The verdicts grouped by stage, in pipeline order; stages that did not run are left out. */
export function renderGates(target: HTMLElement, gates: readonly Gate[]): void {
  const groups = STAGES.map((stage) => ({ stage, gates: gates.filter((g) => g.stage === stage) }));
  target.replaceChildren(
    ...groups
      .filter((group) => group.gates.length > 0)
      .map(({ stage, gates: inStage }) =>
        h(
          'section',
          { class: 'gate-stage', 'aria-label': `${titleCase(stage)} gates` },
          h('h3', {}, titleCase(stage)),
          h('ul', { class: 'gate-list' }, ...inStage.map(verdict)),
        ),
      ),
  );
  if (gates.length === 0) target.replaceChildren(h('p', { class: 'empty' }, 'No gate ran.'));
}
