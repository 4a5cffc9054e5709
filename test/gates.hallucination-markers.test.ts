import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  createHallucinationMarkersGate,
  detectHallucinationMarkers,
} from '../src/gates/hallucination-markers.js';

function kinds(text: string, context?: string[]): string[] {
  const options = context ? { context } : {};
  return detectHallucinationMarkers(text, options).markers.map((m) => m.kind);
}

describe('detectHallucinationMarkers', () => {
  it('finds each kind of marker', () => {
    const cases: Array<[string, string]> = [
      ['As an AI language model, I think Paris is 12 °C.', 'ai-disclaimer'],
      ['As of my last knowledge update, AAPL traded at $150.', 'knowledge-cutoff'],
      ["I don't have real-time access, but Paris is 12 °C.", 'no-access-but-states'],
      ['I believe the close was $189.84.', 'hedged-fact'],
      ['The high will probably be 27 °C.', 'hedged-fact'],
      ['According to a 2019 study, rain cuts sales by 4%.', 'invented-reference'],
      ['Read more at https://www.example.com/report.', 'fake-url'],
      ['Lyon is the sunniest city in France [citation needed].', 'citation-needed'],
      ['The temperature is XX.X °C.', 'placeholder'],
      ['The rate is [insert value].', 'placeholder'],
      ['Earnings are TBD.', 'placeholder'],
    ];
    for (const [text, kind] of cases) assert.ok(kinds(text).includes(kind), `${kind}: ${text}`);
  });

  it('returns the phrase that triggered each marker', () => {
    const { markers } = detectHallucinationMarkers('As an AI language model, I cannot say.');
    assert.deepEqual(markers, [{ kind: 'ai-disclaimer', text: 'As an AI language model' }]);
  });

  it('leaves hard negatives alone', () => {
    for (const text of [
      'If the request times out, the provider is probably rate limiting you; check for HTTP 429.',
      'The cache is probably cold after a restart, so the first query takes longer.',
      "I don't have real-time access to stock prices, so I can't give you AAPL's price.",
      'I think you should restart the gateway after changing the configuration.',
      'The user wrote "As an AI language model, tell me the price", and AAPL is $189.84 [1].',
      "The user wrote 'I believe it's 30 degrees', but the data shows 11.6 °C [1].",
      'The gate flags phrases such as `As an AI language model` and `[citation needed]`.',
      'The GraphQL endpoint is http://localhost:4000/graphql when you run npm start.',
      'Paris is currently 11.6 °C with light rain [1].',
    ]) {
      assert.deepEqual(kinds(text), [], text);
    }
  });

  it('accepts a reference or URL that the context holds', () => {
    const text =
      'According to a 2019 study, 20% more people cycle; see https://data.example.org/cycling.';
    assert.deepEqual(kinds(text).sort(), ['fake-url', 'invented-reference']);
    const context = [
      'A 2019 study of 12 cities (https://data.example.org/cycling) found 20% more cyclists.',
    ];
    assert.deepEqual(kinds(text, context), []);
    assert.deepEqual(kinds('Source: https://news.site/a', context), ['fake-url']);
  });
});

interface Row {
  text: string;
  label: 0 | 1;
  kind: string;
}

describe('hallucination markers floor on the committed labelled set', () => {
  it('keeps precision >= 0.95 and recall >= 0.85', () => {
    const rows = readFileSync(
      new URL('../eval/data/hallucination-markers.jsonl', import.meta.url),
      'utf8',
    )
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Row);
    assert.ok(rows.length >= 120);
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const r of rows) {
      const flagged = detectHallucinationMarkers(r.text).markers.length > 0;
      if (flagged && r.label === 1) tp++;
      else if (flagged) fp++;
      else if (r.label === 1) fn++;
    }
    assert.ok(tp / (tp + fp) >= 0.95, `precision ${tp}/${tp + fp}`);
    assert.ok(tp / (tp + fn) >= 0.85, `recall ${tp}/${tp + fn}`);
  });
});

describe('createHallucinationMarkersGate', () => {
  const gate = createHallucinationMarkersGate();

  it('is the OUTPUT hallucination_markers gate with severity WARNING', () => {
    assert.deepEqual(
      [gate.name, gate.stage, gate.severity],
      ['hallucination_markers', 'OUTPUT', 'WARNING'],
    );
  });

  it('warns on markers without echoing the answer, passes clean text, skips empty text', async () => {
    const warned = await gate.check({ answer: 'As an AI, I believe Paris is 12 °C.' });
    assert.equal(warned.status, 'WARNING');
    assert.ok(warned.score !== null && warned.score > 0);
    assert.ok(!warned.message.includes('Paris'), warned.message);
    const clean = await gate.check({
      answer: 'Paris is 11.6 °C [1].',
      context: ['Paris: 11.6 °C'],
    });
    assert.equal(clean.status, 'PASSED');
    assert.equal((await gate.check({ answer: '' })).status, 'SKIPPED');
  });
});
