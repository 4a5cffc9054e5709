import { z } from 'zod';
import { badResponse, parseJson, requestUpstream, unexpectedStatus } from '../sources/http.js';
import { mapWithConcurrency } from '../sources/concurrency.js';
import { normalise, type Embedder, type UsageSink } from './embedder.js';

const PROVIDER = 'openai';
/** Inputs per request: far below the API's 2,048, so one request stays well under its token cap. */
const BATCH_SIZE = 256;
const PARALLEL_REQUESTS = 2;

/** Native vector lengths of OpenAI's embedding models; anything else needs `dimension`. */
const NATIVE_DIMENSIONS: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

/** Parts and settings of the OpenAI embedder. */
export interface OpenAiEmbedderOptions {
  fetch: typeof globalThis.fetch;
  apiKey: string;
  model: string;
  timeoutMs: number;
  /** Includes `/v1` (OpenAI-compatible servers differ there); default `https://api.openai.com/v1`. */
  baseUrl?: string;
  /**
   * Shortened vectors (text-embedding-3 models accept `dimensions`), sent to the server and
   * required of its answers. Absent: the server's length is taken, whatever it is.
   */
  dimension?: number;
}

const embeddingsSchema = z.object({
  data: z.array(
    z.object({ index: z.number().int().nonnegative(), embedding: z.array(z.number()) }),
  ),
  model: z.string().optional(),
  usage: z.object({ prompt_tokens: z.number(), total_tokens: z.number() }).partial().optional(),
});

/** The OpenAI embeddings API (`POST /embeddings`) as an Embedder, batching and normalising. */
export function createOpenAiEmbedder(options: OpenAiEmbedderOptions): Embedder {
  const { fetch, apiKey, model, timeoutMs } = options;
  const baseUrl = (options.baseUrl ?? 'https://api.openai.com/v1').replace(/\/+$/, '');
  const explicitDimension = options.dimension !== undefined;
  // Without a configured dimension the server's first answer decides (a compatible server may
  // serve the model name at another length); every later answer must match it.
  let dimension = options.dimension ?? NATIVE_DIMENSIONS[model] ?? 1536;
  let learnt = explicitDimension;

  async function embedBatch(
    texts: readonly string[],
    onUsage: UsageSink | undefined,
  ): Promise<Float32Array[]> {
    const response = await requestUpstream({
      fetch,
      provider: PROVIDER,
      url: new URL(`${baseUrl}/embeddings`),
      timeoutMs,
      headers: { authorization: `Bearer ${apiKey}` },
      json: {
        model,
        input: texts,
        encoding_format: 'float',
        ...(explicitDimension ? { dimensions: dimension } : {}),
      },
    });
    if (response.status !== 200) throw unexpectedStatus(PROVIDER, response.status);
    const body = parseJson(PROVIDER, response.text, embeddingsSchema);
    const vectors = new Array<Float32Array | undefined>(texts.length);
    for (const item of body.data) {
      if (item.index >= texts.length || vectors[item.index])
        throw badResponse(PROVIDER, 'embeddings with bad indexes');
      if (item.embedding.length === 0) throw badResponse(PROVIDER, 'an empty embedding');
      if (!learnt) [dimension, learnt] = [item.embedding.length, true];
      if (item.embedding.length !== dimension) {
        throw badResponse(
          PROVIDER,
          `${item.embedding.length}-dimensional embeddings, expected ${dimension}`,
        );
      }
      vectors[item.index] = normalise(Float32Array.from(item.embedding));
    }
    if (vectors.some((vector) => vector === undefined))
      throw badResponse(PROVIDER, 'fewer embeddings than inputs');
    onUsage?.({
      model: body.model ?? model,
      promptTokens: body.usage?.prompt_tokens ?? 0,
      totalTokens: body.usage?.total_tokens ?? body.usage?.prompt_tokens ?? 0,
    });
    return vectors as Float32Array[];
  }

  return {
    id: `openai:${model}`,
    get dimension() {
      return dimension;
    },
    adoptDimension(stored) {
      if (!learnt && Number.isInteger(stored) && stored > 0) [dimension, learnt] = [stored, true];
      return dimension === stored;
    },
    async embed(texts, onUsage) {
      const batches: string[][] = [];
      for (let i = 0; i < texts.length; i += BATCH_SIZE)
        batches.push(texts.slice(i, i + BATCH_SIZE));
      const results = await mapWithConcurrency(batches, PARALLEL_REQUESTS, (batch) =>
        embedBatch(batch, onUsage),
      );
      return results.flat();
    },
  };
}
