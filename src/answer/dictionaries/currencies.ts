/*
 * Currency names, signs and ISO 4217 codes. One line per currency: `CODE = name | name | ~name`,
 * English names first, then Spanish, French, German, Portuguese and Italian ones.
 * `~` marks a name that is also a common word ("won", "real", "pounds" of weight): it counts as a
 * currency only next to an amount or a conversion word ("1 million won", "in won").
 */
const TABLE = `
USD = dollar | dollars | us dollar | us dollars | american dollar | american dollars | greenback | ~bucks | $ | dolar | dolares | dollaro | dollari | dolar americano | dollar americain
EUR = euro | euros | €
GBP = pound | pounds | british pound | british pounds | pound sterling | sterling | ~quid | £ | libra esterlina | libras esterlinas | livre sterling | livres sterling | ~pfund | britisches pfund | sterlina | sterline | ~libra | ~libras
JPY = yen | japanese yen | ¥ | yenes | iene
CHF = swiss franc | swiss francs | franc | francs | franco suizo | francos suizos | franc suisse | francs suisses | schweizer franken | franken | franco svizzero | franchi svizzeri | franco suico
CNY = yuan | chinese yuan | renminbi | rmb
INR = rupee | rupees | indian rupee | indian rupees | ₹
KRW = korean won | south korean won | ~won | ₩
CAD = canadian dollar | canadian dollars | loonie
AUD = australian dollar | australian dollars | aussie dollar | aussie dollars
NZD = new zealand dollar | new zealand dollars | kiwi dollar
HKD = hong kong dollar | hong kong dollars
SGD = singapore dollar | singapore dollars
MXN = peso | pesos | mexican peso | mexican pesos
PHP = philippine peso | philippine pesos | ₱
BRL = brazilian real | brazilian reais | reais | ~real
SEK = swedish krona | swedish kronor | krona | kronor
NOK = norwegian krone | norwegian kroner | krone | kroner
DKK = danish krone | danish kroner
PLN = zloty | zlotys | polish zloty
CZK = czech koruna | koruna
HUF = forint | hungarian forint
TRY = lira | turkish lira | ₺
ZAR = south african rand | ~rand
ILS = shekel | shekels | israeli shekel | new shekel | ₪
THB = baht | thai baht | ฿
MYR = ringgit | malaysian ringgit
IDR = rupiah | indonesian rupiah
BGN = ~lev | bulgarian lev
RON = ~leu | ~lei | romanian leu
ISK = icelandic krona | icelandic kronur
`;

/** ISO 4217 codes of the currencies above (the ECB reference set Frankfurter serves). */
export const CURRENCY_CODES: ReadonlySet<string> = new Set(
  TABLE.split('\n')
    .filter((line) => line.includes('='))
    .map((line) => (line.split('=')[0] as string).trim()),
);

// Lower-case codes that are English words or names: only written in capitals do they count.
const CODES_NEEDING_CAPITALS = new Set(['try', 'php', 'ron', 'isk']);

/** One currency name as the router matches it. */
export interface CurrencyAlias {
  /** Lower-case phrase or sign (`swiss francs`, `£`, `usd`). */
  phrase: string;
  code: string;
  /** Needs an amount or a conversion word nearby. */
  weak: boolean;
  /** Counts only when written in capitals (`TRY`, not "try"). */
  capitalsOnly: boolean;
}

function parse(): CurrencyAlias[] {
  const aliases: CurrencyAlias[] = [];
  for (const line of TABLE.split('\n')) {
    if (!line.includes('=')) continue;
    const [code = '', rest = ''] = line.split('=').map((part) => part.trim());
    for (const name of rest.split('|').map((part) => part.trim())) {
      const weak = name.startsWith('~');
      aliases.push({ phrase: name.replace(/^~/, ''), code, weak, capitalsOnly: false });
    }
    const lower = code.toLowerCase();
    aliases.push({
      phrase: lower,
      code,
      weak: false,
      capitalsOnly: CODES_NEEDING_CAPITALS.has(lower),
    });
  }
  return aliases;
}

/** Every currency name, sign and code. */
export const CURRENCY_ALIASES: readonly CurrencyAlias[] = parse();

/** Currency signs written before an amount (`£50`, `€20`, `$100`). */
export const CURRENCY_SIGNS: ReadonlyMap<string, string> = new Map(
  CURRENCY_ALIASES.filter((alias) => /^\p{Sc}$/u.test(alias.phrase)).map((alias) => [
    alias.phrase,
    alias.code,
  ]),
);
