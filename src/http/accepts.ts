/** What a client may ask for from `/graphql` without a key: the landing page is HTML. */
const OFFERED = ['application/json', 'application/graphql-response+json', 'text/html'] as const;

interface AcceptRange {
  type: string;
  subtype: string;
  params: Record<string, string>;
  q: number;
  /** Its position in the header. */
  order: number;
}

/**
 * True when an `Accept` header prefers `text/html` over JSON, by the negotiation express's
 * `req.accepts` ran (negotiator's: each type takes its most specific range, and the best q wins,
 * then the most specific, then the earliest in the header, then the earliest of ours). No header prefers JSON.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  const ranges = accept
    .split(',')
    .map(parseRange)
    .filter((range): range is AcceptRange => range !== undefined);
  let best: { q: number; specificity: number; order: number; offered: number } | undefined;
  OFFERED.forEach((offered, index) => {
    const [type, subtype] = offered.split('/') as [string, string];
    let priority: { q: number; specificity: number; order: number } | undefined;
    for (const range of ranges) {
      const specificity = matchRange(range, type, subtype);
      if (specificity === undefined) continue;
      if (
        !priority ||
        specificity > priority.specificity ||
        (specificity === priority.specificity &&
          (range.q > priority.q || (range.q === priority.q && range.order > priority.order)))
      ) {
        priority = { q: range.q, specificity, order: range.order };
      }
    }
    if (!priority || !(priority.q > 0)) return;
    if (
      !best ||
      priority.q > best.q ||
      (priority.q === best.q &&
        (priority.specificity > best.specificity ||
          (priority.specificity === best.specificity && priority.order < best.order)))
    ) {
      best = { ...priority, offered: index };
    }
  });
  return best !== undefined && OFFERED[best.offered] === 'text/html';
}

function parseRange(text: string, order: number): AcceptRange | undefined {
  const match = /^\s*([^\s/;]+)\/([^;\s]+)\s*(?:;(.*))?$/.exec(text);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  let q = 1;
  for (const param of (match[3] ?? '').split(';')) {
    const [key = '', value = ''] = param.split('=').map((s) => s.trim());
    if (key === '') continue;
    if (key.toLowerCase() === 'q') {
      q = Number.parseFloat(value);
      break;
    }
    params[key.toLowerCase()] = value.replace(/^"(.*)"$/, '$1');
  }
  return { type: match[1] as string, subtype: match[2] as string, params, q, order };
}

/** How specifically a range names `type/subtype` (4: type, 2: subtype, 1: params), if at all. */
function matchRange(range: AcceptRange, type: string, subtype: string): number | undefined {
  let specificity = 0;
  if (range.type.toLowerCase() === type) specificity |= 4;
  else if (range.type !== '*') return undefined;
  if (range.subtype.toLowerCase() === subtype) specificity |= 2;
  else if (range.subtype !== '*') return undefined;
  const keys = Object.keys(range.params);
  if (keys.length > 0) {
    // Nothing we offer has parameters: a range naming one matches only with `*` (or nothing).
    if (!keys.every((key) => range.params[key] === '*' || range.params[key] === '')) {
      return undefined;
    }
    specificity |= 1;
  }
  return specificity;
}
