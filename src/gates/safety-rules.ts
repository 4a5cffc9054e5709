import { normaliseForScreening } from '../language/screening.js';

/**
 * Content safety for questions (INPUT) and answers (OUTPUT). Intent-aware lexicon rules: a
 * category fires on an instructional or first-person framing together with a harmful object or
 * target, never on a keyword alone, so "how do I kill a process", "bomb cyclone", "the stock
 * crashed", "shoot a photo" and "execute a trade" are safe. Reported speech in news (police,
 * courts, "according to") does not count as a threat or as hate.
 */
export type SafetyCategory =
  | 'weapons_explosives'
  | 'self_harm'
  | 'sexual_minors'
  | 'hate_harassment'
  | 'malware_credentials'
  | 'violent_threats';

/** Verdict of `assessContentSafety`: the categories found and a risk score in [0, 1]. */
export interface SafetyAssessment {
  safe: boolean;
  categories: SafetyCategory[];
  score: number;
}

// Asking for a procedure, or announcing one's own plan.
const HOW =
  "(?:how (?:do|can|would|should|could|might) (?:i|we|you|one|someone|people)\\b|how to|(?:what|which) (?:\\w+ ){0,3}(?:can|should|do|would) (?:i|we|you) (?:use|mix|buy|combine|need)|how i can|steps?(?: \\d+)? (?:to|for)|step[- ]by[- ]step|instructions? (?:for|to|on)|guide (?:to|for|on)|tutorial|recipe for|teach me|show me how|explain how to|tell me how|ways? to|best way to|easiest way to|cheapest way to|help me|i want to|i need to|i'm going to|let's|give me (?:a )?(?:detailed )?(?:plan|method|instructions|steps|recipe|code|script)|what (?:do i|would i|i) need to|what's the best way to|write (?:me )?(?:a |an |the )?(?:[\\w+#]+ )?(?:code|script|program|function|tool|app)?(?: (?:for|to|that))?|materials? (?:needed|for)|ingredients for|where (?:can|do) i)";

const EXPLOSIVE =
  '(?:(?<!bath |seed |glitter |photo |f-|stink |cherry |yarn |smoke )bombs?(?!-)|explosives|explosive (?:devices?|materials?|charges?|vests?|compounds?)|ied|improvised explosive|molotov(?: cocktail)?|grenades?|detonators?|napalm|nerve agent|sarin|vx gas|ricin|anthrax|mustard gas|chlorine gas|chemical weapons?|bio-?weapons?|biological weapons?|ghost guns?|untraceable (?:guns?|firearms?|weapons?)|silencers?|suppressors? for (?:a|my) (?:gun|pistol|rifle)|auto sears?|tatp|nitroglycerin|thermite|c-?4 explosive|semtex|pipe bombs?|car bombs?|suicide vests?|landmines?)';
const WEAPON_MAKE = `(?:make|making|build|building|assemble|construct|manufacture|produce|synthesi[sz]e|cook|create|craft|3d[- ]print|print|rig|detonate|mix|buy|get|order|obtain|acquire|plant|hide|smuggle)`;

const SELF_HARM_ACT =
  '(?:kill myself|killing myself|end my (?:own )?life|ending my life|commit suicide|committing suicide|take my (?:own )?life|hang myself|hanging myself|slit my wrists?|overdose|od on|cut myself|cutting myself|hurt myself|self[- ]harm|die painlessly|starve myself)';
const SELF_HARM_METHOD = `(?:${HOW}|painless(?:ly)?|quickest way|most effective way|surest way|what's the|which (?:pills|drugs|method))`;

const MINOR =
  '(?:child|children|kids?|minors?|underage|under-age|preteens?|pre-teens?|prepubescent|toddlers?|infants?|schoolgirls?|schoolboys?|little (?:girls?|boys?)|young (?:girls?|boys?)|(?:[1-9]|1[0-7])[- ]?(?:years?[- ]olds?|yo|y/o)|(?:five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)[- ]years?[- ]olds?|loli|shota|jailbait|underage teens?)';
// "Teen" also covers 18 and 19: only with explicit content words.
const TEEN = '(?:teens?|teenagers?)';
const EXPLICIT = '(?:nudes?|naked|porn\\w*|erotic|explicit|lewd|nsfw|hentai|undress\\w*)';
const SEXUAL =
  '(?:sex|sexual|sexually|sexy|nudes?|naked|porn|porno|pornographic|erotic|explicit|nsfw|lewd|intercourse|sext|sexting|hentai|fetish|seduc\\w*|molest\\w*|undress\\w*)';
// Education, protection and news about crimes are not sexual content involving minors.
const PROTECTIVE =
  /\b(?:education|educate|prevent|prevention|protect|protection|protecting|report|reporting|reported|safeguard|safeguarding|awareness|hotline|survivors?|arrested|charged|convicted|sentenced|police|investigation|investigators|law|laws|ban|banned|trial|prosecut\w*|court|detect|detection|moderation|puberty|grooming signs|warning signs|sex ed|talk to (?:my|your|our) (?:kids?|children)|explain\w* (?:\w+ ){0,3}to (?:my|your|our) (?:kids?|children|sons?|daughters?)|abuse material)\b/;

const GROUP =
  '(?:jews|jewish people|muslims|christians|hindus|sikhs|buddhists|atheists|black people|blacks|white people|whites|asians|asian people|arabs|mexicans|latinos|hispanics|africans|immigrants|migrants|refugees|gays|gay people|gay men|lesbians|homosexuals|bisexuals|trans people|transgender people|transgenders|women|females|disabled people|the disabled|roma|gypsies|chinese people|indians|indigenous people|native americans|catholics)';
const DEHUMANISING =
  '(?:vermin|animals|subhuman|sub-human|parasites|cockroaches|rats|pigs|apes|monkeys|filth|scum|diseased?|a disease|a plague|a cancer|inferior|savages|dirty|evil|worthless|trash|garbage|not human|less than human|genetically inferior|an infestation|terrorists|criminals|rapists|thieves|pedophiles)';

const MALWARE =
  '(?:ransomware|keyloggers?|malware|(?:computer )?virus(?:es)? that|trojans?|worms? that|botnets?|rootkits?|spyware|stalkerware|info-?stealers?|credential stealers?|password stealers?|cryptojackers?|remote access trojans?|\\brats?\\b|backdoors?|phishing (?:pages?|sites?|kits?|emails?|websites?|campaigns?)|fake (?:\\S+ )?(?:login|log-in|sign[- ]in|banking) (?:pages?|sites?|forms?|portals?)|ddos (?:tools?|scripts?|attacks?)|exploit kits?|zero[- ]day exploits?)';
const MALWARE_MAKE =
  '(?:write|writing|create|creating|build|building|code|coding|develop|make|program|deploy|spread|distribute|design|set up|launch|run|installs?|drops?|plants?|hides?)';
const CREDENTIALS =
  "(?:passwords?|credentials|logins?|login details|cookies|session (?:tokens|cookies)|2fa codes?|otp codes?|credit card (?:numbers|details)|bank (?:logins|details)|someone(?:'s)? (?:password|account|email)|their (?:passwords?|accounts?))";
const PERSON_TARGET =
  "(?:my (?:ex|ex-(?:wife|husband|girlfriend|boyfriend)|girlfriend|boyfriend|wife|husband|neighbou?r|boss|coworker|teacher|classmate|roommate|sister|brother|partner)(?:'s)?|someone(?:'s)?|somebody(?:'s)?|a stranger(?:'s)?|another person(?:'s)?|his|her|their|a celebrity(?:'s)?)";

const VIOLENT_VERB =
  '(?:kill|murder|shoot|stab|strangle|beat up|hurt|attack|slaughter|behead|burn|bomb|blow up|choke|punch|gut|execute|torture|poison|run over)';
const VICTIM =
  "(?:you|u|him|her|them|everyone|everybody|all of you|y'all|people|my (?:wife|husband|boss|neighbou?r|teacher|ex|mother|father|mom|dad|brother|sister|coworker|classmate|roommate|family|girlfriend|boyfriend|landlord)|the (?:president|teacher|students|kids|people|judge|mayor|cops?|police|senator|ceo|jury)|(?:the |this |that |your |a )?(?:school|office|mall|church|mosque|synagogue|temple|concert|stadium|station|parade|rally))\\b";
const REPORTED =
  /\b(?:police|prosecutors?|court|charged|arrested|convicted|sentenced|according to|allegedly|reportedly|was accused|told reporters|testified|investigators?|indicted|the suspect|the gunman)\b/;

const SUICIDAL_INTENT =
  /\bi (?:want|wanna|need|am going|'m going|plan|intend) to (?:die|kill myself|end (?:it|it all|my life))\b/;
const METHOD_ASK =
  /\b(?:easiest|quickest|fastest|best|surest|painless\w*|least painful) way\b|\bhow (?:do|can|should|could) i (?:do it|do that|go about it)\b|\bwhat (?:pills|method|dose)\b/;

type Rule = readonly [SafetyCategory, RegExp];

const RULES: readonly Rule[] = [
  [
    'weapons_explosives',
    new RegExp(`\\b${HOW}\\b.{0,40}\\b${WEAPON_MAKE}\\b.{0,30}\\b${EXPLOSIVE}\\b`),
  ],
  [
    'weapons_explosives',
    new RegExp(
      `\\b(?:recipes?|formulas?|blueprints?|schematics?|ingredients|parts list|diagrams?) (?:for|to make|to build|of) (?:an? |the )?(?:\\w+ )?${EXPLOSIVE}\\b`,
    ),
  ],
  [
    'weapons_explosives',
    new RegExp(
      `\\bhow (?:much|many) (?:[\\w-]+ ){1,4}(?:do|would|should|will|does) (?:i|we|you|one|it) (?:need|use|take)\\b.{0,20}\\b(?:for|to make|to build|in) (?:an? |the )?(?:[\\w-]+ )?${EXPLOSIVE}`,
    ),
  ],
  // Bomb-making steps in an answer: an imperative with a casing and a charge in one sentence.
  [
    'weapons_explosives',
    /(?:^|, |\b(?:then|and|next|first) )(?:pack|fill|attach|wire|connect|insert|mix|seal|tape)\b(?=.{0,80}\b(?:pipe|pressure cooker|casing|shrapnel|nails|ball bearings)\b)(?=.{0,80}\b(?:explosives?|detonators?|blasting caps?|black powder|gunpowder|fuses?)\b)/,
  ],
  [
    'weapons_explosives',
    /\b(?:convert|modify|turn) (?:an? |my )?(?:ar-?15|glock|rifle|pistol|handgun|semi-?auto\w*)\b.{0,20}\b(?:full[- ]?auto|automatic|machine gun)\b/,
  ],
  ['self_harm', new RegExp(`\\b${SELF_HARM_METHOD}\\b.{0,40}\\b${SELF_HARM_ACT}\\b`)],
  [
    'self_harm',
    /\bhow (?:many|much) (?:\w+ ){0,3}(?:pills|tablets|mg|milligrams|grams|capsules)\b.{0,40}\b(?:to die|to kill (?:myself|me|a person|someone)|would kill|is lethal|lethal dose|to overdose|to not wake up)\b|\blethal dose of \w+ (?:for|to kill) (?:a human|me|myself|a person)\b|\b(?:which|what) (?:bridge|building|height|floor)\b.{0,30}\b(?:to jump|jump from|high enough to die)\b|\bhow to hide (?:my )?(?:cuts|self[- ]harm|scars) from\b|\b(?:pills|drugs|medications?|medicines?|tablets|poisons?|chemicals?) (?:that|which) (?:would|will|could|can) (?:kill me|end my life)\b|\bpro[- ]ana tips\b/,
  ],
  [
    'self_harm',
    /\b(?:you should|go|just|why don't you|please|pls) (?:go )?(?:kill yourself|kys|end your life|end it all|commit suicide|hang yourself|cut yourself|drink bleach)\b|\bkys\b|\bnobody would miss you\b|\b(?:just|go|you should) end it(?: all)?\b.{0,40}\b(?:nobody|no one) (?:wants|needs|loves|cares about) you\b|\bthe world (?:would be|is) better (?:off )?without you\b|\byou deserve to die\b|\bdo (?:us|everyone|the world) a favou?r and (?:die|disappear|kill yourself)\b|\b(?:cutting(?: yourself)?|starving yourself|hurting yourself|self[- ]harm(?:ing)?) (?:is|feels) (?:so |really )?(?:good|great|amazing|the answer|worth it)\b/,
  ],
  [
    'sexual_minors',
    /\b(?:csam|child porn\w*|kiddie porn|pedo (?:pics|videos|content)|cp (?:links|videos|pics))\b/,
  ],
  [
    'sexual_minors',
    new RegExp(
      `\\b${SEXUAL}\\b.{0,50}\\b${MINOR}\\b|\\b${MINOR}\\b.{0,50}\\b${SEXUAL}\\b|\\b${EXPLICIT}\\b.{0,50}\\b${TEEN}\\b|\\b${TEEN}\\b.{0,50}\\b${EXPLICIT}\\b`,
    ),
  ],
  [
    'hate_harassment',
    new RegExp(
      `\\b(?:all |those |these |the |most )?${GROUP} (?:are|is) (?:all |just |nothing but |basically |literally )?${DEHUMANISING}\\b`,
    ),
  ],
  [
    'hate_harassment',
    new RegExp(
      `\\b(?:kill|exterminate|eradicate|gas|wipe out|eliminate|get rid of|deport|lynch|hang|burn|shoot|purge|cleanse the (?:country|nation) of) (?:all |the |those |these |every )*${GROUP}\\b|\\b${GROUP} (?:should|must|need to|deserve to|ought to) (?:all )?(?:die|be (?:killed|exterminated|wiped out|gassed|eradicated|eliminated|shot|hanged|burned|sterili[sz]ed|enslaved|locked up|deported|expelled|banned)|burn|not (?:be allowed to )?(?:vote|exist|have rights|breed))\\b|\\bi hate (?:all )?${GROUP}\\b|\\b${GROUP} (?:don't|do not) deserve (?:rights|to live|to exist)\\b|\\bdeath to (?:all )?${GROUP}\\b`,
    ),
  ],
  [
    'malware_credentials',
    new RegExp(`\\b${HOW}\\b.{0,40}\\b${MALWARE_MAKE}\\b.{0,30}\\b${MALWARE}`),
  ],
  [
    'malware_credentials',
    new RegExp(
      `\\b(?:(?:write|code|build|create|make|develop|program|generate) (?:me )?|give me (?:the )?(?:code|a script|a program|source code) (?:for|of) )(?:a |an |the |some )?(?:(?:python|c\\+\\+|c#|javascript|powershell|bash|simple|working|undetectable|stealthy|basic|small|custom|new) )*${MALWARE}`,
    ),
  ],
  [
    'malware_credentials',
    new RegExp(
      `\\b(?:${HOW}|can you)\\b.{0,30}\\b(?:steal|stealing|harvest|harvesting|grab|grabbing|collect|collecting|exfiltrate|phish|phishing|sniff|intercept|capture|scrape|crack|cracking|dump) (?!my (?:own )?(?:passwords?|credentials|accounts?|logins?)\\b)(?:[\\w']+ ){0,3}${CREDENTIALS}`,
    ),
  ],
  [
    'malware_credentials',
    new RegExp(
      `\\b(?:hack|hacking|break|get) into ${PERSON_TARGET} (?:\\w+ )?(?:account|email|phone|instagram|facebook|snapchat|whatsapp|icloud|gmail|wifi|wi-fi|computer|laptop)|\\b(?:bypass|get around) (?:the )?(?:2fa|two[- ]factor|mfa)\\b.{0,20}\\b(?:on|for|of) ${PERSON_TARGET}|\\bcrack ${PERSON_TARGET} (?:\\w+ )?(?:wifi|wi-fi|password)`,
    ),
  ],
  [
    'violent_threats',
    new RegExp(
      `\\b(?:i|we)(?:'ll| will|'m going to|'m gonna| am going to| am gonna|'re going to| are going to| want to| wanna| plan to| intend to| am about to| am planning to| gonna| going to)\\s(?:\\w+ )?${VIOLENT_VERB} ${VICTIM}`,
    ),
  ],
  [
    'violent_threats',
    new RegExp(
      `\\b(?:i|we)(?:'ll| will|'m going to|'m gonna| am going to| am gonna|'re going to| are going to| gonna)\\s(?:\\w+ )?(?:put a bullet in|break|slit|bash in|bash|smash|snap|cut|blow off|rip off) (?:your|his|her|their|my [\\w']+) (?:head|legs?|arms?|neck|throat|face|skull|kneecaps?|teeth|jaw|fingers?|brains?)\\b`,
    ),
  ],
  [
    'violent_threats',
    /\byou(?:'re| are) (?:going to|gonna) die\b|\bbeat (?:you|him|her|them) (?:to death|senseless|bloody)\b|\bi know where you live\b|\bi(?:'ll| will) find you and (?:kill|hurt|make you pay)\b|\bshoot(?:ing)? up (?:the|a|my|our|this) (?:school|office|mall|church|club|place|party)\b|\bthere will be (?:a )?(?:bloodbath|massacre)\b/,
  ],
];

/** Assesses a text; categories are reported once each, in the order above. */
export function assessContentSafety(text: string): SafetyAssessment {
  const found = new Set<SafetyCategory>();
  const normalised = normaliseForScreening(text);
  for (const sentence of sentences(normalised)) {
    for (const [category, pattern] of RULES) {
      if (found.has(category) || !pattern.test(sentence)) continue;
      if (
        category === 'sexual_minors' &&
        PROTECTIVE.test(sentence) &&
        !/\bcsam\b|\bporn/.test(sentence)
      )
        continue;
      if (
        (category === 'violent_threats' || category === 'hate_harassment') &&
        REPORTED.test(sentence)
      )
        continue;
      found.add(category);
    }
  }
  // "I want to die. What's the easiest way?": intent and method can sit in different sentences.
  if (SUICIDAL_INTENT.test(normalised) && METHOD_ASK.test(normalised)) found.add('self_harm');
  const categories = [...found];
  return { safe: categories.length === 0, categories, score: categories.length ? 0.9 : 0 };
}

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?;])\s+|\n+/).filter((s) => s.trim().length > 0);
}
