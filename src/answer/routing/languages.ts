/*
 * The router's vocabulary in other languages: Spanish, French, German, Portuguese and Italian,
 * for weather, price and exchange-rate questions ("¿Qué tiempo hace en Londres?", "prix du
 * bitcoin", "Wechselkurs Euro Dollar"). One record per language, general words, never copied from
 * labelled questions; lexicon.ts merges them into the English sets. Every entry is a normalised
 * token (lower case, no accents, no apostrophes: "aujourd'hui" is `aujourdhui`, "mañana" is
 * `manana`); phrases are space-separated tokens ("fin de semana"; "week-end" is `week end`).
 * Words that are also common English words ("sole", "action", "change") are left out on purpose.
 */

/** The time words of a language, by what they ask about (see places.ts `findWhen`). */
export interface LanguageTimes {
  now: string;
  today: string;
  tomorrow: string;
  weekend: string;
  week: string;
  /** Monday to Sunday, one slot per day; `/` separates alternatives (`samstag/sonnabend`). */
  weekdays: string;
  /** Nouns for "day(s)" after a count ("3 días", "5 Tage"). */
  days: string;
  /** Number words up to 14: `dos=2 tres=3`. */
  counts: string;
}
// In `now`, `today`, `tomorrow`, `weekend` and `week`, phrases follow a `|`: `finde|fin de semana`.

/** One language's routing vocabulary. */
export interface Language {
  code: string;
  name: string;
  /** Weather conditions and things people check the weather for. */
  weather: string;
  times: LanguageTimes;
  /** Prepositions before a place ("en Madrid", "à Paris", "im Allgäu"). */
  placePrepositions: string;
  /** Price and share words: claim a company or coin near them ("precio", "Aktie"). */
  prices: string;
  /** Exchange-rate and conversion words ("cambio", "taux", "Wechselkurs"). */
  rates: string;
  /** Prepositions that put a price or an amount in a currency ("en euros", "in Euro"). */
  into: string;
  /** Articles, pronouns, auxiliaries: never part of a place name, never typos of English cues. */
  functionWords: string;
}

export const LANGUAGES: readonly Language[] = [
  {
    code: 'es',
    name: 'Spanish',
    weather: `tiempo clima lluvia llueve lloviendo llover llovera lluvioso nieve nieva nevar nevando
      nevara temperatura temperaturas calor caluroso frio fresco viento ventoso nublado soleado
      tormenta tormentas pronostico paraguas grados humedad granizo niebla`,
    times: {
      now: 'ahora actualmente',
      today: 'hoy tarde noche|esta manana|esta tarde|esta noche',
      tomorrow: 'manana',
      weekend: 'finde|fin de semana',
      week: 'semana semanal',
      weekdays: 'lunes martes miercoles jueves viernes sabado domingo',
      days: 'dias dia',
      counts: 'dos=2 tres=3 cuatro=4 cinco=5 seis=6 siete=7 diez=10 catorce=14',
    },
    placePrepositions: 'en para',
    prices: 'precio precios cotizacion accion acciones',
    rates: 'cambio convertir conversion',
    into: 'en contra',
    functionWords: `que cual como el la los las lo un una de del al y o es esta este estan hace
      hara hay sera va a cuanto cuanta por con mi su se muy mas`,
  },
  {
    code: 'fr',
    name: 'French',
    weather: `meteo temps pluie pleut pleuvoir pleuvra pluvieux neige neiger neigera temperature
      temperatures chaud froid venteux nuageux ensoleille orage orages previsions prevision
      parapluie degres humidite brouillard grele`,
    times: {
      now: 'maintenant actuellement',
      today: 'aujourdhui soir matin|ce soir|ce matin|cet apres midi',
      tomorrow: 'demain',
      weekend: '|week end|fin de semaine',
      week: 'semaine',
      weekdays: 'lundi mardi mercredi jeudi vendredi samedi dimanche',
      days: 'jours jour',
      counts: 'deux=2 trois=3 quatre=4 cinq=5 six=6 sept=7 dix=10 quatorze=14',
    },
    placePrepositions: 'a au aux en pour',
    prices: 'prix cours cotation',
    rates: 'taux convertir conversion',
    into: 'en contre',
    functionWords: `quel quelle quels quelles le la les l d du des de un une et ou est il elle
      fait fera va au aux en ce cet cette qu que quoi comment combien pour sur dans y`,
  },
  {
    code: 'de',
    name: 'German',
    weather: `wetter regen regnen regnet regnerisch schnee schneien schneit temperatur temperaturen
      kalt heiss windig bewolkt sonnig gewitter sturm vorhersage wettervorhersage regenschirm
      luftfeuchtigkeit nebel hagel`,
    times: {
      now: 'jetzt gerade aktuell derzeit',
      today: 'heute abend nachmittag',
      tomorrow: 'morgen',
      weekend: 'wochenende',
      week: 'woche',
      weekdays: 'montag dienstag mittwoch donnerstag freitag samstag/sonnabend sonntag',
      days: 'tage tagen tag',
      counts: 'zwei=2 drei=3 vier=4 funf=5 sechs=6 sieben=7 zehn=10 vierzehn=14',
    },
    placePrepositions: 'in im nach fur bei',
    prices: 'preis preise kurs aktie aktien aktienkurs',
    rates: 'wechselkurs umrechnen kurs',
    into: 'in zu nach gegen',
    functionWords: `wie was ist das der die den dem des ein eine und oder es wird wirds gibt wo
      welche welcher welches im am an zu von fur mit sein werden`,
  },
  {
    code: 'pt',
    name: 'Portuguese',
    weather: `tempo clima chuva chove chover chovera chuvoso neve nevar temperatura temperaturas
      calor frio vento ventoso ensolarado nublado tempestade previsao graus umidade neblina granizo`,
    times: {
      now: 'agora atualmente',
      today: 'hoje noite manha|esta noite|esta tarde|esta manha',
      tomorrow: 'amanha',
      weekend: '|fim de semana',
      week: 'semana',
      weekdays: 'segunda terca quarta quinta sexta sabado domingo',
      days: 'dias dia',
      counts: 'dois=2 duas=2 tres=3 quatro=4 cinco=5 seis=6 sete=7 dez=10 catorze=14',
    },
    placePrepositions: 'em no na para',
    prices: 'preco precos cotacao acao acoes',
    rates: 'cambio cotacao converter conversao',
    into: 'em para contra',
    functionWords: `como qual quais o os as do da dos das de em no na e ou esta vai faz fara
      quanto para com feira`,
  },
  {
    code: 'it',
    name: 'Italian',
    weather: `tempo meteo pioggia piove piovere piovera piovoso neve nevica nevicare temperatura
      temperature caldo freddo vento ventoso nuvoloso soleggiato temporale previsioni ombrello
      gradi umidita nebbia grandine`,
    times: {
      now: 'adesso ora attualmente',
      today: 'oggi stasera stanotte stamattina pomeriggio',
      tomorrow: 'domani',
      weekend: '|fine settimana',
      week: 'settimana',
      weekdays: 'lunedi martedi mercoledi giovedi venerdi sabato domenica',
      days: 'giorni giorno',
      counts: 'due=2 tre=3 quattro=4 cinque=5 sei=6 sette=7 dieci=10 quattordici=14',
    },
    placePrepositions: 'a ad in per',
    prices: 'prezzo prezzi quotazione azione azioni',
    rates: 'cambio tasso convertire conversione',
    into: 'in contro',
    functionWords: `che come qual quale il lo la i gli le di del della dei delle al alla e o fa
      fara sara quanto per con`,
  },
];

/** Single words of a field: the part before the first `|`, split on spaces (times only have `|`). */
export const wordsOf = (field: string): string[] =>
  (field.split('|')[0] as string).split(/\s+/).filter(Boolean);

/** Phrases of a field: the parts after the first `|`. */
export const phrasesOf = (field: string): string[][] =>
  field
    .split('|')
    .slice(1)
    .map((phrase) => phrase.trim().split(/\s+/))
    .filter((phrase) => phrase.length > 0 && phrase[0] !== '');
