import { randomUUID } from 'node:crypto';
import type { Context as OtelContext } from '@opentelemetry/api';
import { badInput } from '../errors.js';
import { createContextLengthGate, fitContext } from '../gates/context-length.js';
import { createDataValidationGate, invalidReason } from '../gates/data-validation.js';
import { createFreshnessGate } from '../gates/freshness.js';
import { createInputLengthGate } from '../gates/input-length.js';
import { createRelevanceGate, isRelevant } from '../gates/relevance.js';
import type { GateResult } from '../gates/types.js';
import type { BudgetStore } from '../llm/budget.js';
import { createCostLedger, embeddingUsageInto, type CostLedger } from '../llm/ledger.js';
import type { PriceTable } from '../llm/pricing.js';
import type { LlmClient } from '../llm/types.js';
import { createLoaders } from '../loaders.js';
import type { Sources } from '../sources/index.js';
import type { UsageSink } from '../vector/embedder.js';
import { questionFeatures } from '../language/question-features.js';
import type { Logger } from '../logger.js';
import { optionsKey, planKey, type CachedAnswer, type ExactAnswerCache } from './answer-cache.js';
import type { Evidence } from './evidence.js';
import type { NumberedEvidence } from './extractive.js';
import { fanOut, tasksFor, type SourceTask } from './fan-out.js';
import type { OutputGates } from './output.js';
import { describePlan, type Router } from './router.js';
import { blockedBy, type Screener } from './screening.js';
import type { SemanticAnswerCache } from './semantic-cache/semantic-answer-cache.js';
import { findVeto, PLAN_VETOES } from './semantic-cache/semantic-vetoes.js';
import { synthesise, EXTRACTIVE } from './synthesis.js';
import { createTracer, type ActiveSpan, type Tracer } from './trace.js';
import {
  SOURCE_NAMES,
  type AnswerModel,
  type AnswerOptions,
  type AnswerStatus,
  type CacheInfo,
  type SourceCall,
} from './types.js';

export interface AnswerLimits {
  /** Overall deadline of one `answer`. */
  timeoutMs: number;
  /** Each source call's own timeout, inside the deadline. */
  sourceTimeoutMs: number;
  maxQuestionChars: number;
  maxContextChars: number;
  maxAnswerChars: number;
  /** Default and upper bound of `maxSources`. */
  maxSources: number;
  /** Passage similarity below which retrieved text is irrelevant (depends on the embedder). */
  relevanceThreshold: number;
  /** Upper bound of an answer's cache TTL; the most volatile source used bounds it further. */
  cacheTtlSeconds: number;
}

export interface AnswerServiceDeps {
  router: Router;
  /** Null without OPENAI_API_KEY / OPENAI_BASE_URL: every answer is extractive. */
  llm: LlmClient | null;
  defaultModel: string;
  /** Models `AnswerOptions.model` may name (the default is always allowed). */
  allowedModels: readonly string[];
  prices: PriceTable;
  budget: BudgetStore;
  dailyBudgetUsd: number;
  maxTokens: number;
  exactCache: ExactAnswerCache;
  semanticCache: SemanticAnswerCache;
  outputGates: OutputGates;
  /** The question and retrieval gates, shared with `screen`. */
  screener: Screener;
  limits: AnswerLimits;
  logger: Logger;
}

export interface AnswerRequest {
  question: string;
  options: AnswerOptions;
  /** The answer loads through loaders of its own, with its deadline and its ledger. */
  sources: Sources;
  /** Who pays: an API key's id, or the client IP when anonymous. */
  caller: string;
  /** The request's trace id, when the request has one (HTTP); else the tracer picks one. */
  traceId?: string;
  /** Where the pipeline's OpenTelemetry spans go, when tracing: the operation's span. */
  otel?: OtelContext;
}

export interface AnswerService {
  answer(request: AnswerRequest): Promise<AnswerModel>;
}

const REFUSAL_SCOPE =
  'I can answer questions about the weather, news, stock, crypto and currency prices, and Sluice itself; nothing relevant was found for this question.';

/** The `answer` pipeline: input gates, caches, routing, fan-out, data gates, synthesis, output gates. */
export function createAnswerService(deps: AnswerServiceDeps): AnswerService {
  const { limits } = deps;
  const inputLength = createInputLengthGate({ maxChars: limits.maxQuestionChars });
  const { screener } = deps;
  const dataValidation = createDataValidationGate();
  const freshness = createFreshnessGate();
  const relevance = createRelevanceGate({ passageThreshold: limits.relevanceThreshold });
  const contextLength = createContextLengthGate({ maxChars: limits.maxContextChars });

  function chooseModel(options: AnswerOptions): string | null {
    if (!deps.llm) return null;
    const model = options.model ?? deps.defaultModel;
    if (model !== deps.defaultModel && !deps.allowedModels.includes(model)) {
      const allowed = [deps.defaultModel, ...deps.allowedModels].join(', ');
      throw badInput(`model "${model}" is not allowed; use one of: ${allowed}`);
    }
    return model;
  }

  /**
   * A cached answer another question earned: by its plan for a data question (the same lookups,
   * so the same answer, unless a veto sees what the plan does not record), by meaning otherwise.
   */
  async function semanticLookup(
    question: string,
    byPlan: string | null,
    key: string,
    span: ActiveSpan,
    onUsage: UsageSink,
  ): Promise<{ answer: CachedAnswer; cache: CacheInfo } | undefined> {
    if (byPlan) {
      const hit = await deps.exactCache.get(byPlan, key);
      const usable =
        hit && !findVeto(questionFeatures(question), questionFeatures(hit.question), PLAN_VETOES);
      span.set('cache.hit', usable ? 'SEMANTIC' : 'NONE');
      span.set('cache.match', 'plan');
      if (!hit || !usable) return undefined;
      return {
        answer: hit,
        cache: { hit: 'SEMANTIC', similarity: 1, matchedQuestion: hit.question },
      };
    }
    const semantic = await deps.semanticCache.lookup(question, key, onUsage);
    span.set('cache.hit', semantic ? 'SEMANTIC' : 'NONE');
    span.set('cache.match', 'meaning');
    if (!semantic) return undefined;
    return {
      answer: semantic.answer,
      cache: {
        hit: 'SEMANTIC',
        similarity: semantic.similarity,
        matchedQuestion: semantic.question,
      },
    };
  }

  function checkOptions(options: AnswerOptions) {
    if ((options.sources?.length ?? 0) > SOURCE_NAMES.length * 4) {
      throw badInput(`sources takes at most ${SOURCE_NAMES.length * 4} names`);
    }
    const unknown = (options.sources ?? []).filter(
      (s) => !(SOURCE_NAMES as readonly string[]).includes(s),
    );
    if (unknown.length > 0) {
      throw badInput(`unknown source ${unknown.join(', ')}; use ${SOURCE_NAMES.join(', ')}`);
    }
    const max = options.maxSources;
    if (
      max !== null &&
      max !== undefined &&
      (!Number.isInteger(max) || max < 1 || max > limits.maxSources)
    ) {
      throw badInput(`maxSources must be an integer from 1 to ${limits.maxSources}`);
    }
    if (
      options.maxCostUsd !== null &&
      options.maxCostUsd !== undefined &&
      !(options.maxCostUsd >= 0)
    ) {
      throw badInput('maxCostUsd must be zero or more');
    }
  }

  return {
    async answer(request) {
      const { question, options } = request;
      checkOptions(options);
      const model = chooseModel(options);
      const tracer = createTracer(request.traceId, request.otel);
      const ledger = createCostLedger(deps.prices);
      const requestStart = Date.now();
      const deadline = requestStart + limits.timeoutMs;
      const base = { id: randomUUID(), question, tracer, ledger };
      // The embeddings this answer makes (semantic cache, search) are billed to its ledger.
      const onUsage = embeddingUsageInto(ledger);

      return tracer.run('answer', async (root) => {
        root.set('question.length', question.length);
        // 1. The question's bounds: bad input is an error, whatever the caches hold.
        const lengthResult = inputLength.check(question) as GateResult;
        if (lengthResult.status === 'FAILED') throw badInput(lengthResult.message);

        // 2. The exact cache: the same question, asked before. It was screened then, by the
        // same guard models (their version is in the key), so its stored verdicts are served
        // and nothing else runs: no screening, no routing, no gates.
        const key = optionsKey(options, model ?? EXTRACTIVE, screener.version);
        const cached = !options.noCache;
        if (cached) {
          const exact = await root.run('cache lookup', async (span) => {
            const hit = await deps.exactCache.get(question, key);
            span.set('cache.hit', hit ? 'EXACT' : 'NONE');
            return hit;
          });
          if (exact) {
            const cache = {
              hit: 'EXACT',
              similarity: 1,
              matchedQuestion: exact.question,
            } as const;
            return replay(base, exact, cache, null);
          }
        }

        // 3. Input gates.
        const input = await root.run('input gates', () => [
          lengthResult,
          ...screener.question(question),
        ]);
        // Refused exactly when `screen` at INPUT blocks the question.
        const refusedBy = blockedBy(input.slice(1));
        if (refusedBy) {
          const text =
            refusedBy.name === 'prompt_injection'
              ? 'This question looks like an attempt to override my instructions, so I will not answer it.'
              : 'I cannot help with this request.';
          return finish(base, { text, status: 'REFUSED', model: EXTRACTIVE, gates: input });
        }

        // 4. Routing.
        const plan = await root.run('route', async (span) => {
          const routed = await deps.router.route(question);
          span.set('plan', describePlan(routed));
          return routed;
        });
        const byPlan = planKey(plan);
        if (cached) {
          const hit = await root.run('cache lookup semantic', (span) =>
            semanticLookup(question, byPlan, key, span, onUsage),
          );
          if (hit) return replay(base, hit.answer, hit.cache, input);
        }
        // Nothing routable: the documentation may still know (relevance decides below).
        const intents =
          plan.intents.length > 0 ? plan.intents : [{ kind: 'search' as const, query: question }];
        const allowed = options.sources ? new Set(options.sources) : null;
        const maxSources = options.maxSources ?? limits.maxSources;
        const tasks: SourceTask[] = [];
        const skipped: SourceCall[] = [];
        for (const task of tasksFor(intents)) {
          if ((allowed && !allowed.has(task.source)) || tasks.length >= maxSources) {
            skipped.push({
              name: task.name,
              provider: null,
              args: task.args,
              status: 'SKIPPED',
              latencyMs: 0,
              cached: false,
              error: null,
            });
          } else tasks.push(task);
        }

        // 4. Fan-out.
        // The answer's own loaders: its sources' upstream calls, retries included, end by the
        // fan-out's deadline, and what they pay for is billed to this answer.
        const fetchDeadline = Math.min(deadline, Date.now() + limits.sourceTimeoutMs);
        const outcomes = await root.run('fetch', (fetch) =>
          fanOut(tasks, {
            loaders: createLoaders(request.sources, { onUsage, deadline: fetchDeadline }),
            parent: fetch,
            timeoutMs: limits.sourceTimeoutMs,
            deadline,
            requestStart,
          }),
        );
        const sources = [...outcomes.map((o) => o.call), ...skipped];
        let evidence: Evidence[] = outcomes.flatMap((o) => o.evidence);

        // 5. Data and retrieval gates.
        const dataGates = await root.run('data gates', () => {
          const validation = dataValidation.check({ evidence }) as GateResult;
          evidence = evidence.filter((e) => invalidReason(e) === null);
          const fresh = freshness.check({ evidence }) as GateResult;
          // Retrieved text is data: screen every passage and headline once, drop the injected.
          const retrieved = evidence.filter((e) => e.kind === 'news' || e.kind === 'search');
          const screened = screener.passages(retrieved.map((e) => e.text));
          const injected = new Set<Evidence>(retrieved.filter((_, i) => screened.injected[i]));
          evidence = evidence.filter((e) => !injected.has(e));
          const relevant = relevance.check({ evidence }) as GateResult;
          evidence = evidence.filter((e) =>
            isRelevant(e, { passageThreshold: limits.relevanceThreshold }),
          );
          const length = contextLength.check({ evidence }) as GateResult;
          evidence = fitContext(evidence, { maxChars: limits.maxContextChars });
          return [validation, fresh, ...screened.gates, relevant, length];
        });
        const gates = [...input, ...dataGates];

        if (evidence.length === 0) {
          const failed = sources.filter((s) => s.status === 'FAILED' || s.status === 'TIMEOUT');
          const text =
            failed.length > 0
              ? `I could not get the data this question needs: ${failed.map((s) => `${s.name} (${s.error ?? s.status.toLowerCase()})`).join('; ')}.`
              : REFUSAL_SCOPE;
          return finish(base, { text, status: 'REFUSED', model: EXTRACTIVE, gates, sources });
        }

        // 6. Synthesis and output gates.
        const context: NumberedEvidence[] = evidence.map((e, i) => ({
          index: i + 1,
          evidence: e,
        }));
        let synthesis = await synthesise(deps, {
          question,
          context,
          model,
          caller: request.caller,
          maxCostUsd: options.maxCostUsd ?? null,
          deadline: deadline - 250,
          ledger,
          parent: root,
        });
        let output = await root.run('output gates', (span) =>
          deps.outputGates.check({
            question,
            text: synthesis.text,
            context,
            parent: span,
            paraphrased: synthesis.model !== EXTRACTIVE,
          }),
        );
        let rejectedModel = false;
        if (output.blocked && synthesis.model !== EXTRACTIVE) {
          // The model's text failed an error-level gate: it never ships; the extractive one does.
          rejectedModel = true;
          const failedGates = output.gates.filter((g) => g.status === 'FAILED').map((g) => g.name);
          root.set('model_answer_rejected', failedGates.join(','));
          synthesis = await synthesise(
            { ...deps, llm: null },
            {
              question,
              context,
              model: null,
              caller: request.caller,
              maxCostUsd: null,
              deadline,
              ledger,
              parent: root,
            },
          );
          const modelGates = output.gates;
          output = await root.run('output gates', (span) =>
            deps.outputGates.check({ question, text: synthesis.text, context, parent: span }),
          );
          // The gate the model's text failed stays FAILED: the replacement passing it is news
          // about the replacement, not about what the model wrote.
          output.gates = output.gates.map((gate) => {
            const failed = modelGates.find((g) => g.name === gate.name && g.status === 'FAILED');
            if (!failed) return gate;
            return {
              ...failed,
              message: `the model's answer failed: ${failed.message}; the extractive answer (${gate.status.toLowerCase()}) replaced it`,
            };
          });
          synthesis = {
            ...synthesis,
            reason: `the model's answer failed ${failedGates.join(', ')} and was replaced`,
          };
        }
        if (synthesis.reason) {
          output.gates.push({
            name: 'synthesis',
            stage: 'OUTPUT',
            severity: 'WARNING',
            status: 'WARNING',
            score: null,
            message: `${synthesis.reason}; the extractive synthesiser wrote this answer`,
          });
        }
        if (output.blocked) {
          return finish(base, {
            text: 'The answer did not pass the quality gates, so it was withheld.',
            status: 'REFUSED',
            model: synthesis.model,
            gates: [...gates, ...output.gates],
            sources,
          });
        }

        const degraded =
          sources.some((s) => s.status !== 'OK' && s.status !== 'CACHED') ||
          [...gates, ...output.gates].some(
            (g) => g.status === 'FAILED' || (g.name === 'freshness' && g.status === 'WARNING'),
          ) ||
          synthesis.fallback === 'llm_failed' ||
          rejectedModel;
        const status: AnswerStatus = degraded ? 'DEGRADED' : 'ANSWERED';
        const cited = new Set([...output.text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
        const citations = context
          .filter(({ index }) => cited.has(index))
          .map(({ index, evidence: e }) => ({
            index,
            source: e.source,
            title: e.title,
            url: e.url,
            snippet: e.text,
          }));
        const answer = finish(base, {
          text: output.text,
          status,
          model: synthesis.model,
          gates: [...gates, ...output.gates],
          sources,
          citations,
        });

        if (status === 'ANSWERED' && !options.noCache) {
          const ttl = cacheTtl(evidence, limits.cacheTtlSeconds);
          if (ttl > 0) {
            await root.run('cache store', async (span) => {
              span.set('ttl_seconds', ttl);
              const { trace: _t, cache: _c, id: _id, ...stored } = answer;
              await deps.exactCache.set(question, key, stored, ttl);
              // A data question is found again by its plan; a documentation question by meaning.
              if (byPlan) await deps.exactCache.set(byPlan, key, stored, ttl);
              else await deps.semanticCache.store(question, key, stored, ttl, onUsage);
            });
            answer.trace = tracer.finish();
          }
        }
        return answer;
      });
    },
  };
}

interface Base {
  id: string;
  question: string;
  tracer: Tracer;
  ledger: CostLedger;
}

function finish(
  base: Base,
  parts: Pick<AnswerModel, 'text' | 'status' | 'model' | 'gates'> &
    Partial<Pick<AnswerModel, 'sources' | 'citations'>>,
): AnswerModel {
  return {
    id: base.id,
    question: base.question,
    text: parts.text,
    status: parts.status,
    model: parts.model,
    citations: parts.citations ?? [],
    sources: parts.sources ?? [],
    gates: parts.gates,
    trace: base.tracer.finish(),
    cost: { totalUsd: base.ledger.totalUsd(), savedUsd: 0, items: base.ledger.items() },
    cache: { hit: 'NONE', similarity: null, matchedQuestion: null },
  };
}

/** A cached answer served again: this request's trace and cost, the original's text and data. */
function replay(
  base: Base,
  cached: CachedAnswer,
  cache: CacheInfo,
  /** This request's input verdicts; null for an exact hit, which serves the stored ones. */
  input: GateResult[] | null,
): AnswerModel {
  const spent = base.ledger.totalUsd();
  return {
    ...cached,
    id: base.id,
    question: base.question,
    gates: input ? [...input, ...cached.gates.filter((g) => g.stage !== 'INPUT')] : cached.gates,
    sources: cached.sources.map((s) => ({
      ...s,
      status: s.status === 'OK' ? 'CACHED' : s.status,
      cached: true,
      latencyMs: 0,
    })),
    trace: base.tracer.finish(),
    cost: {
      totalUsd: spent,
      savedUsd: Math.max(0, cached.cost.totalUsd - spent),
      items: base.ledger.items(),
    },
    cache,
  };
}

/** An answer lives no longer than the freshness left in the most volatile data it used. */
function cacheTtl(evidence: readonly Evidence[], cap: number): number {
  const now = Date.now();
  let ttl = cap;
  for (const e of evidence) {
    if (e.fetchedAt === null || e.ttlSeconds === null) continue;
    const left = e.ttlSeconds - (now - Date.parse(e.fetchedAt)) / 1000;
    ttl = Math.min(ttl, Math.floor(left));
  }
  return Math.max(0, ttl);
}
