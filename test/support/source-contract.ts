import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createMemoryCache } from '../../src/cache/memory.js';
import type { Cache } from '../../src/cache/types.js';
import type { ProviderEmulator } from '../../src/emulator/server.js';
import { ErrorCode, isGatewayError } from '../../src/errors.js';
import type { Source } from '../../src/sources/types.js';
import { startTestEmulator } from './emulator.js';

export interface SourceContractCase<K, V> {
  /** Emulated provider whose calls are counted and faulted (e.g. `open-meteo`). */
  provider: string;
  /** Builds the adapter against the emulator, with the given cache. */
  create(parts: { emulator: ProviderEmulator; cache: Cache }): Source<K, V>;
  /** At least two keys the emulator has data for. */
  present: K[];
  /** A key the adapter must fail on its own (the provider's not-found answer, or a bad key). */
  missing: K;
  /** The code expected in the slot of `missing`; NOT_FOUND unless the provider has none. */
  missingCode?: ErrorCode;
  /** True when `value` is the answer for `key` (checks order). */
  matches(key: K, value: V): boolean;
}

/**
 * The DataLoader contract every source adapter honours, run against the provider emulator:
 * same length and order as the keys, an Error per missing key, no rejection on partial or total
 * upstream failure, and a cache hit (no upstream call) on the second identical load.
 */
export function describeSourceContract<K, V>(contract: SourceContractCase<K, V>): void {
  describe(`source contract: ${contract.provider}`, () => {
    let emulator: ProviderEmulator;
    before(async () => {
      emulator = await startTestEmulator();
    });
    after(() => emulator.close());
    beforeEach(() => {
      emulator.clearFaults();
      emulator.resetCalls();
    });
    const fresh = () =>
      contract.create({ emulator, cache: createMemoryCache({ maxEntries: 1000 }) });

    it('answers in the order of the keys, same length', async () => {
      const keys = [...contract.present].reverse();
      const results = await fresh().loadMany(keys);
      assert.equal(results.length, keys.length);
      results.forEach((value, i) => {
        assert.ok(!(value instanceof Error), `slot ${i} failed: ${String(value)}`);
        assert.ok(contract.matches(keys[i] as K, value as V), `slot ${i} answers another key`);
      });
    });

    it('puts an Error in the slot of a missing key and answers the others', async () => {
      const keys = [contract.present[0] as K, contract.missing, contract.present[1] as K];
      const results = await fresh().loadMany(keys);
      assert.equal(results.length, 3);
      assert.ok(!(results[0] instanceof Error));
      assert.ok(isGatewayError(results[1]), 'missing key gives a GatewayError');
      assert.equal(results[1].code, contract.missingCode ?? ErrorCode.NOT_FOUND);
      assert.ok(!(results[2] instanceof Error));
    });

    it('does not reject when the provider fails: every slot holds an upstream Error', async () => {
      emulator.inject(contract.provider, {
        fault: {
          kind: 'respond',
          response: { status: 500, body: 'oops', contentType: 'text/plain' },
        },
      });
      const results = await fresh().loadMany(contract.present);
      assert.equal(results.length, contract.present.length);
      for (const value of results) {
        assert.ok(isGatewayError(value));
        assert.equal(value.code, ErrorCode.UPSTREAM_UNAVAILABLE);
      }
    });

    it('serves the second identical load from the cache', async () => {
      const source = fresh();
      await source.loadMany(contract.present);
      const first = emulator.calls(contract.provider);
      assert.ok(first > 0, 'the first load reached the provider');
      const again = await source.loadMany(contract.present);
      assert.equal(emulator.calls(contract.provider), first, 'no upstream call on the second load');
      assert.ok(again.every((value) => !(value instanceof Error)));
    });

    it('fetches a repeated key once', async () => {
      const key = contract.present[0] as K;
      await fresh().loadMany([key]);
      const once = emulator.calls(contract.provider);
      emulator.resetCalls();
      const results = await fresh().loadMany([key, key, key]);
      assert.equal(results.length, 3);
      assert.equal(emulator.calls(contract.provider), once);
    });
  });
}
