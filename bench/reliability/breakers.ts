import type { Gateway } from './infra.js';
import { graphql } from './traffic.js';

/** Breaker transitions of one provider, over every replica. */
export interface BreakerHistory {
  opened: number;
  closed: number;
  /** ms (performance.now) of each transition to `closed`, on any replica. */
  closedAt: number[];
  openedAt: number[];
}

/** Polls `health` on each replica directly (not through HAProxy) and records breaker changes. */
export interface BreakerWatch {
  readonly history: Map<string, BreakerHistory>;
  /** The last state seen, by `<replica>/<provider>`. */
  readonly last: Map<string, string>;
  stop(): Promise<void>;
}

const HEALTH = '{ health { providers { name breaker } } }';

/** Starts polling every `everyMs`; a replica that does not answer (killed) is skipped that round. */
export function watchBreakers(
  gateways: readonly Gateway[],
  headers: Record<string, string>,
  everyMs = 250,
): BreakerWatch {
  const history = new Map<string, BreakerHistory>();
  const last = new Map<string, string>();
  let stopped = false;
  const poll = async (gateway: Gateway) => {
    const res = await graphql<{ health: { providers: Array<{ name: string; breaker: string }> } }>(
      new URL(`${gateway.url}/graphql`),
      HEALTH,
      headers,
    );
    const now = performance.now();
    for (const { name, breaker } of res.data?.health.providers ?? []) {
      const key = `${gateway.name}/${name}`;
      const before = last.get(key) ?? 'closed';
      last.set(key, breaker);
      if (before === breaker) continue;
      const entry = history.get(name) ?? { opened: 0, closed: 0, closedAt: [], openedAt: [] };
      if (breaker === 'open' && before !== 'open') {
        entry.opened++;
        entry.openedAt.push(now);
      }
      if (breaker === 'closed') {
        entry.closed++;
        entry.closedAt.push(now);
      }
      history.set(name, entry);
    }
  };
  const loop = (async () => {
    while (!stopped) {
      await Promise.all(gateways.map((g) => poll(g).catch(() => {})));
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    history,
    last,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
