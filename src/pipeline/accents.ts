/**
 * A text without its accents: compatibility-decomposed (NFKD, so ligatures and full-width forms split too) and
 * every combining mark dropped. The one fold that labels, names and keys are compared through.
 */
export const withoutAccents = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '');

/** A text without its accents, in lower case: how words are looked up in word lists and vocabularies. */
export const foldCase = (s: string): string => withoutAccents(s).toLowerCase();

/** Latin letters NFKD keeps whole (a stroke or a ligature, no combining mark) as an ASCII spelling writes them: a
 * web domain or a plain-letter rendering of "Elkjøp", "Łódź", "Straße" ("elkjop", "lodz", "strasse"). */
const PLAIN_LETTERS: Readonly<Record<string, string>> = { ø: 'o', Ø: 'O', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ß: 'ss', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', þ: 'th', Þ: 'TH' };

/** withoutAccents, and the letters it cannot split spelt as plain letters (PLAIN_LETTERS). */
export const plainLetters = (s: string): string => withoutAccents(s).replace(/[øØæÆœŒßłŁđĐþÞ]/g, (c) => PLAIN_LETTERS[c]);
