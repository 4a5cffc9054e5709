/** Zero-width and soft-hyphen characters, which hide words from matching. */
export const ZERO_WIDTH = /[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD\u180E]/g;
export const ZERO_WIDTH_IN_WORD = /\p{L}[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD\u180E]+\p{L}/u;
// Cyrillic and Greek letters that look like Latin ones, as (lookalike, Latin) pairs.
const CONFUSABLE_PAIRS =
  'аaвbсcеeһhіiјjкkмmнhоoрpѕsтtуyхxԁdԛqԝwΑaΒbΕeΖzΗhΙiΚkΜmΝnΟoΡpΤtΥyΧxαaεeιiκkνvοoρpτtυuχx';
const CONFUSABLES = new Map<string, string>();
for (let i = 0; i < CONFUSABLE_PAIRS.length; i += 2)
  CONFUSABLES.set(CONFUSABLE_PAIRS.charAt(i), CONFUSABLE_PAIRS.charAt(i + 1));
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
};

/** The form rules are matched against: lower case, single spaces, obfuscation undone. */
export function normaliseForScreening(text: string): string {
  return (
    text
      .normalize('NFKC')
      .replace(ZERO_WIDTH, '')
      // "i g n o r e" and "i.g.n.o.r.e": runs of single letters become a word.
      .replace(/(?<!\S)(?:\p{L}[ ._-]){3,40}\p{L}(?!\S)/gu, (run) => run.replace(/[ ._-]/g, ''))
      .replace(/[\p{L}\d@$]+/gu, (word) => {
        let w = word;
        if (/\p{Script=Latin}/u.test(w) && /[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(w))
          w = [...w]
            .map((ch) => CONFUSABLES.get(ch) ?? CONFUSABLES.get(ch.toLowerCase()) ?? ch)
            .join('');
        if (/[\d@$]/.test(w) && /\p{L}{2}|\p{L}.\p{L}/u.test(w))
          w = [...w].map((ch) => LEET[ch] ?? ch).join('');
        return w;
      })
      .toLowerCase()
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

// Words that aim an override at the model's own instructions ("previous", "your", "all"...).
