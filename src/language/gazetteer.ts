/*
 * A small world gazetteer: countries, first-level regions (US states, Canadian provinces,
 * Australian states, Indian states, UK nations), continents and about 400 cities people ask about, with
 * common aliases and demonyms. Names are lower case, words separated by single spaces; `|`
 * separates entries in the literals below so multi-word names stay readable.
 */

const split = (list: string): string[] =>
  list
    .split('|')
    .map((name) => name.trim().replace(/\s+/g, ' '))
    .filter(Boolean);

/** Sovereign states and a few widely named territories. */
export const COUNTRIES: readonly string[] = split(`
afghanistan|albania|algeria|andorra|angola|antigua and barbuda|argentina|armenia|australia|austria|
azerbaijan|bahamas|bahrain|bangladesh|barbados|belarus|belgium|belize|benin|bhutan|bolivia|
bosnia and herzegovina|botswana|brazil|brunei|bulgaria|burkina faso|burundi|cambodia|cameroon|canada|
cape verde|central african republic|chad|chile|china|colombia|comoros|congo|costa rica|croatia|cuba|
cyprus|czech republic|czechia|denmark|djibouti|dominica|dominican republic|ecuador|egypt|el salvador|
equatorial guinea|eritrea|estonia|eswatini|ethiopia|fiji|finland|france|gabon|gambia|georgia|germany|
ghana|greece|grenada|guatemala|guinea|guinea bissau|guyana|haiti|honduras|hungary|iceland|india|
indonesia|iran|iraq|ireland|israel|italy|ivory coast|jamaica|japan|jordan|kazakhstan|kenya|kiribati|
kosovo|kuwait|kyrgyzstan|laos|latvia|lebanon|lesotho|liberia|libya|liechtenstein|lithuania|luxembourg|
madagascar|malawi|malaysia|maldives|mali|malta|marshall islands|mauritania|mauritius|mexico|
micronesia|moldova|monaco|mongolia|montenegro|morocco|mozambique|myanmar|namibia|nauru|nepal|
netherlands|new zealand|nicaragua|niger|nigeria|north korea|north macedonia|norway|oman|pakistan|
palau|palestine|panama|papua new guinea|paraguay|peru|philippines|poland|portugal|qatar|romania|russia|
rwanda|saint lucia|samoa|san marino|saudi arabia|senegal|serbia|seychelles|sierra leone|singapore|
slovakia|slovenia|solomon islands|somalia|south africa|south korea|south sudan|spain|sri lanka|sudan|
suriname|sweden|switzerland|syria|taiwan|tajikistan|tanzania|thailand|togo|tonga|trinidad and tobago|
tunisia|turkey|turkmenistan|tuvalu|uganda|ukraine|united arab emirates|united kingdom|united states|
uruguay|uzbekistan|vanuatu|vatican|venezuela|vietnam|yemen|zambia|zimbabwe|england|scotland|wales|
northern ireland|greenland|puerto rico|hong kong|macau|tibet`);

/** Continents and world regions. */
export const CONTINENTS: readonly string[] = split(`
africa|antarctica|asia|europe|north america|south america|latin america|oceania|middle east|
scandinavia|balkans|caribbean|southeast asia|central asia|east asia|south asia`);

/** First-level regions: US states, Canadian provinces, Australian and Indian states. */
export const REGIONS: readonly string[] = split(`
alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|hawaii|idaho|
illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|
mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico|north carolina|
north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|
texas|utah|vermont|virginia|west virginia|wisconsin|wyoming|alberta|british columbia|manitoba|
new brunswick|newfoundland|nova scotia|ontario|quebec|saskatchewan|new south wales|queensland|
tasmania|western australia|south australia|andhra pradesh|assam|bihar|chhattisgarh|goa|gujarat|
haryana|himachal pradesh|jharkhand|karnataka|kerala|madhya pradesh|maharashtra|manipur|odisha|
punjab|rajasthan|sikkim|tamil nadu|telangana|uttar pradesh|uttarakhand|west bengal|kashmir|
bavaria|catalonia|siberia|silicon valley`);

/** Cities: capitals, the largest metropolitan areas, and cities common in travel and tech questions. */
export const CITIES: readonly string[] = split(`
new york|los angeles|chicago|houston|phoenix|philadelphia|san antonio|san diego|dallas|san jose|
austin|jacksonville|san francisco|columbus|fort worth|indianapolis|charlotte|seattle|denver|
washington dc|boston|el paso|nashville|detroit|portland|las vegas|memphis|louisville|baltimore|
milwaukee|albuquerque|tucson|fresno|sacramento|kansas city|atlanta|miami|raleigh|omaha|
minneapolis|tulsa|cleveland|oakland|new orleans|honolulu|pittsburgh|st louis|cincinnati|orlando|
tampa|salt lake city|anchorage|palo alto|mountain view|cupertino|berkeley|princeton|cambridge|
toronto|montreal|vancouver|calgary|ottawa|edmonton|winnipeg|mexico city|guadalajara|monterrey|
cancun|havana|panama city|bogota|medellin|lima|quito|caracas|santiago|buenos aires|montevideo|
sao paulo|rio de janeiro|brasilia|salvador|la paz|london|manchester|birmingham|liverpool|leeds|
glasgow|edinburgh|bristol|oxford|dublin|belfast|cardiff|paris|marseille|lyon|toulouse|nice|bordeaux|
strasbourg|lille|brussels|antwerp|amsterdam|rotterdam|the hague|luxembourg city|berlin|hamburg|
munich|cologne|frankfurt|stuttgart|dusseldorf|dresden|leipzig|hanover|vienna|salzburg|zurich|
geneva|basel|bern|madrid|barcelona|valencia|seville|malaga|bilbao|lisbon|porto|rome|milan|naples|
turin|florence|venice|bologna|palermo|athens|thessaloniki|istanbul|ankara|izmir|copenhagen|
stockholm|gothenburg|oslo|bergen|helsinki|reykjavik|tallinn|riga|vilnius|warsaw|krakow|gdansk|
wroclaw|prague|brno|bratislava|budapest|bucharest|sofia|belgrade|zagreb|ljubljana|sarajevo|skopje|
tirana|kyiv|kiev|lviv|odessa|minsk|moscow|saint petersburg|novosibirsk|kazan|chisinau|tbilisi|
yerevan|baku|tel aviv|jerusalem|haifa|beirut|damascus|amman|baghdad|tehran|riyadh|jeddah|mecca|
medina|doha|dubai|abu dhabi|muscat|kuwait city|manama|sanaa|cairo|alexandria|casablanca|marrakesh|
rabat|tunis|algiers|tripoli|khartoum|addis ababa|nairobi|mombasa|kampala|kigali|dar es salaam|
zanzibar|lagos|abuja|accra|dakar|kinshasa|luanda|johannesburg|cape town|durban|pretoria|harare|
lusaka|maputo|antananarivo|karachi|lahore|islamabad|rawalpindi|peshawar|kabul|dhaka|chittagong|
kathmandu|colombo|thimphu|delhi|new delhi|mumbai|bangalore|hyderabad|chennai|kolkata|pune|ahmedabad|
surat|jaipur|lucknow|kanpur|nagpur|indore|bhopal|patna|vadodara|ludhiana|agra|nashik|varanasi|
srinagar|amritsar|chandigarh|coimbatore|kochi|madurai|mysore|mangalore|visakhapatnam|vijayawada|
guwahati|bhubaneswar|ranchi|dehradun|noida|gurgaon|gurugram|thiruvananthapuram|trivandrum|
jodhpur|udaipur|shimla|manali|darjeeling|kurseong|ooty|rishikesh|sangli|kota|raipur|jabalpur|
aurangabad|thane|navi mumbai|beijing|shanghai|guangzhou|shenzhen|chengdu|chongqing|wuhan|xian|
hangzhou|nanjing|tianjin|suzhou|harbin|lhasa|taipei|kaohsiung|tokyo|osaka|kyoto|yokohama|nagoya|
sapporo|fukuoka|kobe|hiroshima|okinawa|seoul|busan|incheon|pyongyang|ulaanbaatar|bangkok|phuket|
chiang mai|pattaya|hanoi|ho chi minh city|saigon|da nang|phnom penh|siem reap|vientiane|yangon|
kuala lumpur|penang|singapore city|jakarta|bali|surabaya|bandung|manila|cebu|davao|sydney|melbourne|
brisbane|perth|adelaide|canberra|hobart|darwin|gold coast|auckland|wellington|christchurch|
queenstown|suva|tashkent|samarkand|almaty|astana|bishkek|dushanbe|ashgabat`);

/** Aliases and old names, mapped to the entry they name. */
export const PLACE_ALIASES: ReadonlyMap<string, string> = new Map(
  split(`
us=united states|usa=united states|u s a=united states|united states of america=united states|america=united states|
uk=united kingdom|u k=united kingdom|britain=united kingdom|great britain=united kingdom|
uae=united arab emirates|holland=netherlands|burma=myanmar|persia=iran|ceylon=sri lanka|
nyc=new york|new york city=new york|bombay=mumbai|calcutta=kolkata|madras=chennai|
bengaluru=bangalore|peking=beijing|canton=guangzhou|st petersburg=saint petersburg|
saint louis=st louis|washington d c=washington dc|mumbai city=mumbai|ncr=delhi|
gurugram=gurgaon|kiev=kyiv|saigon=ho chi minh city|trivandrum=thiruvananthapuram|
cote d ivoire=ivory coast|czechia=czech republic|the netherlands=netherlands|sf=san francisco`).map(
    (pair) => pair.split('=') as [string, string],
  ),
);

/** Demonyms and adjectives of place, mapped to the place ("German university" names Germany). */
export const DEMONYMS: ReadonlyMap<string, string> = new Map(
  split(`
american=united states|americans=united states|british=united kingdom|english=england|
scottish=scotland|welsh=wales|irish=ireland|french=france|german=germany|germans=germany|
italian=italy|italians=italy|spanish=spain|portuguese=portugal|dutch=netherlands|belgian=belgium|
swiss=switzerland|austrian=austria|swedish=sweden|norwegian=norway|danish=denmark|finnish=finland|
polish=poland|russian=russia|russians=russia|ukrainian=ukraine|greek=greece|turkish=turkey|
chinese=china|japanese=japan|korean=south korea|indian=india|indians=india|pakistani=pakistan|
bangladeshi=bangladesh|nepali=nepal|sri lankan=sri lanka|afghan=afghanistan|iranian=iran|
iraqi=iraq|israeli=israel|saudi=saudi arabia|egyptian=egypt|nigerian=nigeria|kenyan=kenya|
ethiopian=ethiopia|canadian=canada|canadians=canada|mexican=mexico|brazilian=brazil|
argentinian=argentina|colombian=colombia|chilean=chile|peruvian=peru|cuban=cuba|
australian=australia|australians=australia|kiwi=new zealand|filipino=philippines|thai=thailand|
vietnamese=vietnam|indonesian=indonesia|malaysian=malaysia|singaporean=singapore|
bulgarian=bulgaria|romanian=romania|hungarian=hungary|czech=czech republic|serbian=serbia|
croatian=croatia|albanian=albania|icelandic=iceland|syrian=syria|lebanese=lebanon|
moroccan=morocco|algerian=algeria|tunisian=tunisia|ghanaian=ghana|south african=south africa|
californian=california|texan=texas|punjabi=punjab|bengali=west bengal|tamil=tamil nadu|
kashmiri=kashmir|gujarati=gujarat|marathi=maharashtra|kannada=karnataka|telugu=andhra pradesh|
malayali=kerala|parisian=paris|londoner=london|european=europe|europeans=europe|asian=asia|
african=africa|scandinavian=scandinavia|latin american=latin america|caribbean=caribbean`).map(
    (pair) => pair.split('=') as [string, string],
  ),
);

/**
 * Names that are also common words or first names: matched only when written with a capital
 * ("Nice weather" at the start of a question still counts; "a nice day" does not).
 */
export const CAPITALISED_ONLY: ReadonlySet<string> = new Set(
  split(
    'nice|turkey|chad|jordan|victoria|reading|bath|split|darwin|salvador|guinea|niger|mali|' +
      'columbus|phoenix|charlotte|austin|florence|kobe|lima|sofia|santiago|medina|kiwi|polish|' +
      'us|sf|kota|jersey|hanover|ncr',
  ),
);

/** Every place name and alias mapped to its canonical name (a country, region or city). */
export const PLACE_INDEX: ReadonlyMap<string, string> = new Map<string, string>([
  ...[...CONTINENTS, ...COUNTRIES, ...REGIONS, ...CITIES].map((name): [string, string] => [
    name,
    name,
  ]),
  ...PLACE_ALIASES,
  ...DEMONYMS,
]);

/** Longest place name, in words: how far `findPlaces` looks ahead. */
const MAX_WORDS = Math.max(...[...PLACE_INDEX.keys()].map((name) => name.split(' ').length));

/** A place named in a sequence of words: words[start..end) name `place`. */
export interface PlaceSpan {
  start: number;
  end: number;
  place: string;
}

/**
 * The canonical places named in a sequence of words (as written, any case), longest match first:
 * `['Weather', 'in', 'New', 'York']` gives `['new york']`. `us` counts only when written `US`.
 */
export function findPlaces(words: readonly string[]): string[] {
  return findPlaceSpans(words).map((span) => span.place);
}

/** Like `findPlaces`, with the word positions of each match. */
export function findPlaceSpans(words: readonly string[]): PlaceSpan[] {
  const found: PlaceSpan[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let n = Math.min(MAX_WORDS, words.length - i); n >= 1; n--) {
      const written = words.slice(i, i + n);
      const name = written.join(' ').toLowerCase();
      const place = PLACE_INDEX.get(name);
      if (place === undefined) continue;
      if (CAPITALISED_ONLY.has(name) && !isCapitalised(written[0] as string, name)) continue;
      found.push({ start: i, end: i + n, place });
      i += n - 1;
      break;
    }
  }
  return found;
}

function isCapitalised(word: string, name: string): boolean {
  // "US" must be all capitals: "us" and "Us" are the pronoun.
  if (name === 'us' || name === 'sf') return word === word.toUpperCase();
  return /^\p{Lu}/u.test(word);
}
