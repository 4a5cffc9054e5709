import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import bodyParser from 'body-parser';

/** A request's JSON body, or why it cannot be read (the status and message to answer with). */
export type JsonBody =
  { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415; message: string };

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
 * Reads an `application/json` body with body-parser's JSON parser (what express.json is), on
 * node's own request: a request without a body or of another content type is not read (`value`
 * undefined: Apollo answers it); gzip, deflate and br are inflated; more than `limitBytes` (after
 * inflating) is 413; an unsupported charset or encoding 415; JSON must be an object or an array.
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
  return (req, res) =>
    new Promise((resolve) => {
      parse(req, res, (error?: unknown) => {
        if (error) resolve(refusal(error));
        else if (invalidUtf8.has(req)) resolve(NOT_UTF8);
        else resolve({ ok: true, value: (req as IncomingMessage & { body?: unknown }).body });
      });
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
