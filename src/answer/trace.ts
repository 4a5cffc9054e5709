import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import type { Attribute, Span, Trace } from './types.js';

type AttributeValue = string | number | boolean | null | undefined;

/** A span being recorded: attributes may be added until it ends. */
export interface ActiveSpan {
  readonly id: string;
  set(key: string, value: AttributeValue): void;
  fail(message: string): void;
}

/**
 * Records the span tree of one request, in milliseconds from its start. `run` nests: a span
 * started anywhere inside another's callback (across awaits, in parallel branches) is its child,
 * tracked through AsyncLocalStorage.
 */
export interface Tracer {
  readonly traceId: string;
  run<T>(name: string, fn: (span: ActiveSpan) => Promise<T> | T): Promise<T>;
  /** The finished tree; spans still open are closed at the time of the call. */
  finish(): Trace;
}

export function createTracer(
  traceId = randomBytes(16).toString('hex'),
  now = () => performance.now(),
): Tracer {
  const started = now();
  const spans: Array<Span & { open: boolean }> = [];
  let counter = 0;
  const current = new AsyncLocalStorage<ActiveSpan>();

  return {
    traceId,
    async run(name, fn) {
      const id = (++counter).toString(16).padStart(16, '0');
      const record: Span & { open: boolean } = {
        id,
        parentId: current.getStore()?.id ?? null,
        name,
        startMs: now() - started,
        durationMs: 0,
        status: 'OK',
        attributes: [],
        open: true,
      };
      spans.push(record);
      const active: ActiveSpan = {
        id,
        set(key, value) {
          if (value === undefined || value === null) return;
          const existing = record.attributes.find((a) => a.key === key);
          const attribute: Attribute = { key, value: String(value) };
          if (existing) existing.value = attribute.value;
          else record.attributes.push(attribute);
        },
        fail(message) {
          record.status = 'ERROR';
          active.set('error', message);
        },
      };
      try {
        return await current.run(active, () => fn(active));
      } catch (error) {
        active.fail(error instanceof Error ? error.message : String(error));
        throw error;
      } finally {
        record.durationMs = now() - started - record.startMs;
        record.open = false;
      }
    },
    finish() {
      const end = now() - started;
      for (const span of spans) if (span.open) span.durationMs = end - span.startMs;
      return {
        traceId,
        durationMs: end,
        spans: spans.map(({ open: _open, ...span }) => span),
      };
    },
  };
}
