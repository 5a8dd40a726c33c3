/**
 * A text without its accents: compatibility-decomposed (NFKD, so ligatures and full-width forms split too) and
 * every combining mark dropped. The one fold that labels, names and keys are compared through.
 */
export const withoutAccents = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '');

/** A text without its accents, in lower case: how words are looked up in word lists and vocabularies. */
export const foldCase = (s: string): string => withoutAccents(s).toLowerCase();
