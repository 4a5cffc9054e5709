import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode, GatewayError, notCovered, notFound } from '../src/errors.js';
import { createFallbackChain } from '../src/sources/chain.js';
import type { Source } from '../src/sources/types.js';

/** A scripted provider: answers from a table, records the keys it was asked. */
function scripted(name: string, table: Record<string, string | Error>) {
  const asked: string[][] = [];
  const source: Source<string, string> = {
    name,
    async loadMany(keys) {
      asked.push([...keys]);
      return keys.map((k) => table[k] ?? notFound(`${name} has no ${k}`, name));
    },
  };
  return { source, asked };
}

const down = (name: string) =>
  new GatewayError(ErrorCode.UPSTREAM_UNAVAILABLE, `${name} down`, { provider: name });

describe('fallback chain', () => {
  it('sends only the keys the first provider failed to the next, and keeps order', async () => {
    const first = scripted('a', { x: 'a:x', y: down('a'), z: 'a:z' });
    const second = scripted('b', { y: 'b:y' });
    const chain = createFallbackChain('c', [first.source, second.source]);
    assert.deepEqual(await chain.loadMany(['x', 'y', 'z']), ['a:x', 'b:y', 'a:z']);
    assert.deepEqual(second.asked, [['y']]);
  });

  it('asks nobody else when the first provider answers every key', async () => {
    const first = scripted('a', { x: 'a:x', y: 'a:y' });
    const second = scripted('b', { x: 'b:x', y: 'b:y' });
    const chain = createFallbackChain('c', [first.source, second.source]);
    assert.deepEqual(await chain.loadMany(['x', 'y']), ['a:x', 'a:y']);
    assert.deepEqual(first.asked, [['x', 'y']]);
    assert.deepEqual(second.asked, []);
  });

  it('stops on NOT_FOUND: an answer, not a failure', async () => {
    const first = scripted('a', {});
    const second = scripted('b', { x: 'b:x' });
    const [result] = await createFallbackChain('c', [first.source, second.source]).loadMany(['x']);
    assert.ok(result instanceof GatewayError && result.code === ErrorCode.NOT_FOUND);
    assert.deepEqual(second.asked, []);
  });

  it('passes on a key the first provider does not cover', async () => {
    const first = scripted('a', { x: notCovered('a covers no x', 'a') });
    const second = scripted('b', { x: 'b:x' });
    assert.deepEqual(
      await createFallbackChain('c', [first.source, second.source]).loadMany(['x']),
      ['b:x'],
    );
  });

  it('keeps the last provider error when every provider fails', async () => {
    const chain = createFallbackChain('c', [
      scripted('a', { x: down('a') }).source,
      scripted('b', { x: down('b') }).source,
    ]);
    const [result] = await chain.loadMany(['x']);
    assert.ok(result instanceof GatewayError);
    assert.equal(result.provider, 'b');
    assert.equal(result.code, ErrorCode.UPSTREAM_UNAVAILABLE);
    // The message names the outcome at every provider, not only the last one's.
    assert.equal(result.message, 'a down; b down');
  });

  it('names the provider of a failure whose message does not', async () => {
    const timeout = new GatewayError(ErrorCode.UPSTREAM_TIMEOUT, 'Timed out after 1000 ms', {
      provider: 'yahoo',
    });
    const chain = createFallbackChain('c', [
      scripted('yahoo', { x: timeout }).source,
      scripted('stooq', { x: down('stooq') }).source,
    ]);
    const [result] = await chain.loadMany(['x']);
    assert.ok(result instanceof GatewayError);
    assert.equal(result.message, 'yahoo: Timed out after 1000 ms; stooq down');
  });

  it('leaves a single failure as it is', async () => {
    const [result] = await createFallbackChain('c', [
      scripted('a', { x: down('a') }).source,
    ]).loadMany(['x']);
    assert.ok(result instanceof GatewayError);
    assert.equal(result.message, 'a down');
  });

  it('refuses an empty chain', () => {
    assert.throws(() => createFallbackChain('c', []), TypeError);
  });
});
