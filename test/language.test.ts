import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fmix32, fnv1a, hashString, seededRandom } from '../src/language/hash.js';
import { normaliseForScreening } from '../src/language/screening.js';
import {
  contentWords,
  names,
  normalise,
  splitSentences,
  stem,
  tokenize,
  tokenizeWithParts,
} from '../src/language/text.js';

/** The text toolkit every reader of text shares (issue 8): tested once, here. */
describe('language toolkit', () => {
  it('tokenizes words of any script, drops possessives, joins initialisms', () => {
    assert.deepEqual(tokenize("Søren's café in the U.S. sold 10,000 東京 tickets"), [
      'søren',
      'cafe',
      'in',
      'the',
      'us',
      'sold',
      '10',
      '000',
      '東京',
      'tickets',
    ]);
  });

  it('adds identifier parts and joins digit groups for tokenizeWithParts', () => {
    assert.deepEqual(tokenizeWithParts('exchangeRate OpenAI 10,000'), [
      'exchangerate',
      'exchange',
      'rate',
      'openai',
      'open',
      'ai',
      '10000',
    ]);
  });

  it('stems inflections to one form, and leaves short words and numbers alone', () => {
    for (const [a, b] of [
      ['caches', 'cached'],
      ['limits', 'limit'],
      ['queries', 'query'],
      ['running', 'run'],
      ['directed', 'direct'],
      ['titles', 'title'],
    ])
      assert.equal(stem(a as string), stem(b as string), `${a} / ${b}`);
    assert.equal(stem('gas'), 'gas');
    assert.equal(stem('2024s'), '2024s');
  });

  it('content words drop stopwords and bare numbers; names are capitalised runs', () => {
    assert.deepEqual(contentWords('What is the price of 10 Apple shares?'), [
      'pric',
      'appl',
      'shar',
    ]);
    assert.deepEqual(names('The Province of Buenos Aires met Jørgen in apiKeyInvalid'), [
      'Province of Buenos Aires',
      'Jørgen',
    ]);
  });

  it('normalises quotes, dashes and diacritics, and splits sentences past abbreviations', () => {
    assert.equal(normalise('“Crème” – ok'), '"Creme" - ok');
    assert.deepEqual(splitSentences('Dr. Smith arrived at 3.5 p.m. today. He left.'), [
      'Dr. Smith arrived at 3.5 p.m. today.',
      'He left.',
    ]);
  });

  it('undoes screening obfuscation: homoglyphs, zero-width characters, leetspeak, spacing', () => {
    assert.equal(normaliseForScreening('Ｉg\u200bn0r3  ТНE   rules'), 'ignore the rules');
  });

  it('hashes stably and draws a seeded sequence', () => {
    assert.equal(fnv1a('sluice'), fnv1a('sluice'));
    assert.equal(hashString('sluice'), fmix32(fnv1a('sluice')));
    assert.notEqual(hashString('sluice'), hashString('sluicf'));
    const a = seededRandom(7);
    const b = seededRandom(7);
    const draws = Array.from({ length: 5 }, () => a());
    assert.deepEqual(
      draws,
      Array.from({ length: 5 }, () => b()),
    );
    assert.ok(draws.every((x) => x >= 0 && x < 1));
  });
});
