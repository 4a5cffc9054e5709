/*
 * Place names for the router, from the gazetteer the semantic cache uses (src/cache/gazetteer.ts):
 * countries, regions and cities with their aliases. Demonyms are left out on purpose: "Swiss
 * francs" or "Canadian dollars" name a currency, not a place to forecast.
 */
import {
  CAPITALISED_ONLY,
  CITIES,
  COUNTRIES,
  PLACE_ALIASES,
  REGIONS,
} from '../../cache/gazetteer.js';

/** Lower-case, accent-free place name or alias -> canonical lower-case name. */
export const PLACE_NAMES: ReadonlyMap<string, string> = new Map<string, string>([
  ...[...COUNTRIES, ...REGIONS, ...CITIES].map((name): [string, string] => [name, name]),
  ...PLACE_ALIASES,
]);

/** Names that are also common words or first names ("nice", "reading"): need a capital. */
export const PLACES_NEEDING_CAPITAL: ReadonlySet<string> = CAPITALISED_ONLY;

/** A canonical lower-case name written as a name: `sao paulo` gives `Sao Paulo`. */
export function displayPlace(name: string): string {
  return name.replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}
