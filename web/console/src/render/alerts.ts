import type { ClientError } from '../../../../src/client/index.js';
import { h } from '../dom.js';
import type { Answer } from '../types.js';

/** One message in the alert region: a headline and its details, e.g. the failed gates. */
export interface Alert {
  level: 'error' | 'warning';
  title: string;
  details: string[];
}

/** GraphQL errors as the gateway sent them: message and `extensions.code`. */
export function errorsAlert(title: string, errors: readonly ClientError[]): Alert {
  return {
    level: 'error',
    title,
    details: errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`),
  };
}

/**
 * What a REFUSED or DEGRADED answer must say plainly: why it was refused (the failed gates), or
 * what it is missing (failed sources, failed or warning gates). None for a clean answer.
 */
export function statusAlert(answer: Answer): Alert | undefined {
  const failedGates = answer.gates
    .filter((g) => g.status === 'FAILED')
    .map((g) => `${g.stage.toLowerCase()} gate ${g.name} failed: ${g.message}`);
  switch (answer.status) {
    case 'ANSWERED':
      return undefined;
    case 'REFUSED':
      return {
        level: 'error',
        title: 'Refused: the gateway would not answer this question.',
        details: failedGates,
      };
    case 'DEGRADED': {
      const sources = answer.sources
        .filter((s) => s.status === 'FAILED' || s.status === 'TIMEOUT' || s.status === 'STALE')
        .map((s) => `source ${s.name} ${s.status.toLowerCase()}${s.error ? `: ${s.error}` : ''}`);
      const warnings = answer.gates
        .filter((g) => g.status === 'WARNING')
        .map((g) => `${g.stage.toLowerCase()} gate ${g.name} warns: ${g.message}`);
      return {
        level: 'warning',
        title: 'Degraded: this answer is incomplete or less certain.',
        details: [...sources, ...failedGates, ...warnings],
      };
    }
    default: {
      const never: never = answer.status;
      return never;
    }
  }
}

/** Replaces the alert region's content (`role="alert"`: screen readers announce it). */
export function renderAlerts(target: HTMLElement, alerts: readonly Alert[]): void {
  target.replaceChildren(
    ...alerts.map((alert) =>
      h(
        'div',
        { class: `alert alert--${alert.level}`, 'data-testid': 'alert', 'data-level': alert.level },
        h('p', { class: 'alert-title' }, alert.title),
        alert.details.length > 0 ? h('ul', {}, ...alert.details.map((d) => h('li', {}, d))) : null,
      ),
    ),
  );
}
