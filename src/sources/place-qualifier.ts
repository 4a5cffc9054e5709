/*
 * Qualified place names: "Paris, Texas", "Portland, OR", "London, Canada", "Perth, WA". The part
 * after the first comma narrows the name to a first-level region (state, province: the geocoder's
 * `admin1`) or a country (name or ISO 3166 code). The geocoder takes only a name, so the qualifier
 * is matched against its candidates here.
 */
import type { Place } from './model.js';

/** A location as typed, split into the name to geocode and the qualifiers that narrow it. */
export interface QualifiedName {
  /** The name to geocode, trimmed, inner spaces collapsed: `Paris`. */
  name: string;
  /** As written, each trimmed: `['Texas']`, `['TX']`, `[]` when none. */
  qualifiers: string[];
}

// Two-letter postal codes of US states (and DC), Canadian provinces and territories, and the
// usual abbreviations of Australian states: code -> admin1 as the geocoder names it.
const REGION_TABLE = `
AL=Alabama|AK=Alaska|AZ=Arizona|AR=Arkansas|CA=California|CO=Colorado|CT=Connecticut|DE=Delaware|
DC=District of Columbia|FL=Florida|GA=Georgia|HI=Hawaii|ID=Idaho|IL=Illinois|IN=Indiana|IA=Iowa|
KS=Kansas|KY=Kentucky|LA=Louisiana|ME=Maine|MD=Maryland|MA=Massachusetts|MI=Michigan|MN=Minnesota|
MS=Mississippi|MO=Missouri|MT=Montana|NE=Nebraska|NV=Nevada|NH=New Hampshire|NJ=New Jersey|
NM=New Mexico|NY=New York|NC=North Carolina|ND=North Dakota|OH=Ohio|OK=Oklahoma|OR=Oregon|
PA=Pennsylvania|RI=Rhode Island|SC=South Carolina|SD=South Dakota|TN=Tennessee|TX=Texas|UT=Utah|
VT=Vermont|VA=Virginia|WA=Washington|WV=West Virginia|WI=Wisconsin|WY=Wyoming|PR=Puerto Rico|
AB=Alberta|BC=British Columbia|MB=Manitoba|NB=New Brunswick|NL=Newfoundland and Labrador|
NS=Nova Scotia|NT=Northwest Territories|NU=Nunavut|ON=Ontario|PE=Prince Edward Island|QC=Quebec|
SK=Saskatchewan|YT=Yukon|NSW=New South Wales|VIC=Victoria|QLD=Queensland|WA=Western Australia|
SA=South Australia|TAS=Tasmania|NT=Northern Territory|ACT=Australian Capital Territory`;

// Country names people write that differ from the geocoder's English name: name -> ISO code.
const COUNTRY_TABLE = `
usa=US|us=US|u s=US|u s a=US|america=US|united states of america=US|the united states=US|
uk=GB|u k=GB|britain=GB|great britain=GB|england=GB|scotland=GB|wales=GB|northern ireland=GB|
holland=NL|the netherlands=NL|czechia=CZ|czech republic=CZ|ivory coast=CI|uae=AE|
south korea=KR|korea=KR|russia=RU|vietnam=VN|turkey=TR|turkiye=TR|macedonia=MK|burma=MM`;

const pairs = (table: string) =>
  table
    .split('|')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => entry.split('=') as [string, string]);

/** Lower case, no accents, no dots, single spaces: `D.C.` gives `dc`, `Québec` gives `quebec`. */
export function foldQualifier(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/\./g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Region code (upper case) -> the admin1 names it may stand for (`WA`: Washington, Western Australia). */
export const REGION_CODES: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [code, name] of pairs(REGION_TABLE)) map.set(code, [...(map.get(code) ?? []), name]);
  return map;
})();

const COUNTRY_ALIASES: ReadonlyMap<string, string> = new Map(pairs(COUNTRY_TABLE));

/** Splits `Paris, Texas` into the name and its qualifiers; see QualifiedName. */
export function splitQualifier(location: string): QualifiedName {
  const [name = '', ...rest] = location.split(',').map((part) => part.trim().replace(/\s+/g, ' '));
  return { name, qualifiers: rest.filter(Boolean) };
}

/** The key a location is looked up and cached under: `paris|texas`, or `paris` when unqualified. */
export function geocodeKey(location: string): string {
  const { name, qualifiers } = splitQualifier(location);
  return [name.toLowerCase(), ...qualifiers.map(foldQualifier)].join('|');
}

/** Whether a place lies in the region or country a qualifier names. */
export function matchesQualifier(place: Place, qualifier: string): boolean {
  const q = foldQualifier(qualifier);
  if (!q) return true;
  const regions = new Set([q, ...(REGION_CODES.get(q.toUpperCase()) ?? []).map(foldQualifier)]);
  const codes = new Set([q, COUNTRY_ALIASES.get(q)?.toLowerCase()]);
  const admin1 = place.admin1 === null ? null : foldQualifier(place.admin1);
  const country = place.country === null ? null : foldQualifier(place.country);
  return (
    (admin1 !== null && regions.has(admin1)) ||
    (country !== null && q === country) ||
    (place.countryCode !== null && codes.has(place.countryCode.toLowerCase()))
  );
}

/** The first place (the geocoder's best first) matching every qualifier, or undefined. */
export function pickQualified(
  places: readonly Place[],
  qualifiers: readonly string[],
): Place | undefined {
  return places.find((place) => qualifiers.every((q) => matchesQualifier(place, q)));
}

/** `Paris (Île-de-France, France)`: how a candidate is named in a NOT_FOUND message. */
export function describeCandidate(place: Place): string {
  const where = [place.admin1, place.country].filter(
    (part) => part !== null && part !== place.name,
  );
  return where.length > 0 ? `${place.name} (${where.join(', ')})` : place.name;
}
