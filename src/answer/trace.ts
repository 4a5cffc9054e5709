import { randomBytes } from 'node:crypto';
import { SpanStatusCode, trace, type Span as OtelSpan } from '@opentelemetry/api';
import { contextSlot } from '../context-slot.js';
import { redactPii } from '../gates/pii.js';
import { activeTraceId } from '../observability/trace-id.js';
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
 * tracked through a context slot.
 */
export interface Tracer {
  readonly traceId: string;
  run<T>(name: string, fn: (span: ActiveSpan) => Promise<T> | T): Promise<T>;
  /** The finished tree; spans still open are closed at the time of the call. */
  finish(): Trace;
}

const otelTracer = trace.getTracer('sluice');

/**
 * The span a callback runs in, for every tracer of the process. One slot, not one per tracer: a
 * storage per request once slowed every request by every answer ever given (see context-slot.ts).
 */
const currentSpan = contextSlot<OpenSpan>('span');

/** The spans a callback runs inside, innermost first: a tracer's parent is its own nearest one. */
interface OpenSpan {
  tracer: object;
  id: string;
  outer: OpenSpan | undefined;
}
/** Attributes that may carry a user's words: PII is redacted before they leave the process. */
const FREE_TEXT = new Set(['plan', 'error']);

/** Milliseconds as served: hundredths, not the float noise of `performance.now()` differences. */
export const roundMs = (ms: number) => Math.round(ms * 100) / 100;

/** `source weather:Osaka` → `source weather`: span names stay low-cardinality and free of user text. */
const otelName = (name: string) => name.split(':')[0] ?? name;

/**
 * Creates a request's tracer. Inside an OpenTelemetry trace it takes that trace's id and mirrors
 * every span (name, attributes, status) as a real OTel span, so the pipeline's stages show up in
 * the exported trace; without the SDK the OTel calls are no-ops.
 */
export function createTracer(
  traceId = activeTraceId() ?? randomBytes(16).toString('hex'),
  now = () => performance.now(),
): Tracer {
  const started = now();
  const spans: Array<Span & { open: boolean }> = [];
  let counter = 0;
  const owner = {}; // tells this tracer's spans from another's running around it
  const parentOf = () => {
    let open = currentSpan.get();
    while (open && open.tracer !== owner) open = open.outer;
    return open?.id ?? null;
  };

  async function record<T>(
    name: string,
    fn: (span: ActiveSpan) => Promise<T> | T,
    otelSpan: OtelSpan,
  ): Promise<T> {
    const id = (++counter).toString(16).padStart(16, '0');
    const entry: Span & { open: boolean } = {
      id,
      parentId: parentOf(),
      name,
      startMs: roundMs(now() - started),
      durationMs: 0,
      status: 'OK',
      attributes: [],
      open: true,
    };
    spans.push(entry);
    const mirrored = otelSpan.isRecording();
    const active: ActiveSpan = {
      id,
      set(key, value) {
        if (value === undefined || value === null) return;
        const existing = entry.attributes.find((a) => a.key === key);
        const attribute: Attribute = { key, value: String(value) };
        if (existing) existing.value = attribute.value;
        else entry.attributes.push(attribute);
        if (mirrored) {
          const text = FREE_TEXT.has(key) && typeof value === 'string';
          otelSpan.setAttribute(key, text ? redactPii(value).text : value);
        }
      },
      fail(message) {
        entry.status = 'ERROR';
        active.set('error', message);
        otelSpan.setStatus({ code: SpanStatusCode.ERROR });
      },
    };
    try {
      const open = { tracer: owner, id, outer: currentSpan.get() };
      return await currentSpan.run(open, () => fn(active));
    } catch (error) {
      active.fail(error instanceof Error ? error.message : String(error));
      throw error;
    } finally {
      entry.durationMs = roundMs(now() - started - entry.startMs);
      entry.open = false;
      otelSpan.end();
    }
  }

  return {
    traceId,
    run(name, fn) {
      return otelTracer.startActiveSpan(otelName(name), (otelSpan) => record(name, fn, otelSpan));
    },
    finish() {
      const end = now() - started;
      for (const span of spans) if (span.open) span.durationMs = roundMs(end - span.startMs);
      return {
        traceId,
        durationMs: roundMs(end),
        spans: spans.map(({ open: _open, ...span }) => span),
      };
    },
  };
}
