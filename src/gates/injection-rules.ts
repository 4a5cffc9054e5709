import { ZERO_WIDTH, ZERO_WIDTH_IN_WORD, normaliseForScreening } from '../language/screening.js';

/**
 * The prompt-injection rules: the high-precision first pass of the prompt_injection gate and
 * features of its trained model (src/gates/guard-model.ts). Text is normalised first (NFKC, zero-width characters removed, mixed-script words mapped to
 * Latin, light leetspeak undone, spaced-out letters joined), then matched against linguistic
 * rules: an imperative aimed at the model's instructions, not a trigger word on its own ("ignore
 * files in git" and "act as a proxy" pass). Each signal carries a weight; the score is
 * 1 - Π(1 - weight) over the signals found, and 0.5 or more is an injection.
 */
export interface InjectionAssessment {
  score: number;
  injected: boolean;
  signals: string[];
}

type Rule = readonly [signal: string, weight: number, pattern: RegExp];

const QUALIFIER =
  'previous|prior|above|preceding|earlier|former|foregoing|original|initial|system|all|any|every|your|aforementioned|above-mentioned|safety';
const FILLER = `(?:(?:${QUALIFIER}|the|my|of|these|those|each|other|and|,|given|preset|said|default|existing|current|old)\\s*){0,5}`;
const OVERRIDE_VERB =
  "ignore|ignoring|disregard|forget|bypass|abandon|neglect|discard|dismiss|throw out|set aside|overwrite|(?:do not|don't|stop|no longer) (?:follow|following|obey|obeying|adhere to|comply with)|override(?= your| all)";
const OVERRIDE_OBJECT =
  'instructions?|rules?|guidelines?|directives?|prompts?|commands?|constraints?|guardrails?|restrictions?|programming|polic(?:y|ies)|orders?|directions|context|messages?|text|content|training';
const MODEL =
  '(?:ai|a\\.i\\.|assistant|model|llm|chatbot|bot|language model|gpt|chatgpt|claude|gemini|agent|copilot|(?:automated |ai )?summari[sz]er|crawler)';
const SHOW_VERB =
  'reveal|print(?: out)?|read out|spit out|repeat|show|display|output|leak|dump|disclose|recite|echo|expose|tell me|give me|share|write out|type out|spell out|list|paste|provide|return|translate';
const HIDDEN_ADJ =
  '(?:full|entire|complete|exact|original|initial|hidden|secret|internal|verbatim|real)';
const HIDDEN_PROMPT = `(?:${HIDDEN_ADJ} )*(?:system prompt|system message|initial prompt|hidden prompt|pre-?prompt|meta-?prompt|developer message|system instructions)`;
// "your instructions for installing Redis" asks for documentation, not for the prompt.
const YOUR_RULES = `your (?:(?:${HIDDEN_ADJ} )*(?:instructions|prompt|directives)|(?:${HIDDEN_ADJ} )+(?:rules|guidelines|configuration))\\b(?! (?:for|on|about|to|regarding)\\b)`;
const SECRET_THING =
  "(?:(?:the|this|your|all|any|our|my|entire|full|whole) )*(?:conversation|chat(?: history| log)?|history|secrets?|api[ _-]?keys?|passwords?|credentials|(?:access |session |auth )?tokens?|personal (?:data|information|details)|system prompt|memory|cookies?|previous messages|user'?s? (?:\\w+ ?){1,2})";
const CLAUSE_START = '(?:^|[.!?:;,\\n>] ?|\\bplease |\\bnow |\\band |\\bthen |\\bfirst |\\bjust )';

/** Rules over the normalised text. */
const RULES: readonly Rule[] = [
  // Instruction override.
  [
    'instruction_override',
    0.9,
    new RegExp(
      `\\b(?:${OVERRIDE_VERB}) (?=${FILLER}(?:${QUALIFIER})\\b)${FILLER}(?:${OVERRIDE_OBJECT})\\b`,
    ),
  ],
  [
    'instruction_override',
    0.9,
    new RegExp(
      `\\b(?:${OVERRIDE_VERB}) ${FILLER}(?:guardrails|programming|safety (?:rules|guidelines|filters))\\b|\\b(?:ignore|disregard|forget|bypass|override) your (?:system prompt|instructions|rules)\\b`,
    ),
  ],
  [
    'instruction_override',
    0.85,
    new RegExp(
      `\\b(?:${OVERRIDE_VERB}) (?:(?:everything|anything|all)(?: (?:that )?you (?:were|have been|'ve been) (?:told|given))?|nothing|what(?:ever)? (?:\\w+ )?(?:you (?:were|have been|'ve been) (?:told|given)|you received|you got|i said))(?: (?:above|before|below|so far|previously|earlier|prior to|up to)(?: (?:this|that|the|here|now))?(?: (?:line|point|message|text|sentence|note|section))?)?(?=[.,;:!?]|$| and | then | counts| matters| applies)`,
    ),
  ],
  [
    'instruction_override',
    0.7,
    new RegExp(
      `\\byour (?:new|real|true|actual) (?:instructions|task|job|goal|role|objective|directive|purpose|mission)s? (?:is|are)\\b|${CLAUSE_START}new (?:instructions|task|directive|rule)s? ?:|\\b(?:updated|revised) instructions from (?:the )?(?:developer|admin|administrator|system|operator)`,
    ),
  ],
  [
    'instruction_override',
    0.4,
    /\binstead,? (?:you (?:will|must|should) )?(?:say|respond|reply|output|print|write|answer)\b/,
  ],
  // Multi-language overrides: "ignore the previous instructions".
  [
    'instruction_override',
    0.9,
    /(?<!\p{L})(?:ignora|olvida|descarta|ignore[zr]?|oublie[zr]?|ignoriere|ignorier|vergiss|missachte|dimentica|esqueça|esqueca|negeer|vergeet|zignoruj|ignoruj|zapomnij|ignorera|glöm|abaikan|lupakan)(?!\p{L}).{0,30}(?<!\p{L})(?:instrucciones|reglas|indicaciones|instructions|consignes|règles|anweisungen|instruktionen|regeln|befehle|istruzioni|regole|instruções|instrucoes|regras|instructies|regels|aanwijzingen|instrukcje|polecenia|zasady|instruktioner|regler|instruksi|perintah|aturan)(?!\p{L})|talimatlar\p{L}*.{0,20}(?:yok say|görmezden gel|unut)/u,
  ],
  [
    'instruction_override',
    0.9,
    /(?:игнорируй|проигнорируй|забудь|не обращай внимания на).{0,30}(?:инструкции|указания|правила)|(?:忽略|无视|忽视|忘记|忘掉).{0,8}(?:指令|指示|规则|说明|提示)|(?:指示|命令|ルール).{0,4}(?:無視|忘れ)/,
  ],
  // Role hijack.
  [
    'role_hijack',
    0.9,
    /\b(?:you are|you're) (?:now |no longer )(?:an? )?(?:dan|unrestricted|unfiltered|uncensored|jailbroken|evil|free|rogue|bound|restricted|limited|an ai|ai|chatgpt|claude|gpt|assistant|in developer mode)\b/,
  ],
  // A new persona alone is how harmless role-play starts ("you are now my Spanish tutor"): a hint
  // for the model, not a verdict; the no-rules personas above are the verdicts.
  ['role_hijack', 0.4, /\byou are now (?:a|an|my|the) \w+/],
  [
    'role_hijack',
    0.7,
    /\bfrom now on,? you (?:are|will be|will act|act|will pretend|must ignore|have no|will ignore|will respond as|will answer as)\b/,
  ],
  [
    'role_hijack',
    0.9,
    /\b(?:act|behave|respond|answer|roleplay|role-play) (?:as|like) (?:an? |my )?(?:unrestricted|unfiltered|uncensored|jailbroken|evil|malicious|rogue|dan\b|different (?:ai|assistant|model)|another (?:ai|model)|ai (?:with(?:out)?|that has no)|(?:deceased |dead |late )(?:grandma|grandmother|grandfather|grandpa|mother|father|mom|dad|uncle|aunt)|root user)|\bact as if you (?:have no|had no|are not|were not|are free|were free|have been freed)\b/,
  ],
  [
    'role_hijack',
    0.9,
    /\bpretend (?:to be|you are|you're|that you are|you have|that you have|you can)\b.{0,40}\b(?:no (?:rules|restrictions|limits|filters|guidelines|ethics)|unrestricted|unfiltered|uncensored|jailbroken|evil|an ai without|not bound)/,
  ],
  ['role_hijack', 0.4, /\bpretend (?:to be|you are|you're|that you are)\b/],
  ['role_hijack', 0.9, /\bdo anything now\b/],
  [
    'role_hijack',
    0.8,
    /\bdeveloper mode (?:enabled|activated|on(?=[.!:,]|$)|output)|\b(?:you are|you're|now) in developer mode|\b(?:enter|enable|activate|switch to) developer mode\b.{0,40}\byou\b/,
  ],
  [
    'role_hijack',
    0.8,
    /\byou (?:have|has) no (?:rules|restrictions|limits|limitations|filters|guidelines|ethical|moral)/,
  ],
  ['role_hijack', 0.45, /\bjailbr(?:eak|oken)\b|\b(?:stay|remain) in character\b/],
  [
    'role_hijack',
    0.8,
    /\b(?:avoid|break|breaks|ignore|ignores|escape|free (?:of|from)|not bound by) (?:the |all |any )?(?:norms|rules|restrictions|limits|policies|guidelines|constraints|typical confines) (?:of|for|on|placed on) (?:ai|chatgpt|openai|llms?|language models?|assistants?)\b/,
  ],
  [
    'role_hijack',
    0.5,
    /\b(?:the user|i) (?:has|have) (?:root|admin|administrator|elevated|full|developer|god[- ]mode) (?:privileges|access|rights|permissions)\b/,
  ],
  [
    'role_hijack',
    0.4,
    /\b(?:without|free (?:of|from)|ignore) (?:any |all )?(?:restrictions|filters|censorship|limitations|content policy|safety guidelines)\b/,
  ],
  [
    'role_hijack',
    0.4,
    /\b(?:i am|i'm|this is) (?:the|your) (?:developer|creator|administrator|admin|owner|operator)\b|\b(?:admin|sudo|god|developer) (?:override|mode|access) (?:enabled|activated|granted|on)\b/,
  ],
  // System-prompt exfiltration.
  [
    'prompt_exfiltration',
    0.9,
    new RegExp(
      `\\b(?:${SHOW_VERB}) (?:me |us )?(?:all of |back )?(?:your ${HIDDEN_PROMPT}|${YOUR_RULES})`,
    ),
  ],
  [
    'prompt_exfiltration',
    0.9,
    new RegExp(
      `${CLAUSE_START}(?:${SHOW_VERB}) (?:me |us )?(?:all of |back )?the ${HIDDEN_PROMPT}\\b`,
    ),
  ],
  [
    'prompt_exfiltration',
    0.8,
    new RegExp(
      `\\b(?:${SHOW_VERB}) (?:everything|all(?: the)? text|the (?:text|words|instructions|messages?)) (?:above|before this|prior to this|you were given)|\\bstarting with ["']?you are\\b`,
    ),
  ],
  [
    'prompt_exfiltration',
    0.9,
    new RegExp(
      `\\b(?:first|last|opening|initial) (?:\\d+ |few |two |three |ten )?(?:words|lines|characters|sentences|tokens|paragraphs?) of (?:your ${HIDDEN_PROMPT}|your (?:instructions|prompt|rules))|\\b(?:${SHOW_VERB}) (?:me )?what (?:your (?:instructions|prompt|system prompt|rules) (?:say|says|contain|are)|you were told (?:to hide|not to (?:say|reveal|tell|share)))|\\bwhat you were told to hide\\b`,
    ),
  ],
  [
    'prompt_exfiltration',
    0.9,
    new RegExp(
      `\\b(?:${SHOW_VERB}) (?:me |us )?(?:all of |back )?the (?:hidden|secret|internal|original|initial|verbatim) (?:system prompt|prompt|instructions)\\b`,
    ),
  ],
  [
    'prompt_exfiltration',
    0.8,
    /\b(?:copy|paste|put|include|insert|list|print|output|dump|reveal|show|leak)\b.{0,20}\b(?:api[ _-]?keys?|secrets|passwords|credentials|access tokens|environment variables|env vars)\b.{0,40}\b(?:into|in|to) (?:the |your )?(?:reply|answer|response|output|chat)\b/,
  ],
  [
    'prompt_exfiltration',
    0.6,
    /\bwhat (?:is|are|was|were) your (?:system prompt|(?:initial |original |hidden |secret )?instructions|hidden rules)\b(?! (?:for|on|about|to|regarding)\b)/,
  ],
  // Delimiter and format attacks.
  [
    'delimiter_attack',
    0.9,
    /<\|(?:im_start|system|user|assistant|start_header_id)\|>|\[inst\]|<<sys>>/,
  ],
  // An end-of-turn token alone is often just mentioned ("what does <|endoftext|> mean?").
  [
    'delimiter_attack',
    0.45,
    /<\|(?:im_end|endoftext|eot_id|end_header_id)\|>|\[\/inst\]|<<\/sys>>/,
  ],
  // Text hidden from human readers that speaks to the model.
  [
    'hidden_instruction',
    0.6,
    new RegExp(
      `(?:<!--|display: ?none|font-size: ?0|visibility: ?hidden|color: ?(?:white|#fff))[^>]{0,20}[^]{0,200}\\b(?:ignore|disregard|respond|reply|say|tell|output|${MODEL})\\b`,
    ),
  ],
  [
    'delimiter_attack',
    0.8,
    /(?:^|\n|[.!?] )#{2,} ?(?:system|instructions?|new instructions|assistant|admin|response) ?:/,
  ],
  [
    'delimiter_attack',
    0.6,
    /<\/(?:context|document|documents|passage|retrieved_context|search_results|user_input|data)>|<(?:system|system_prompt|instructions|admin)>/,
  ],
  [
    'delimiter_attack',
    0.6,
    /(?:[-=#*[<]{2,}|\[) ?(?:end of|begin|start of) (?:the )?(?:context|document|user input|input|data|passage|system prompt|new task|instructions)\b/,
  ],
  [
    'delimiter_attack',
    0.5,
    /[[{(] ?(?:system|admin|developer)(?: (?:message|note|override|prompt))? ?[\]})] ?:/,
  ],
  // Tool and URL exfiltration.
  [
    'url_exfiltration',
    0.8,
    /!\[[^\]]*\]\( ?https?:\/\/[^)\s]*[?&](?:[^)\s]*=(?:\{|\$|<|%7b)|(?:data|prompt|secret|conversation|chat|history|msg|message|context|q|query|user|info|key|token|leak|exfil|session|sid|uid|email|cookie|payload|d|p)=|[^)\s]*=[a-z]*_(?:data|input|question|email|history)\b)/,
  ],
  [
    'url_exfiltration',
    0.9,
    new RegExp(
      `\\b(?:send|post|forward|upload|transmit|exfiltrate|leak|email|e-mail|submit|copy|append) ${SECRET_THING}.{0,60}\\b(?:to|into|at) (?:https?:\\/\\/|www\\.|\\S+@\\S+\\.|(?:this|that|an?|the following|my) (?:url|endpoint|webhook|server|address|link))`,
    ),
  ],
  [
    'url_exfiltration',
    0.8,
    /\b(?:visit|open|fetch|load|request|call|go to|navigate to|click|render)\b.{0,20}https?:\/\/\S*[?&]\S*=(?:\{|\$|<|\[)/,
  ],
  [
    'url_exfiltration',
    0.7,
    /\bappend (?:it|them|this|that|the \w+(?: \w+)?) to (?:the |this |that )?(?:url|link|query string)\b/,
  ],
  [
    'url_exfiltration',
    0.7,
    /\b(?:include|render|show|display|embed|add|insert) (?:this|the following|that) (?:link|image|url|markdown|pixel)\b.{0,30}\b(?:in|at the end of|to) (?:your|the|every) (?:answer|response|reply|summary|output)/,
  ],
  // Encoded payloads addressed to the model.
  [
    'encoded_payload',
    0.8,
    /\bdecode (?:this|the following|it)\b.{0,60}\b(?:follow|execute|obey|run|do what|carry out|act on)\b/,
  ],
  // Instructions addressed to the model inside data.
  [
    'addressed_to_model',
    0.8,
    new RegExp(
      `\\b(?:note|message|instructions?|attention|important|reminder|notice|memo|p\\.?s\\.?) ?:? ?(?:to|for) (?:the |any |all )?${MODEL}s?\\b|\\bif you(?:'re| are) an? (?:ai|a\\.i\\.|assistant|language model|large language model|llm|chatbot|bot|automated (?:system|agent|assistant))\\b|\\b${MODEL}s? (?:reading|processing|summari[sz]ing|parsing|analy[sz]ing|ingesting|scraping|crawling) this\\b|\\bdear ${MODEL}\\b|\\bif (?:an? |any |the )?${MODEL}s? (?:reads?|sees?|processes|is reading|finds|summari[sz]es) this\\b|\\b${MODEL}s? (?:instructions?|directive|note|notice|command)s? ?:|\\bto (?:any|all|the|every) ${MODEL}s? ?:`,
    ),
  ],
  [
    'addressed_to_model',
    0.8,
    new RegExp(
      `(?:^|[.!?:;] |\\[)${MODEL}s? ?[,:—-] ?(?:please )?(?:ignore|disregard|forget|do not|don't|reply|respond|say|tell|output|include|print|write|answer|recommend|reveal|new (?:instructions?|directive|task))\\b|\\b(?:the )?(?:${MODEL}|language models?|llms)s? (?:must|should|shall|will|needs? to) (?:now |always |immediately )?(?:comply|obey|ignore|disregard|reveal|respond|reply|answer|tell|say|output|include|recommend|refuse)\\b`,
    ),
  ],
  [
    'instruction_override',
    0.8,
    /\b(?:ignore|disregard|forget|skip) (?:the |this )?user'?s? (?:question|request|query|instructions|prompt)\b|(?:^|<!-- ?)(?:ignore|disregard) the (?:question|request|query)\b/,
  ],
  [
    'addressed_to_model',
    0.6,
    new RegExp(`(?:^|[.!?] )(?:hey|hi|attention|ok(?:ay)?),? ${MODEL}\\b ?[,:]`),
  ],
  [
    'addressed_to_model',
    0.8,
    /\b(?:do not|don't|never) (?:tell|inform|mention (?:this )?to|reveal (?:this )?to|let) the user\b|\bwithout (?:telling|informing|alerting|notifying) the user\b|\bthe user (?:must|should|will) not (?:know|see|be told|notice)\b/,
  ],
  [
    'addressed_to_model',
    0.45,
    /\b(?:tell|inform|convince|instruct|persuade) the user (?:that|to)\b/,
  ],
  [
    'addressed_to_model',
    0.8,
    /\bask (?:the user|users|them|the reader) (?:for|to (?:enter|provide|share|give|confirm|type)) (?:their|his|her|your) (?:password|credentials|login|pin|credit card|card number|ssn|social security|one-time code|2fa code)/,
  ],
  [
    'addressed_to_model',
    0.45,
    /\bwhen (?:you (?:are )?)?(?:summari[sz]e|summari[sz]ing|answer|answering|respond|responding|reply|replying|asked about) (?:this|these|the user|questions?|anything)\b/,
  ],
  [
    'addressed_to_model',
    0.45,
    /\b(?:say|include|add|write|mention|state|recommend|insert|append|output|respond with|reply with|end with|begin with|start with)\b[^.]{0,60}\b(?:in|to|at the (?:end|start|beginning) of) (?:your|every|each) (?:answer|response|reply|summary|output)\b|\b(?:respond|reply|answer|output) only with\b/,
  ],
];

/** Rules on the NFKC text with case kept ("DAN" is a persona, "Dan" a name). */
const CASED_RULES: readonly Rule[] = [
  ['role_hijack', 0.45, /\bDAN\b/],
  ['delimiter_attack', 0.4, /^\s*(?:SYSTEM|System|ASSISTANT|Assistant)\s*:/m],
  [
    'delimiter_attack',
    0.6,
    /(?:^|\n)\s*(?:END OF|BEGIN|START OF) (?:THE )?(?:CONTEXT|DOCUMENT|USER INPUT|INPUT|DATA|PASSAGE|SYSTEM PROMPT|NEW TASK|INSTRUCTIONS)\b/,
  ],
];

// Quoted attack phrases in reported speech ("typing 'ignore previous instructions' made it...").
const REPORTING =
  /\b(?:said|says|wrote|writes|typed|typing|found|discovered|showed|shows|such as|known as|called|e\.g\.|for example|phrases? (?:like|such as)|prompt injection|injection attacks?|jailbreaks?|attackers?|researchers?|red team|payloads?|the (?:paper|report|study|article) (?:warns|says|found|shows))\b/;

const THIRD_PARTY =
  /\b(?:told|asked|instructed|ordered|urged|advised|directed|allowed|permitted|telling|asking|urging|ordering) (?!(?:you|the (?:ai|assistant|model))\b)(?:[\w']+ ){1,3}to $/;

/** Whether a match sits inside quotation marks or a code span. */
function quoted(text: string, start: number, end: number): 'code' | 'quote' | null {
  const before = text.slice(Math.max(0, start - 200), start);
  const after = text.slice(end, end + 200);
  if ((before.split('`').length - 1) % 2 === 1 && after.includes('`')) return 'code';
  if ((before.split('"').length - 1) % 2 === 1 && after.includes('"')) return 'quote';
  const open = before.lastIndexOf("'");
  // An opening single quote follows a space or a colon; an apostrophe follows a letter.
  if (open >= 0 && /(?:^|[\s:(])$/.test(before.slice(0, open)) && /'(?!\p{L})/u.test(after))
    return 'quote';
  return null;
}

/** Scores a text for prompt injection; pure and synchronous. */
export function detectPromptInjection(text: string): InjectionAssessment {
  const weights = new Map<string, number>();
  const add = (signal: string, weight: number) =>
    weights.set(signal, Math.max(weights.get(signal) ?? 0, weight));
  const norm = normaliseForScreening(text);
  // "ig-nore pre-vious in-struc-tions": words split by hyphens are matched joined as well.
  const joined = norm.replace(/(\p{L})-(?=\p{L})/gu, '$1');
  const reported = REPORTING.test(norm);
  for (const [signal, weight, pattern] of RULES) {
    const m = pattern.exec(norm) ?? (joined === norm ? null : pattern.exec(joined));
    if (!m) continue;
    const quote = quoted(norm, m.index, m.index + m[0].length);
    // Quoted in reported speech, shown as code, or told to a third party ("the regulator told
    // banks to disregard prior instructions"): mentioned, not addressed to the model.
    const relayed = THIRD_PARTY.test(norm.slice(Math.max(0, m.index - 40), m.index));
    add(signal, quote === 'code' || (quote && reported) || relayed ? weight * 0.25 : weight);
  }
  const cased = text.normalize('NFKC').replace(ZERO_WIDTH, '');
  for (const [signal, weight, pattern] of CASED_RULES) if (pattern.test(cased)) add(signal, weight);
  for (const [signal, weight] of obfuscationSignals(text)) add(signal, weight);
  let keep = 1;
  for (const w of weights.values()) keep *= 1 - w;
  const score = Math.round((1 - keep) * 1000) / 1000;
  return { score, injected: score >= 0.5, signals: [...weights.keys()].sort() };
}

/** Obfuscation is suspicious in itself; a decoded base64 payload is screened like plain text. */
function obfuscationSignals(text: string): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  if (ZERO_WIDTH_IN_WORD.test(text)) out.push(['zero_width_characters', 0.35]);
  const mixed = /[\p{L}]+/gu;
  for (const m of text.matchAll(mixed)) {
    if (/\p{Script=Latin}/u.test(m[0]) && /[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(m[0])) {
      out.push(['homoglyph_mixed_script', 0.35]);
      break;
    }
  }
  for (const m of text.matchAll(/[A-Za-z0-9+/]{40,}={0,2}/g)) {
    if (!/[a-z]/.test(m[0]) || !/[A-Z]/.test(m[0]) || !/\d|[+/]/.test(m[0])) continue;
    const decoded = Buffer.from(m[0], 'base64').toString('utf8');
    const printable = /^[\p{L}\p{N}\p{P}\p{Zs}\p{S}\n\r\t]+$/u.test(decoded);
    const inner = printable ? detectPromptInjection(decoded) : null;
    out.push(['encoded_payload', inner?.injected ? 0.9 : 0.3]);
  }
  return out;
}
