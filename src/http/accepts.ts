import Negotiator from 'negotiator';

/** What a client may ask for from `/graphql` without a key: the landing page is HTML. */
const OFFERED = ['application/json', 'application/graphql-response+json', 'text/html'];

/**
 * True when an `Accept` header prefers `text/html` over JSON, by negotiator (the negotiation
 * express's `req.accepts` ran). No header prefers JSON.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  return new Negotiator({ headers: { accept } }).mediaType(OFFERED) === 'text/html';
}
