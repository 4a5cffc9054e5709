import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AnswerDocument } from '../src/client/index.js';
import { useGateways } from './support/gateway.js';

describe('the model endpoint behind a circuit breaker', () => {
  const fixture = useGateways({
    env: { BREAKER_MIN_REQUESTS: '2', BREAKER_FAILURE_RATIO: '0.5', RETRY_MAX_ATTEMPTS: '0' },
  });

  it('stops calling a failing endpoint: later answers fall back at once and say why', async () => {
    const { emulator, gateway } = fixture;
    emulator.inject('openai', {
      fault: {
        kind: 'respond',
        response: { status: 500, body: '{}', contentType: 'application/json' },
      },
    });
    const reasons: string[] = [];
    const callsAfter: number[] = [];
    emulator.resetCalls();
    for (const place of ['Osaka', 'London', 'Paris', 'Berlin', 'Tokyo', 'Sydney']) {
      const { data, errors } = await gateway.execute(AnswerDocument, {
        question: `What is the weather in ${place} right now?`,
        options: { noCache: true },
      });
      assert.equal(errors, undefined, JSON.stringify(errors));
      assert.equal(data?.answer?.model, 'extractive');
      assert.equal(data?.answer?.status, 'DEGRADED');
      reasons.push(data?.answer?.gates.find((g) => g.name === 'synthesis')?.message ?? '');
      callsAfter.push(emulator.calls('openai'));
    }
    const opened = callsAfter.findIndex((n, i) => i > 0 && n === callsAfter[i - 1]);
    assert.ok(opened > 0 && opened <= 3, `calls per answer: ${callsAfter.join(',')}`);
    assert.equal(callsAfter.at(-1), callsAfter[opened - 1], 'no call while the circuit is open');
    assert.match(reasons.at(-1) ?? '', /circuit is open/);
    assert.match(reasons[0] ?? '', /the model failed \(UPSTREAM_UNAVAILABLE/);
    emulator.clearFaults();
  });
});
