import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createInputLengthGate, inspectInput } from '../src/gates/input-length.js';

describe('inspectInput', () => {
  it('accepts ordinary questions in any script, with emoji and line breaks', () => {
    for (const text of [
      'Will it rain in Dublin tomorrow?',
      'EURUSD=X and BTC-USD, please',
      '大阪の明日の天気は？',
      'Погода в Москве 🌧️\nна завтра',
      'C++?',
    ])
      assert.equal(inspectInput(text), null, text);
  });

  it('measures length in code points of the trimmed text, against 3..500 by default', () => {
    assert.deepEqual(inspectInput('a'.repeat(501)), { kind: 'too_long', length: 501, max: 500 });
    assert.equal(inspectInput(`  ${'a'.repeat(500)}  `), null);
    assert.equal(inspectInput('天'.repeat(500)), null);
    assert.deepEqual(inspectInput(' hi '), { kind: 'too_short', length: 2, min: 3 });
    assert.deepEqual(inspectInput('abcdef', { maxChars: 5 }), {
      kind: 'too_long',
      length: 6,
      max: 5,
    });
  });

  it('rejects control characters and bidi overrides but not tabs or newlines', () => {
    assert.deepEqual(inspectInput('weather\u0000 in Rome'), { kind: 'control_characters' });
    assert.deepEqual(inspectInput('price of \u202eLPAA'), { kind: 'control_characters' });
    assert.equal(inspectInput('weather\tin\r\nRome'), null);
  });

  it('rejects unpaired surrogates', () => {
    assert.deepEqual(inspectInput('weather \uD83D in Rome'), { kind: 'unpaired_surrogate' });
    assert.deepEqual(inspectInput('weather \uDE00 in Rome'), { kind: 'unpaired_surrogate' });
  });

  it('rejects text that is mostly symbols', () => {
    const problem = inspectInput('$$$ !!! ??? ### weather');
    assert.equal(problem?.kind, 'mostly_symbols');
    assert.equal(inspectInput('What is the EUR/USD rate (today)?'), null);
  });

  it('measures the share of symbols per code point, in any script', () => {
    // As first written: one regex test per code point of the text.
    const reference = (text: string) => {
      const visible = [...text].filter((ch) => !/\s/u.test(ch));
      const symbols = visible.filter((ch) => !/[\p{L}\p{M}\p{N}]/u.test(ch)).length;
      return { visible: visible.length, share: symbols / visible.length };
    };
    const pool = [...'aZ9 é\u0301天気🌧️$€%/?!\t\n\u00a0\u3000Ж٣'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let measured = 0;
    for (let i = 0; i < 500; i++) {
      const length = 5 + Math.floor(next() * 40);
      const text = Array.from({ length }, () => pool[Math.floor(next() * pool.length)]).join('');
      const { visible, share } = reference(text);
      const problem = inspectInput(text, { maxSymbolShare: 0, minChars: 0 });
      if (visible < 10 || share === 0) assert.equal(problem, null, text);
      else {
        assert.deepEqual(problem, { kind: 'mostly_symbols', share }, text);
        measured += 1;
      }
    }
    assert.ok(measured > 300, `${measured} texts measured`);
  });
});

describe('input_length gate', () => {
  it('is the ERROR-severity INPUT gate named input_length', () => {
    const gate = createInputLengthGate();
    assert.deepEqual([gate.name, gate.stage, gate.severity], ['input_length', 'INPUT', 'ERROR']);
  });

  it('fails with a client-safe message for each problem, and passes a good question', async () => {
    const gate = createInputLengthGate({ maxChars: 20, minChars: 3 });
    const cases: Array<[string, RegExp]> = [
      ['x'.repeat(21), /too long \(21 characters, at most 20\)/],
      ['ab', /too short \(2 characters, at least 3\)/],
      ['a\u0007bc', /control characters/],
      ['ab\uD800c', /unpaired surrogate/],
      ['@@@@ #### !!!! a', /mostly symbols/],
    ];
    for (const [text, message] of cases) {
      const result = await gate.check(text);
      assert.equal(result.status, 'FAILED', text);
      assert.match(result.message, message);
    }
    assert.equal((await gate.check('Rain in Oslo?')).status, 'PASSED');
  });
});
