/**
 * Thresholds that depend on the embedder, in one place: cosines of different embedders live on
 * different scales (hashed words run low, dense vectors high), so each threshold is chosen per
 * embedder family on labelled data, and recorded here with what chose it.
 */
export interface EmbedderCalibration {
  /** Passage cosine at or above which retrieved text is relevant (the relevance gate). */
  relevance: number;
  /** Semantic-cache similarity at or above which a pair with no veto is a hit. */
  semanticCache: number;
}

const CALIBRATIONS: ReadonlyArray<readonly [prefix: string, calibration: EmbedderCalibration]> = [
  // eval/data/relevance.jsonl (25 questions the docs answer, 25 they do not), top passage cosine
  // (npm run eval:relevance): hashing 0.19–0.56 vs 0.06–0.19; hybrid (glove-sif-v2) 0.30–0.59 vs
  // 0.01–0.29, cut in the gap. Semantic cache: the QQP dev even rows' threshold for <= 1% false
  // hits (eval:semantic-cache).
  ['hybrid(', { relevance: 0.296, semanticCache: 0.81 }],
  ['hashing', { relevance: 0.15, semanticCache: 0.8 }],
];

/** OpenAI-compatible and other dense embedders: not tuned here (set SEMANTIC_CACHE_THRESHOLD). */
const DENSE: EmbedderCalibration = { relevance: 0.3, semanticCache: 0.8 };

/** The thresholds for an embedder, by its id. */
export function calibrationFor(embedderId: string): EmbedderCalibration {
  return CALIBRATIONS.find(([prefix]) => embedderId.startsWith(prefix))?.[1] ?? DENSE;
}
