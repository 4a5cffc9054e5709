import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { contextSlot } from '../src/context-slot.js';

describe('context slots', () => {
  const a = contextSlot<string>('a');
  const b = contextSlot<number>('b');

  it('carry a value across awaits and timers into everything a callback starts', async () => {
    const seen = await a.run('outer', async () => {
      await sleep(1);
      const inTimer = await new Promise<string | undefined>((resolve) =>
        setTimeout(() => resolve(a.get()), 1),
      );
      return [a.get(), inTimer];
    });
    assert.deepEqual(seen, ['outer', 'outer']);
    assert.equal(a.get(), undefined);
  });

  it('are independent: a run of one keeps the others, and undefined hides only its own', async () => {
    await a.run('x', () =>
      b.run(1, async () => {
        assert.deepEqual([a.get(), b.get()], ['x', 1]);
        await a.run(undefined, async () => {
          await sleep(1);
          assert.deepEqual([a.get(), b.get()], [undefined, 1]);
        });
        assert.deepEqual([a.get(), b.get()], ['x', 1]);
      }),
    );
  });

  it('nest, restore on return or throw, and never leak between parallel branches', async () => {
    const branch = (value: string) =>
      a.run(value, async () => {
        await sleep(value === 'first' ? 5 : 1);
        return a.get();
      });
    await a.run('outer', async () => {
      assert.deepEqual(await Promise.all([branch('first'), branch('second')]), ['first', 'second']);
      assert.equal(a.get(), 'outer');
      assert.throws(() =>
        a.run('inner', () => {
          throw new Error('boom');
        }),
      );
      assert.equal(a.get(), 'outer');
    });
  });
});
