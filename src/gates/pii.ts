import { isIPv6 } from 'node:net';
import type { Gate } from './types.js';
import { verdict } from './types.js';

/**
 * The PII gate: contact and financial identifiers an answer must never leak are replaced by a
 * placeholder. Names, places, organisations and dates are not PII here (news text is full of them).
 * Every detector validates what it finds (Luhn, mod-97, octet ranges, SSN area rules), and loose
 * phone shapes count only next to a telephony cue, so street numbers and zip codes are left alone.
 */
export type PiiType =
  'EMAIL_ADDRESS' | 'PHONE_NUMBER' | 'CREDIT_CARD' | 'US_SSN' | 'IBAN_CODE' | 'IP_ADDRESS';

/** One redacted span, in offsets of the original text. */
export interface PiiFinding {
  type: PiiType;
  start: number;
  end: number;
}

/** The placeholder each type is replaced with. */
export const PII_PLACEHOLDER: Readonly<Record<PiiType, string>> = {
  EMAIL_ADDRESS: '[EMAIL]',
  PHONE_NUMBER: '[PHONE]',
  CREDIT_CARD: '[CARD]',
  US_SSN: '[SSN]',
  IBAN_CODE: '[IBAN]',
  IP_ADDRESS: '[IP]',
};

type Detector = (text: string) => PiiFinding[];

const EMAIL_RE = /(?<![\w.%+-])[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?![\w-])/g;

const findEmails: Detector = (text) =>
  [...text.matchAll(EMAIL_RE)].map((m) => span('EMAIL_ADDRESS', m.index, m[0]));

/** IBAN lengths per country (SWIFT IBAN registry); a country not listed has no IBAN. */
const IBAN_LENGTHS: Record<string, number> = Object.fromEntries(
  (
    'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 ' +
    'DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 ' +
    'IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 ' +
    'MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 ' +
    'SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30'
  )
    .split(' ')
    .map((e) => [e.slice(0, 2), Number(e.slice(2))]),
);

const IBAN_RE = /(?<![\w])([A-Za-z]{2})(\d{2})(?: ?[A-Za-z0-9]){11,30}/g;

const findIbans: Detector = (text) => {
  const out: PiiFinding[] = [];
  const re = new RegExp(IBAN_RE.source, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // The match may run into the next words ("... 32 and DE89..."): cut it at the country's length
    // and resume the scan right after the cut, or one character on.
    const end = ibanEnd(text, m.index, IBAN_LENGTHS[(m[1] ?? '').toUpperCase()] ?? 0);
    const compact = text.slice(m.index, end).replace(/ /g, '').toUpperCase();
    const valid = end > 0 && ibanChecksumValid(compact);
    if (valid) out.push({ type: 'IBAN_CODE', start: m.index, end });
    re.lastIndex = valid ? end : m.index + 1;
  }
  return out;
};

/** End offset of an IBAN of `length` characters (spaces allowed) starting at `start`, or 0. */
function ibanEnd(text: string, start: number, length: number): number {
  if (!length) return 0;
  let end = start;
  let count = 0;
  while (count < length && end < text.length) {
    const ch = text[end++] ?? '';
    if (/[A-Za-z0-9]/.test(ch)) count++;
    else if (ch !== ' ' || text[end] === ' ') return 0;
  }
  return count === length && !/\w/.test(text[end] ?? '') ? end : 0;
}

/** ISO 13616 mod-97 check: the rearranged IBAN read as a number leaves remainder 1. */
export function ibanChecksumValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = parseInt(ch, 36);
    if (Number.isNaN(value)) return false;
    remainder = Number(`${remainder}${value}`) % 97;
  }
  return remainder === 1;
}

/** Luhn check on the digits of a string. */
export function luhnValid(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

// Unseparated, or in the printed groupings (4-4-4-4[-3], Amex 4-6-5).
const CARD_RE =
  /(?<![\w.+-])(?:\d{12,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -])\d{6}\2\d{4,5})(?![\w]|[.-]\d)/g;
const CARD_CUE = /\b(?:card|cc|visa|master ?card|maestro|amex|debit|credit)\b[^\d\n]{0,20}$/i;

const findCards: Detector = (text) => {
  const out: PiiFinding[] = [];
  for (const m of text.matchAll(CARD_RE)) {
    const digits = m[0].replace(/\D/g, '');
    if (!luhnValid(digits) || !plausibleCardPrefix(digits)) continue;
    // 12-digit Maestro numbers exist, but so do many other 12-digit ids: only next to a card cue.
    if (digits.length === 12 && !CARD_CUE.test(text.slice(Math.max(0, m.index - 30), m.index)))
      continue;
    out.push(span('CREDIT_CARD', m.index, m[0]));
  }
  return out;
};

/** Issuer ranges: banking cards start 2-6; 15-digit JCB/UATP start with 1 (epoch ms do too, at 13). */
function plausibleCardPrefix(digits: string): boolean {
  if (digits.length < 12 || digits.length > 19) return false;
  if (digits.length === 12) return /^(?:50|5[6-9]|6)/.test(digits);
  return /^[2-6]/.test(digits) || (digits.length === 15 && digits.startsWith('1'));
}

const SSN_RE =
  /(?<![\w.-])(?!000|666|9\d\d)(\d{3})([- ])(?!00)(\d{2})\2(?!0000)(\d{4})(?![\w]|[.-]\d)/g;

const findSsns: Detector = (text) =>
  [...text.matchAll(SSN_RE)]
    // "Phone: 123 45 6789": a space-separated group next to a telephony cue is a phone number.
    .filter((m) => m[2] === '-' || !hasPhoneCueBefore(text, m.index))
    .map((m) => span('US_SSN', m.index, m[0]));

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4_RE = new RegExp(`(?<![\\w.])${OCTET}(?:\\.${OCTET}){3}(?![\\w]|\\.\\d)`, 'g');
const IPV6_RE =
  /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|\d+(?:\.\d+){3})?(?![\w:])/g;

const findIps: Detector = (text) => {
  const out: PiiFinding[] = [];
  for (const m of text.matchAll(IPV4_RE)) {
    // A version string ("v1.2.3.4") is not an address; loopback and 0.0.0.0 identify no one.
    if (/(?:\bv|version\s*)$/i.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
    if (/^(?:127\.|0\.0\.0\.0$)/.test(m[0])) continue;
    out.push(span('IP_ADDRESS', m.index, m[0]));
  }
  for (const m of text.matchAll(IPV6_RE)) {
    if (!isIPv6(m[0]) || !/\d/.test(m[0]) || m[0] === '::' || m[0] === '::1') continue;
    out.push(span('IP_ADDRESS', m.index, m[0]));
  }
  return out;
};

const PHONE_RE =
  /(?<![\w@.+/:-])(?:\+\s?)?(?:\(\d{1,5}\)\s?)?\d{1,12}(?:(?:[ .-]|\s?\(\d{1,4}\)\s?)\d{1,12}){0,6}(?:\s?(?:x|ext\.?|extension)\s?\d{1,5})?(?![\w@:]|[.,-]\d)/gi;
const PHONE_CUES =
  'phone|ph|tel|telephone|mobile|mob|cell|cellphone|fax|desk|landline|whatsapp|sms|text|texting|call|called|calling|ring|dial|reach|contact|answering|answer|messages?|voicemail|hotline|helpline';
const PHONE_CUE_BEFORE = new RegExp(
  `\\b(?:${PHONE_CUES}|(?:my|his|her|your|our|their) number)\\b(?:[\\s:.,#()\\-]+|\\b(?:at|on|to|is|are|me|us|him|her|them|number|no|nr|of)\\b)*$`,
  'i',
);
const PHONE_CUE_AFTER = /^\s*\(?(?:office|fax|mobile|cell|home|work|tel|phone|landline|direct)\b/i;

function hasPhoneCueBefore(text: string, start: number): boolean {
  return PHONE_CUE_BEFORE.test(text.slice(Math.max(0, start - 50), start));
}

const findPhones: Detector = (text) => {
  const out: PiiFinding[] = [];
  for (const m of text.matchAll(PHONE_RE)) {
    const raw = m[0];
    const body = raw.replace(/\s?(?:x|ext\.?|extension)\s?\d{1,5}$/i, '');
    const digits = body.replace(/\(0\)/, '').replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15 || looksLikeDate(body)) continue;
    const cued =
      hasPhoneCueBefore(text, m.index) || PHONE_CUE_AFTER.test(text.slice(m.index + raw.length));
    if (strongPhoneShape(body, digits) || (cued && loosePhoneShape(body)))
      out.push(span('PHONE_NUMBER', m.index, raw));
  }
  return out;
};

/** Shapes that are phone numbers without any cue: international, NANP, national trunk-0. */
function strongPhoneShape(body: string, digits: string): boolean {
  if (/^(?:\+|00[1-9])/.test(body)) return digits.length >= 8;
  if (/^(?:1[ .-]?)?(?:\([2-9]\d\d\)\s?|[2-9]\d\d[ .-])\d{3}[ .-]\d{4}$/.test(body)) return true;
  return /^\(?0[1-9]/.test(body) && digits.length >= 9 && digits.length <= 11;
}

/** With a cue: digit groups of two or more (a decimal like 12.5 has a short group). */
function loosePhoneShape(body: string): boolean {
  const groups = body.split(/[ .\-()]+/).filter(Boolean);
  return groups.every((g) => g.length >= 2) && !/^\d+\.\d+$/.test(body);
}

/** A whole candidate that reads as a date (2024-05-01, 12/31/2024, 01.02.2023, 2024 05 01). */
function looksLikeDate(body: string): boolean {
  const m = /^(\d{1,4})([./ -])(\d{1,2})\2(\d{2}|\d{4})$/.exec(body);
  if (!m) return false;
  const [a, b, c] = [Number(m[1]), Number(m[3]), Number(m[4])];
  if ((m[1] ?? '').length === 4) return b >= 1 && b <= 12 && c >= 1 && c <= 31;
  if ((m[1] ?? '').length === 3) return false;
  return (a >= 1 && a <= 31 && b >= 1 && b <= 12) || (a >= 1 && a <= 12 && b >= 1 && b <= 31);
}

function span(type: PiiType, start: number, raw: string): PiiFinding {
  return { type, start, end: start + raw.length };
}

// Earlier detectors win overlaps: a validated IBAN or card beats a phone-shaped reading of it.
const DETECTORS: readonly Detector[] = [
  findEmails,
  findIbans,
  findCards,
  findSsns,
  findIps,
  findPhones,
];

/** Finds and replaces PII; findings are in offsets of the input, sorted by position. */
export function redactPii(text: string): { text: string; findings: PiiFinding[] } {
  const findings: PiiFinding[] = [];
  for (const detect of DETECTORS)
    for (const f of detect(text))
      if (!findings.some((g) => f.start < g.end && g.start < f.end)) findings.push(f);
  findings.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const f of findings) {
    out += text.slice(at, f.start) + PII_PLACEHOLDER[f.type];
    at = f.end;
  }
  return { text: out + text.slice(at), findings };
}

/** The OUTPUT gate: WARNING when something was redacted (the redacted text is what ships). */
export function createPiiGate(): Gate<string> {
  const gate = { name: 'pii', stage: 'OUTPUT', severity: 'ERROR' } as const;
  return {
    ...gate,
    check: function checkPii(answer: string) {
      const { findings } = redactPii(answer);
      if (findings.length === 0) return verdict(gate, 'PASSED', 'No personal data found.', 0);
      const types = [...new Set(findings.map((f) => f.type))].sort().join(', ');
      const n = findings.length;
      // The message names types and a count only: it must never echo the values.
      return verdict(gate, 'WARNING', `Redacted ${n} item${n === 1 ? '' : 's'} (${types}).`, 1);
    },
  };
}
