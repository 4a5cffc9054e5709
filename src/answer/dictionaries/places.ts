/*
 * Place names for the router, from the gazetteer of the language toolkit (src/language/gazetteer.ts):
 * countries, regions and cities with their aliases, plus the exonyms below. Demonyms are left out on purpose: "Swiss
 * francs" or "Canadian dollars" name a currency, not a place to forecast.
 */
import {
  CAPITALISED_ONLY,
  CITIES,
  COUNTRIES,
  PLACE_ALIASES,
  REGIONS,
} from '../../language/gazetteer.js';

/**
 * Exonyms: what Spanish, French, German, Portuguese and Italian speakers call big cities and
 * countries (lower case, accents folded; `|` between places, `,` between names) -> the
 * gazetteer's English name.
 */
const EXONYM_TABLE = `
london: londres, londra | new york: nueva york, nova iorque, nova york |
munich: munchen, munique | lisbon: lisboa, lissabon, lisbonne, lisbona |
beijing: pekin, pequim, pechino | moscow: moscu, moscou, moskau, mosca | vienna: viena, vienne, wien |
rome: roma, rom | cologne: colonia, koln | milan: milano, mailand | naples: napoles, napoli, neapel |
florence: florencia, firenze, florenz | venice: venecia, venise, venedig, venezia, veneza |
turin: torino | athens: atenas, athenes, athen, atene | prague: praga, prag |
warsaw: varsovia, varsovie, warschau, varsavia | brussels: bruselas, bruxelles, brussel, bruxelas |
copenhagen: copenhague, kopenhagen, copenaghen | stockholm: estocolmo, stoccolma |
geneva: ginebra, geneve, genf, ginevra, genebra | tokyo: tokio |
cairo: el cairo, le caire, kairo, il cairo |
mexico city: ciudad de mexico, mexiko stadt, cidade do mexico, citta del messico |
seville: sevilla, siviglia | edinburgh: edimburgo, edimbourg | dublin: dublino | paris: parigi |
berlin: berlino | saint petersburg: san petersburgo, saint petersbourg, sankt petersburg |
istanbul: estambul | new delhi: nueva delhi | new orleans: nueva orleans |
germany: alemania, allemagne, deutschland, germania, alemanha |
spain: espana, espagne, spanien, spagna, espanha | france: francia, frankreich, franca |
italy: italia, italien, italie | united kingdom: reino unido, royaume uni, regno unito |
united states: estados unidos, etats unis, vereinigte staaten, stati uniti |
switzerland: suiza, suisse, schweiz, svizzera, suica | austria: osterreich, autriche |
japan: japon, japao, giappone | china: chine`;

const EXONYMS: ReadonlyArray<[string, string]> = EXONYM_TABLE.split('|').flatMap((entry) => {
  const [canonical = '', names = ''] = entry.split(':').map((part) => part.trim());
  return names.split(',').map((name): [string, string] => [name.trim(), canonical]);
});

/** Lower-case, accent-free place name, alias or exonym -> canonical lower-case name. */
export const PLACE_NAMES: ReadonlyMap<string, string> = new Map<string, string>([
  ...[...COUNTRIES, ...REGIONS, ...CITIES].map((name): [string, string] => [name, name]),
  ...PLACE_ALIASES,
  ...EXONYMS,
]);

/**
 * Regions and countries (canonical names and their aliases): what may qualify a city after a
 * comma ("Paris, Texas", "London, UK"), and what is never itself qualified.
 */
export const QUALIFIER_PLACES: ReadonlySet<string> = new Set<string>([
  ...COUNTRIES,
  ...REGIONS,
  ...[...PLACE_ALIASES, ...EXONYMS]
    .filter(([, to]) => COUNTRIES.includes(to) || REGIONS.includes(to))
    .map(([from]) => from),
]);

/** Names that are also common words or first names ("nice", "reading"): need a capital. */
export const PLACES_NEEDING_CAPITAL: ReadonlySet<string> = CAPITALISED_ONLY;

/** A canonical lower-case name written as a name: `sao paulo` gives `Sao Paulo`. */
export function displayPlace(name: string): string {
  return name.replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}
