import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { sendGraphQLError } from './respond.js';

const INVALID = Symbol('invalid UTF-8');

/**
 * `express.json`'s `verify` hook: marks a body that is not valid UTF-8. Decoding would otherwise
 * replace the bad bytes with U+FFFD and run the operation on text the client never sent.
 */
export function markInvalidUtf8(
  req: IncomingMessage,
  _res: ServerResponse,
  body: Buffer,
  encoding: string,
): void {
  if (encoding.toLowerCase() !== 'utf-8' || isUtf8(body)) return;
  (req as IncomingMessage & { [INVALID]?: boolean })[INVALID] = true;
}

/** Answers 400 BAD_REQUEST for a body `markInvalidUtf8` marked (after the JSON parser). */
export const rejectInvalidUtf8: RequestHandler = function rejectInvalidUtf8(req, res, next) {
  if (!(req as typeof req & { [INVALID]?: boolean })[INVALID]) return next();
  sendGraphQLError(res, 400, 'BAD_REQUEST', 'The request body is not valid UTF-8');
};
