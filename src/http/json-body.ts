import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import bodyParser from 'body-parser';
import getRawBody from 'raw-body';

/**
 * A request's JSON body, or why it cannot be read (the status and message to answer with). `bytes`
 * are the body as sent, when it came as plain UTF-8 JSON (the common case, read directly).
 */
export type JsonBody =
  | { ok: true; value: unknown; bytes?: Buffer }
  | { ok: false; status: 400 | 413 | 415; message: string };

/** Reads one request's body (see `createJsonBodyReader`). */
export type JsonBodyReader = (req: IncomingMessage, res: ServerResponse) => Promise<JsonBody>;

const unreadable = (status: 400 | 413 | 415, message: string): JsonBody => ({
  ok: false,
  status,
  message,
});
const NOT_JSON = unreadable(400, 'The request body is not valid JSON');
const TOO_LARGE = unreadable(413, 'The request body is too large');
const UNREADABLE = unreadable(400, 'The request could not be read');
const UNSUPPORTED = unreadable(415, 'The request could not be read');
const NOT_UTF8 = unreadable(400, 'The request body is not valid UTF-8');

const invalidUtf8 = new WeakSet<IncomingMessage>();

/**
 * Reads an `application/json` body on node's own request: plain UTF-8 JSON with a length directly
 * (`readPlainJson`), any other with body-parser's JSON parser (what express.json is), to the same
 * rules. A request without a body or of another content type is not read (`value` undefined:
 * Apollo answers it); gzip, deflate and br are inflated; more than `limitBytes` (after inflating)
 * is 413; an unsupported charset or encoding 415; JSON must be an object or an array.
 * Bytes that are not UTF-8 are refused rather than decoded with U+FFFD into text the client never
 * sent. Every refusal is a status and a message, never a throw.
 */
export function createJsonBodyReader(limitBytes: number): JsonBodyReader {
  const parse = bodyParser.json({
    limit: limitBytes,
    verify(req, _res, body, encoding) {
      if (encoding.toLowerCase() === 'utf-8' && !isUtf8(body)) invalidUtf8.add(req);
    },
  });
  return (req, res) => {
    const length = plainJsonLength(req);
    if (length !== undefined) return readPlainJson(req, length, limitBytes);
    return new Promise((resolve) => {
      parse(req, res, (error?: unknown) => {
        if (error) resolve(refusal(error));
        else if (invalidUtf8.has(req)) resolve(NOT_UTF8);
        else resolve({ ok: true, value: (req as IncomingMessage & { body?: unknown }).body });
      });
    });
  };
}

/** `Content-Type: application/json`, UTF-8 (or no charset), with no `Content-Encoding`. */
const PLAIN_JSON = /^application\/json(?:;\s*charset=utf-8)?$/i;

/**
 * The declared length of a body every client sends for a GraphQL POST: plain JSON, in UTF-8, not
 * compressed, with a `Content-Length`. Such a body is read directly; any other goes through
 * body-parser (charsets, inflation, chunked bodies), which costs a tenth of a cached response.
 */
function plainJsonLength(req: IncomingMessage): number | undefined {
  const { headers } = req;
  const type = headers['content-type'];
  if (type === undefined || !PLAIN_JSON.test(type)) return undefined;
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return undefined;
  if (headers['transfer-encoding'] !== undefined) return undefined;
  const length = headers['content-length'];
  return length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined;
}

/**
 * Reads and parses a plain JSON body (raw-body: the declared length, the limit, aborts) as
 * body-parser's strict JSON parser would: a BOM dropped, empty means `{}`, the first character an
 * object's or an array's.
 */
async function readPlainJson(
  req: IncomingMessage,
  length: number,
  limitBytes: number,
): Promise<JsonBody> {
  let bytes: Buffer;
  try {
    bytes = await getRawBody(req, { length, limit: limitBytes });
  } catch (error) {
    // As body-parser does: the rest is read off before the answer, so the connection carries it.
    await readOff(req);
    return (error as { status?: number }).status === 413 ? TOO_LARGE : UNREADABLE;
  }
  if (!isUtf8(bytes)) return NOT_UTF8;
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length === 0) return { ok: true, value: {}, bytes };
  const first = /\S/.exec(text)?.[0];
  if (first !== '{' && first !== '[') return NOT_JSON;
  try {
    return { ok: true, value: JSON.parse(text) as unknown, bytes };
  } catch {
    return NOT_JSON;
  }
}

/** Reads a refused request's remaining bytes into nothing, until it ends or fails. */
function readOff(req: IncomingMessage): Promise<void> {
  if (req.readableEnded || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => resolve();
    req.once('end', done).once('close', done).once('error', done);
    req.unpipe();
    req.resume();
  });
}

/** body-parser's errors (http-errors with a `type`) as the answer to send. */
function refusal(error: unknown): JsonBody {
  const { status, type } = error as { status?: number; type?: string };
  if (status === 413) return TOO_LARGE;
  if (status === 415) return UNSUPPORTED;
  if (type === 'entity.parse.failed') return NOT_JSON;
  // Aborted, a malformed Content-Type parameter (body-parser throws a 500 for `charset` with no
  // value), or a broken compressed stream: the request, not the server, is at fault.
  return UNREADABLE;
}
