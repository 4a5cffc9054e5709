import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { ProviderEmulator } from '../src/emulator/server.js';
import { AnswerDocument, type AnswerQuery } from '../src/client/index.js';
import { startTestEmulator } from './support/emulator.js';
import { startTestGateway, useGateways, type TestGateway } from './support/gateway.js';

type Answer = NonNullable<AnswerQuery['answer']>;
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The pinned prices, per 1M tokens, written out here so the ledger is checked independently. */
const PRICE = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
} as const;

async function ask(
  gateway: TestGateway,
  question: string,
  options?: Record<string, unknown>,
): Promise<Answer> {
  const { data, errors } = await gateway.execute(AnswerDocument, { question, options });
  assert.equal(errors, undefined, JSON.stringify(errors));
  assert.ok(data?.answer);
  return data.answer;
}

const llmItem = (answer: Answer) => answer.cost.items.find((i) => i.kind === 'LLM');
const attribute = (answer: Answer, span: string, key: string) =>
  answer.trace.spans.find((s) => s.name === span)?.attributes.find((a) => a.key === key)?.value;

describe('answer with an OpenAI-compatible server (the real openai SDK against the emulator)', () => {
  const fixture = useGateways({
    env: {
      OPENAI_API_KEY: 'sk-test-1234',
      ALLOWED_MODELS: 'gpt-4o',
    },
  });
  let emulator: ProviderEmulator;
  let gateway: TestGateway;
  before(() => ({ emulator, gateway } = fixture));
  beforeEach(() => emulator.clearFaults());

  it('writes a cited answer and prices the reported usage from the pinned table', async () => {
    const answer = await ask(gateway, 'What is the weather in Osaka right now?');
    assert.equal(answer.status, 'ANSWERED', answer.text);
    assert.match(answer.model, /^gpt-4o-mini/);
    assert.match(answer.text, /\[1\]/);
    const item = llmItem(answer);
    assert.ok(item && item.inputTokens > 0 && item.outputTokens > 0);
    const expected =
      (item.inputTokens * PRICE['gpt-4o-mini'].input +
        item.outputTokens * PRICE['gpt-4o-mini'].output) /
      1e6;
    assert.ok(Math.abs(item.usd - expected) < 1e-12, `${item.usd} vs ${expected}`);
    assert.ok(Math.abs(answer.cost.totalUsd - expected) < 1e-12);
    assert.equal(attribute(answer, 'synthesis llm', 'gen_ai.request.model'), 'gpt-4o-mini');
    assert.equal(
      attribute(answer, 'synthesis llm', 'gen_ai.usage.input_tokens'),
      String(item.inputTokens),
    );
    assert.equal(
      attribute(answer, 'synthesis llm', 'gen_ai.usage.output_tokens'),
      String(item.outputTokens),
    );

    const other = await ask(
      gateway,
      'What are Apple and Microsoft trading at, and any news on Nvidia?',
    );
    const otherItem = llmItem(other);
    assert.ok(otherItem);
    assert.notEqual(otherItem.inputTokens, item.inputTokens, 'usage varies with the input');
  });

  it('an EXACT hit replays the answer for nothing and reports what it saved', async () => {
    const first = await ask(gateway, 'What is the weather in Tokyo right now?');
    const again = await ask(gateway, 'What is the weather in Tokyo right now?');
    assert.equal(again.cache.hit, 'EXACT');
    assert.equal(again.cost.totalUsd, 0);
    assert.ok(first.cost.totalUsd > 0);
    assert.equal(again.cost.savedUsd, first.cost.totalUsd);
    assert.equal(again.text, first.text);
  });

  it('an allowed model is priced at its own rate; a model outside the allow-list is BAD_USER_INPUT', async () => {
    const answer = await ask(gateway, 'What is the weather in Berlin right now?', {
      model: 'gpt-4o',
      noCache: true,
    });
    const item = llmItem(answer);
    assert.ok(item);
    assert.match(item.model, /^gpt-4o/);
    const expected =
      (item.inputTokens * PRICE['gpt-4o'].input + item.outputTokens * PRICE['gpt-4o'].output) / 1e6;
    assert.ok(Math.abs(item.usd - expected) < 1e-12);
    const refused = await gateway.execute(AnswerDocument, {
      question: 'weather in Berlin',
      options: { model: 'gpt-5-ultra' },
    });
    assert.equal(refused.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });

  it('maxCostUsd below one call switches to extractive before any spend', async () => {
    const calls = emulator.calls('openai');
    const answer = await ask(gateway, 'What is the weather in Sydney right now?', {
      maxCostUsd: 0.00001,
      noCache: true,
    });
    assert.equal(answer.model, 'extractive');
    assert.equal(answer.cost.totalUsd, 0);
    assert.equal(emulator.calls('openai'), calls, 'no model call was made');
    assert.match(attribute(answer, 'synthesis llm', 'budget.refused') ?? '', /maxCostUsd/);
  });

  it('an LLM that keeps failing falls back to extractive and marks the answer DEGRADED', async () => {
    emulator.inject('openai', {
      fault: {
        kind: 'respond',
        response: { status: 500, body: '{}', contentType: 'application/json' },
      },
    });
    const answer = await ask(gateway, 'What is the weather in London right now?', {
      noCache: true,
    });
    assert.equal(answer.model, 'extractive');
    assert.equal(answer.status, 'DEGRADED');
    assert.match(answer.text, /London now: temperature/);
    // The answer says why the model did not write it, as a gate, not only in the trace.
    const synthesis = answer.gates.find((g) => g.name === 'synthesis');
    assert.equal(synthesis?.status, 'WARNING');
    assert.match(synthesis?.message ?? '', /the model failed \(UPSTREAM_/);
  });

  it('a 429 with Retry-After is retried within the deadline', async () => {
    emulator.inject('openai', {
      fault: {
        kind: 'respond',
        response: {
          status: 429,
          body: '{}',
          contentType: 'application/json',
          headers: { 'retry-after': '0' },
        },
      },
      times: 1,
    });
    const answer = await ask(gateway, 'What is the weather in Paris right now?', { noCache: true });
    assert.match(answer.model, /^gpt-4o-mini/);
    assert.equal(llmItem(answer)?.calls, 2);
  });

  it('a model answer that fails grounding never ships: the extractive answer replaces it', async () => {
    const answer = await ask(gateway, 'What is the weather in Osaka now? EMULATE_HALLUCINATION', {
      noCache: true,
    });
    assert.equal(answer.model, 'extractive');
    assert.equal(answer.status, 'DEGRADED');
    // The gate the model's text failed reads FAILED, and says what replaced it.
    const grounding = answer.gates.find((g) => g.name === 'grounding');
    assert.equal(grounding?.status, 'FAILED');
    assert.match(grounding?.message ?? '', /the extractive answer \(passed\) replaced it/);
    const synthesis = answer.gates.find((g) => g.name === 'synthesis');
    assert.match(synthesis?.message ?? '', /the model's answer failed grounding/);
    assert.ok(llmItem(answer), 'the rejected call is still on the bill');
  });
});

describe('daily budget shared by replicas through Redis', () => {
  let emulator: ProviderEmulator;
  const gateways: TestGateway[] = [];
  before(async () => {
    emulator = await startTestEmulator();
  });
  after(async () => {
    await Promise.all(gateways.map((g) => g.close()));
    await emulator.close();
  });

  it('a spend on one replica counts on the other, and the limit is never crossed', async () => {
    const question = 'What is the weather in Perth right now?';
    // Measure what one call may cost (its projected worst case) on an unlimited gateway.
    const probe = await startTestGateway(emulator, { OPENAI_API_KEY: 'sk-test' });
    gateways.push(probe);
    const probed = await ask(probe, question, { noCache: true });
    const projected = Number(attribute(probed, 'synthesis llm', 'budget.projected_usd'));
    const spent = probed.cost.totalUsd;
    assert.ok(projected > 0 && spent > 0);

    const env = {
      OPENAI_API_KEY: 'sk-test',
      REDIS_URL,
      REDIS_NAMESPACE: `sluice-test-${randomUUID()}`,
      // Room for one call's worst case and half another's spend: the live values in the context
      // (and so the projection) may differ by a token between calls, a spend never by half.
      DAILY_BUDGET_USD: String(projected + spent / 2),
    };
    const a = await startTestGateway(emulator, env);
    const b = await startTestGateway(emulator, env);
    gateways.push(a, b);
    const first = await ask(a, question, { noCache: true });
    assert.match(first.model, /^gpt-4o-mini/, 'one call fits the budget');
    assert.ok(first.cost.totalUsd > 0 && first.cost.totalUsd <= projected + spent / 2);
    const second = await ask(b, question, { noCache: true });
    assert.equal(
      second.model,
      'extractive',
      'the other replica sees the spend and does not cross the limit',
    );
    assert.match(attribute(second, 'synthesis llm', 'budget.refused') ?? '', /daily budget/);
  });
});
