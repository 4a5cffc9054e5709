import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PiiType } from '../src/gates/pii.js';
import { createPiiGate, ibanChecksumValid, luhnValid, redactPii } from '../src/gates/pii.js';

/** The types found in a text, in order. */
const types = (text: string): PiiType[] => redactPii(text).findings.map((f) => f.type);

describe('redactPii', () => {
  it('replaces each type with its placeholder and reports offsets in the original text', () => {
    const text =
      'Mail jane.doe+news@example.co.uk or call +44 20 7946 0958; card 4111 1111 1111 1111, ' +
      'SSN 123-45-6789, IBAN DE89 3704 0044 0532 0130 00, host 203.0.113.7.';
    const { text: out, findings } = redactPii(text);
    assert.equal(
      out,
      'Mail [EMAIL] or call [PHONE]; card [CARD], SSN [SSN], IBAN [IBAN], host [IP].',
    );
    assert.deepEqual(
      findings.map((f) => text.slice(f.start, f.end)),
      [
        'jane.doe+news@example.co.uk',
        '+44 20 7946 0958',
        '4111 1111 1111 1111',
        '123-45-6789',
        'DE89 3704 0044 0532 0130 00',
        '203.0.113.7',
      ],
    );
  });

  it('finds phone numbers in international and national formats, with extensions', () => {
    for (const phone of [
      '+1 (555) 010-9999',
      '020 7946 0958',
      '+44 20 7946 0958',
      '555.010.9999',
      '555-010-9999 x12',
      '+1-903-140-4508x769',
      '001-518-640-0854',
      '+46 (0)8 928 571 38',
      '(08) 8747 6301',
      '03.93.92.16.85',
      '+447700677662',
    ])
      assert.deepEqual(
        redactPii(`Reach the desk on ${phone} today.`).text,
        'Reach the desk on [PHONE] today.',
        phone,
      );
  });

  it('takes short or unusual number groups as phones only next to a telephony cue', () => {
    assert.deepEqual(types('Phone:\n358 0594'), ['PHONE_NUMBER']);
    assert.deepEqual(types("They're not answering at 78 651 450"), ['PHONE_NUMBER']);
    assert.deepEqual(types('781 1704 office'), ['PHONE_NUMBER']);
    assert.deepEqual(types('Fax: 9498777106'), ['PHONE_NUMBER']);
    assert.deepEqual(types('The address is 580 60 Balsham Road, ZIP: 394 13'), []);
  });

  it('leaves years, prices, dates, versions, times and coordinates alone', () => {
    for (const text of [
      'In 2019 revenue was $1,234,567.89, and 1 234 567 EUR in 2020.',
      'On 2024-05-01 at 10:30:00, and on 12/31/2024, and on 01.02.2023.',
      'ISO time 2024-05-01T10:30:00Z, version 1.2.3 and v2.10.4.1.',
      'Coordinates 48.8566, 2.3522 and -33.8688, 151.2093.',
      'The S&P 500 rose 1.2% to 5,123.45; volume 52341234; ISBN 978-3-16-148410-0.',
      'Epoch 1700000000000 ms; article id 38472910.',
    ])
      assert.deepEqual(types(text), [], text);
  });

  it('keeps only Luhn-valid cards, checksum-valid IBANs and valid SSN ranges', () => {
    assert.deepEqual(types('card 4111 1111 1111 1112'), []);
    assert.deepEqual(types('amex 3782 822463 10005'), ['CREDIT_CARD']);
    assert.deepEqual(types('IBAN DE89 3704 0044 0532 0130 01'), []);
    assert.deepEqual(types('my iban is gb82west12345698765432'), ['IBAN_CODE']);
    for (const ssn of ['000-12-3456', '666-12-3456', '912-34-5678', '123-00-4567', '123-45-0000'])
      assert.deepEqual(types(`SSN ${ssn}`), [], ssn);
    assert.deepEqual(types('SSN 123 45 6789'), ['US_SSN']);
  });

  it('finds IPv4 and compressed IPv6, not out-of-range octets, loopback or version strings', () => {
    assert.deepEqual(types('from 192.168.1.20 and 2001:db8::8a2e:370:7334 and fe80::1'), [
      'IP_ADDRESS',
      'IP_ADDRESS',
      'IP_ADDRESS',
    ]);
    assert.deepEqual(types('10.0.0.256, 127.0.0.1, ::1, 0.0.0.0, time 12:30:45, std::vector'), []);
  });

  it('does not touch names, places, organisations, street addresses or dates', () => {
    const text =
      'Mr. Pálffy flew to LEPPEN on Tuesday; Acme Ltd. is at 9554 62 Rue Gafsa Apt. 981, Toronto, ON 82269. Born 2/8/1935.';
    assert.equal(redactPii(text).text, text);
  });

  it('meets a recall floor on a small labelled fixture', () => {
    const fixture: Array<[string, PiiType]> = [
      ['Number is 30288610434735', 'CREDIT_CARD'],
      ['cc 4047737215142 on file', 'CREDIT_CARD'],
      ['What is the limit for card 584528792610?', 'CREDIT_CARD'],
      ["Here's my SSN: 849-66-3189", 'US_SSN'],
      ['My IBAN is GB26YVOK09234647792923', 'IBAN_CODE'],
      ['client_ip = ?%20\\|16.244.11.141|%20/', 'IP_ADDRESS'],
      ['Mobile: 723 813 266', 'PHONE_NUMBER'],
      ['Desk: (602)272-9781', 'PHONE_NUMBER'],
      ['messages to 0688 872 49 99', 'PHONE_NUMBER'],
      ['mobile: 99 577450', 'PHONE_NUMBER'],
      ['E-mail:\nErikBaader@teleworm.us', 'EMAIL_ADDRESS'],
      ['Tel. 07700 900123', 'PHONE_NUMBER'],
    ];
    const found = fixture.filter(([text, type]) => types(text).includes(type)).length;
    assert.ok(found / fixture.length >= 0.95, `${found}/${fixture.length}`);
  });
});

describe('checksums', () => {
  it('validates Luhn and IBAN mod-97', () => {
    assert.equal(luhnValid('4111111111111111'), true);
    assert.equal(luhnValid('4111111111111112'), false);
    assert.equal(ibanChecksumValid('GB82WEST12345698765432'), true);
    assert.equal(ibanChecksumValid('GB82WEST12345698765433'), false);
  });
});

describe('pii gate', () => {
  const gate = createPiiGate();

  it('is the ERROR-severity OUTPUT gate named pii', () => {
    assert.deepEqual([gate.name, gate.stage, gate.severity], ['pii', 'OUTPUT', 'ERROR']);
  });

  it('passes an answer without personal data', async () => {
    const result = await gate.check('Osaka will see 18°C and light rain on 2024-06-03.');
    assert.equal(result.status, 'PASSED');
  });

  it('warns when it redacts, naming types and counts but never the values', async () => {
    const result = await gate.check('Call 555-010-9999 or write to ann@example.org.');
    assert.equal(result.status, 'WARNING');
    assert.match(result.message, /2 items \(EMAIL_ADDRESS, PHONE_NUMBER\)/);
    assert.doesNotMatch(result.message, /555|ann@/);
  });
});
