/*
 * About 150 large listed companies (US, Europe, Asia) with the Yahoo-style symbol of their main
 * listing and the names people call them by. One entry per line: `SYMBOL = Name | alias | ~alias`.
 * A `~` marks a weak alias, a common English word ("apple", "target", "shell"): it names the
 * company only when written with a capital or next to a market word ("apple stock").
 */

/** A listed company the router can name. */
export interface Company {
  /** Yahoo-style symbol of the main listing: `AAPL`, `SAP.DE`, `7203.T`, `BRK-B`. */
  symbol: string;
  /** Display name. */
  name: string;
  /** ISO 4217 currency the listing trades in (from the exchange suffix). */
  currency: string;
}

const TABLE = `
AAPL = Apple | ~apple | apple inc
MSFT = Microsoft | msft
GOOGL = Alphabet | google
AMZN = Amazon | ~amazon | amazon.com
META = Meta Platforms | ~meta | facebook
NVDA = Nvidia
TSLA = Tesla
BRK-B = Berkshire Hathaway | berkshire
JPM = JPMorgan Chase | jpmorgan | jp morgan | chase bank
V = Visa | ~visa
MA = Mastercard
JNJ = Johnson & Johnson | johnson and johnson | j&j
WMT = Walmart
PG = Procter & Gamble | procter and gamble | p&g
XOM = ExxonMobil | exxon | exxon mobil
CVX = Chevron
UNH = UnitedHealth | unitedhealth group
HD = Home Depot | the home depot
KO = Coca-Cola | coca cola | coke
PEP = PepsiCo | pepsi
COST = Costco
NFLX = Netflix
ADBE = Adobe
CRM = Salesforce
ORCL = Oracle | ~oracle
INTC = Intel
AMD = AMD | advanced micro devices
QCOM = Qualcomm
AVGO = Broadcom
CSCO = Cisco
IBM = IBM
TXN = Texas Instruments
MU = Micron | micron technology
DIS = Disney | walt disney
NKE = Nike
MCD = McDonald's | mcdonalds
SBUX = Starbucks
BA = Boeing
LMT = Lockheed Martin
GE = General Electric | ge aerospace
CAT = Caterpillar
MMM = 3M
HON = Honeywell
F = Ford | ford motor
GM = General Motors
UBER = Uber
LYFT = Lyft
ABNB = Airbnb
PYPL = PayPal
SHOP = Shopify
SPOT = Spotify
PLTR = Palantir
SNOW = Snowflake
ZM = Zoom | ~zoom | zoom video
GS = Goldman Sachs | goldman
MS = Morgan Stanley
BAC = Bank of America | bofa
WFC = Wells Fargo
C = Citigroup | citi | citibank
AXP = American Express | amex
BLK = BlackRock
PFE = Pfizer
MRNA = Moderna
MRK = Merck
ABBV = AbbVie
LLY = Eli Lilly | lilly
AMGN = Amgen
BMY = Bristol-Myers Squibb | bristol myers
VZ = Verizon
T = AT&T | at&t | at and t
TMUS = T-Mobile | t mobile
CMCSA = Comcast
CVS = CVS Health | cvs
TGT = Target | ~target
LOW = Lowe's | lowes
DELL = Dell
HPQ = HP | hp inc | hewlett packard
SNAP = Snap | ~snap | snapchat
PINS = Pinterest
RDDT = Reddit
COIN = Coinbase
HOOD = Robinhood
MSTR = MicroStrategy | strategy inc
RIVN = Rivian
LCID = Lucid | lucid motors
DAL = Delta Air Lines | delta airlines
UAL = United Airlines
AAL = American Airlines
FDX = FedEx
UPS = UPS | united parcel service
CMG = Chipotle
BKNG = Booking Holdings | ~booking | booking.com
EBAY = eBay
EA = Electronic Arts
RBLX = Roblox
PANW = Palo Alto Networks
CRWD = CrowdStrike
NOW = ServiceNow
INTU = Intuit
AMAT = Applied Materials
ARM = Arm Holdings
SMCI = Super Micro Computer | supermicro
BABA = Alibaba
BIDU = Baidu
JD = JD.com | jd com
PDD = PDD Holdings | temu | pinduoduo
NIO = NIO
TEAM = Atlassian
SE = Sea Limited
SAP.DE = SAP
SIE.DE = Siemens
VOW3.DE = Volkswagen | vw
BMW.DE = BMW
MBG.DE = Mercedes-Benz | mercedes | mercedes benz group
ALV.DE = Allianz
DBK.DE = Deutsche Bank
ADS.DE = Adidas
BAYN.DE = Bayer
BAS.DE = BASF
DTE.DE = Deutsche Telekom
AIR.PA = Airbus
MC.PA = LVMH | louis vuitton
OR.PA = L'Oréal | loreal
TTE.PA = TotalEnergies | total energies
SAN.PA = Sanofi
RMS.PA = Hermès | hermes
BNP.PA = BNP Paribas
KER.PA = Kering
RNO.PA = Renault
RACE = Ferrari
ASML.AS = ASML
PHIA.AS = Philips
HEIA.AS = Heineken
INGA.AS = ING | ing group
SHEL.L = Shell | ~shell
BP.L = BP
HSBA.L = HSBC
ULVR.L = Unilever
AZN.L = AstraZeneca
GSK.L = GSK | glaxosmithkline
BARC.L = Barclays
RR.L = Rolls-Royce | rolls royce
VOD.L = Vodafone
RIO.L = Rio Tinto
DGE.L = Diageo
NESN.SW = Nestlé | nestle
NOVN.SW = Novartis
ROG.SW = Roche
UBSG.SW = UBS
NOVO-B.CO = Novo Nordisk | novo
ERIC-B.ST = Ericsson
VOLV-B.ST = Volvo
NOKIA.HE = Nokia
ITX.MC = Inditex | zara
SAN.MC = Banco Santander | ~santander
IBE.MC = Iberdrola
ENEL.MI = Enel
EQNR.OL = Equinor
7203.T = Toyota
6758.T = Sony
7974.T = Nintendo
9984.T = SoftBank
7267.T = Honda
6501.T = Hitachi
6752.T = Panasonic
9983.T = Fast Retailing | uniqlo
005930.KS = Samsung Electronics | samsung
005380.KS = Hyundai | hyundai motor
000660.KS = SK Hynix | hynix
2330.TW = TSMC | taiwan semiconductor
2317.TW = Foxconn | hon hai
0700.HK = Tencent
1211.HK = BYD
1810.HK = Xiaomi
RELIANCE.NS = Reliance Industries | reliance
TCS.NS = Tata Consultancy Services | tata consultancy
INFY.NS = Infosys
BHP.AX = BHP
CBA.AX = Commonwealth Bank
`;

const SUFFIX_CURRENCY: Readonly<Record<string, string>> = {
  DE: 'EUR',
  PA: 'EUR',
  AS: 'EUR',
  MI: 'EUR',
  MC: 'EUR',
  HE: 'EUR',
  L: 'GBP',
  SW: 'CHF',
  CO: 'DKK',
  ST: 'SEK',
  OL: 'NOK',
  T: 'JPY',
  KS: 'KRW',
  TW: 'TWD',
  HK: 'HKD',
  NS: 'INR',
  AX: 'AUD',
};

/** The listing currency of a symbol, from its exchange suffix (`.DE` is EUR); USD otherwise. */
export function listingCurrency(symbol: string): string {
  const dot = symbol.lastIndexOf('.');
  return dot < 0 ? 'USD' : (SUFFIX_CURRENCY[symbol.slice(dot + 1)] ?? 'USD');
}

/** One name of a company as the router matches it. */
export interface CompanyAlias {
  /** The alias as a phrase (lower case, accents removed by the matcher). */
  phrase: string;
  company: Company;
  /** A common word too: needs a capital or a market word nearby. */
  weak: boolean;
}

function parse(): CompanyAlias[] {
  const aliases: CompanyAlias[] = [];
  for (const line of TABLE.split('\n')) {
    if (!line.includes('=')) continue;
    const [symbol = '', rest = ''] = line.split('=').map((part) => part.trim());
    const names = rest.split('|').map((part) => part.trim());
    const name = names[0] as string;
    const company: Company = { symbol, name, currency: listingCurrency(symbol) };
    const weakNames = new Set(names.filter((n) => n.startsWith('~')).map((n) => n.slice(1)));
    for (const alias of new Set([name, ...names.map((n) => n.replace(/^~/, ''))])) {
      const weak = weakNames.has(alias) || weakNames.has(alias.toLowerCase());
      aliases.push({ phrase: alias, company, weak });
    }
  }
  return aliases;
}

/** Every company name and alias (several per company). */
export const COMPANY_ALIASES: readonly CompanyAlias[] = parse();

/** Companies by symbol, for tickers written as such (`AAPL`, `nvda`, `$TSLA`). */
export const COMPANIES_BY_SYMBOL: ReadonlyMap<string, Company> = new Map(
  COMPANY_ALIASES.map((alias) => [alias.company.symbol, alias.company]),
);
