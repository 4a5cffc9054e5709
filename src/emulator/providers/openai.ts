import { hashingVector } from '../../vector/hashing-embedder.js';
import {
  json,
  type EmulatedProvider,
  type EmulatedRequest,
  type EmulatedResponse,
} from '../types.js';

/** Native vector lengths of the embedding models the emulator knows. */
const MODELS: Record<string, { dimension: number; shortenable: boolean }> = {
  'text-embedding-3-small': { dimension: 1536, shortenable: true },
  'text-embedding-3-large': { dimension: 3072, shortenable: true },
  'text-embedding-ada-002': { dimension: 1536, shortenable: false },
};
const MAX_INPUTS = 2048;
const API_REFERENCE =
  'Please check the API reference: https://platform.openai.com/docs/api-reference.';

/** OpenAI's error envelope, as every endpoint sends it. */
const error = (
  status: number,
  message: string,
  code: string | null = null,
  param: string | null = null,
) => json(status, { error: { message, type: 'invalid_request_error', param, code } });

/**
 * The OpenAI embeddings API (`POST /v1/embeddings`). Vectors come from the hashing embedder at the
 * requested length, so they are deterministic and similar texts get similar vectors. Any bearer
 * key is accepted except one containing `invalid`.
 */
export function openAiProvider(): EmulatedProvider {
  let requests = 0;
  return {
    name: 'openai',
    handle(request) {
      if (request.path !== '/v1/embeddings' || request.method !== 'POST') {
        return error(404, `Invalid URL (${request.method ?? 'GET'} ${request.path})`);
      }
      const auth = authorise(request);
      if (auth) return auth;
      requests++;
      return embeddings(request.body ?? '', requests);
    },
    notFound: () => error(404, 'Invalid URL'),
  };
}

function authorise(request: EmulatedRequest): EmulatedResponse | undefined {
  const header = request.headers.authorization;
  const key = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
  if (!key) {
    return error(
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
    );
  }
  if (key.includes('invalid')) {
    const masked =
      key.length > 8 ? `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}` : key;
    return error(
      401,
      `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
      'invalid_api_key',
    );
  }
  return undefined;
}

function embeddings(text: string, requestNumber: number): EmulatedResponse {
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    body = parsed as Record<string, unknown>;
  } catch {
    return error(
      400,
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
    );
  }
  const { model, input, dimensions, encoding_format: format = 'float' } = body;
  if (typeof model !== 'string' || model === '')
    return error(400, 'you must provide a model parameter');
  const spec = MODELS[model];
  if (!spec)
    return error(
      404,
      `The model \`${model}\` does not exist or you do not have access to it.`,
      'model_not_found',
    );
  const inputs = typeof input === 'string' ? [input] : input;
  if (
    !Array.isArray(inputs) ||
    inputs.length === 0 ||
    inputs.length > MAX_INPUTS ||
    inputs.some((item) => typeof item !== 'string' || item === '')
  ) {
    return error(400, `'$.input' is invalid. ${API_REFERENCE}`);
  }
  if (format !== 'float' && format !== 'base64')
    return error(400, `'$.encoding_format' is invalid. ${API_REFERENCE}`);
  let dimension = spec.dimension;
  if (dimensions !== undefined) {
    if (!spec.shortenable) return error(400, 'This model does not support specifying dimensions.');
    if (
      !Number.isInteger(dimensions) ||
      (dimensions as number) < 1 ||
      (dimensions as number) > spec.dimension
    ) {
      return error(400, `'$.dimensions' is invalid. ${API_REFERENCE}`);
    }
    dimension = dimensions as number;
  }
  const tokens = (inputs as string[]).reduce(
    (sum, item) => sum + Math.max(1, Math.ceil(item.length / 4)),
    0,
  );
  const data = (inputs as string[]).map((item, index) => {
    const vector = hashingVector(item, dimension);
    const embedding =
      format === 'base64' ? Buffer.from(vector.buffer).toString('base64') : Array.from(vector);
    return { object: 'embedding', index, embedding };
  });
  const response = json(
    200,
    { object: 'list', data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } },
    {
      'openai-model': model,
      'openai-organization': 'user-emulated',
      'openai-processing-ms': String(20 + inputs.length),
      'openai-version': '2020-10-01',
      'x-ratelimit-limit-requests': '3000',
      'x-ratelimit-remaining-requests': '2999',
      'x-ratelimit-limit-tokens': '1000000',
      'x-ratelimit-remaining-tokens': String(Math.max(0, 1_000_000 - tokens)),
      'x-request-id': `req_${requestNumber.toString(16).padStart(32, '0')}`,
    },
  );
  return { ...response, contentType: 'application/json' };
}
