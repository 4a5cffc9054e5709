import {
  isSpanContextValid,
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
  type Context as OtelContext,
  type Span as OtelSpan,
} from '@opentelemetry/api';
import { redactPii } from '../gates/pii.js';
import { requestTraceId } from '../observability/trace-id.js';
import type { Attribute, Span, Trace } from './types.js';

type AttributeValue = string | number | boolean | null | undefined;

/** Where a span is started: the tracer for a root span, a span for its children. */
export interface SpanParent {
  /** Records `fn` as a span under this parent; the span fails if `fn` throws. */
  run<T>(name: string, fn: (span: ActiveSpan) => Promise<T> | T): Promise<T>;
}

/** A span being recorded: attributes may be added until it ends; `run` starts a child. */
export interface ActiveSpan extends SpanParent {
  readonly id: string;
  set(key: string, value: AttributeValue): void;
  fail(message: string): void;
}

/**
 * Records the span tree of one request, in milliseconds from its start. `run` starts a root span;
 * children are started from their parent (`span.run`), so the tree follows the code and needs no
 * async context: an `AsyncLocalStorage` taxes every promise of the process once it has run, and
 * with tracing off Sluice runs none (see docs/BENCHMARKS.md).
 */
export interface Tracer extends SpanParent {
  readonly traceId: string;
  /** The finished tree; spans still open are closed at the time of the call. */
  finish(): Trace;
}

const otelTracer = trace.getTracer('sluice');

/** Attributes that may carry a user's words: PII is redacted before they leave the process. */
const FREE_TEXT = new Set(['plan', 'error']);

/** Milliseconds as served: hundredths, not the float noise of `performance.now()` differences. */
export const roundMs = (ms: number) => Math.round(ms * 100) / 100;

/** `source weather:Osaka` → `source weather`: span names stay low-cardinality and free of user text. */
const otelName = (name: string) => name.split(':')[0] ?? name;

/**
 * Creates a request's tracer. Given an OpenTelemetry context (`otel`: the operation's span, when
 * tracing) it takes that trace's id and mirrors every span (name, attributes, status) as a real OTel
 * span under it, so the pipeline's stages show up in the exported trace; without the SDK the OTel
 * calls are no-ops.
 */
export function createTracer(
  traceId?: string,
  otel: OtelContext = ROOT_CONTEXT,
  now = () => performance.now(),
): Tracer {
  const treeTraceId = traceId ?? requestTraceId(otel);
  const started = now();
  const spans: Array<Span & { open: boolean }> = [];
  let counter = 0;

  /**
   * The OpenTelemetry mirror is started under its parent's context, passed down as the spans nest
   * (no async context: see `Tracer`); without the SDK it is a no-op.
   */
  const run = <T>(
    name: string,
    fn: (span: ActiveSpan) => Promise<T> | T,
    parentId: string | null,
    parent: OtelContext,
  ): Promise<T> =>
    record(name, fn, otelTracer.startSpan(otelName(name), undefined, parent), parent, parentId);

  async function record<T>(
    name: string,
    fn: (span: ActiveSpan) => Promise<T> | T,
    otelSpan: OtelSpan,
    parent: OtelContext,
    parentId: string | null,
  ): Promise<T> {
    const id = (++counter).toString(16).padStart(16, '0');
    const entry: Span & { open: boolean } = {
      id,
      parentId,
      name,
      startMs: roundMs(now() - started),
      durationMs: 0,
      status: 'OK',
      attributes: [],
      open: true,
    };
    spans.push(entry);
    const mirrored = otelSpan.isRecording();
    // Children go under this span, recorded or not (a sampled-out trace keeps its id); without the
    // SDK the span is invalid and the parent's context serves.
    const otelContext = isSpanContextValid(otelSpan.spanContext())
      ? trace.setSpan(parent, otelSpan)
      : parent;
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
      run: (child, childFn) => run(child, childFn, id, otelContext),
    };
    try {
      return await fn(active);
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
    traceId: treeTraceId,
    run: (name, fn) => run(name, fn, null, otel),
    finish() {
      const end = now() - started;
      for (const span of spans) if (span.open) span.durationMs = roundMs(end - span.startMs);
      return {
        traceId: treeTraceId,
        durationMs: roundMs(end),
        spans: spans.map(({ open: _open, ...span }) => span),
      };
    },
  };
}
