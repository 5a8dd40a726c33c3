// The OCR engine's confidence in the very words a value was read from: a line read at 0.93 on the whole can hold
// the one digit it was unsure of in the total. An engine that gives word (or text box) confidences (TextLine.words,
// e.g. PaddleOCR's recognition scores) feeds `words-sure` / `words-unsure`; Tesseract's line confidence stays
// `ocr-high` / `ocr-low`. What each is worth per field and source is measured by the calibration fit, like every
// piece of evidence; the cut-offs only say which values are worth telling apart.
import type { TextLine } from '../document.js';
import { alnumKey } from '../extract/vat.js';

/** The value's least sure word at or above this: `words-sure`. */
export const WORDS_SURE = 0.95;
/** … below this: `words-unsure`. */
export const WORDS_UNSURE = 0.8;

/** How a value is recognised in a word: the whole value in one word (`whole`), or the word is one piece of a value
 * printed over several words (`piece`, on letters and digits: "FR 86 792", "12 Mar 2024"). */
export interface ValueMatcher {
  whole: (word: string) => boolean;
  /** the value's letters and digits, for words that print a piece of it */
  key: string;
}

/** The confidence of the least sure word of the value, on the line that holds it with the surest words; null when no
 * line with word confidences holds it. `matcherFor` says how the value is printed on a line, null when the line does
 * not print it (the caller's probe). */
export function valueWordConfidence(lines: readonly TextLine[], matcherFor: (line: TextLine) => ValueMatcher | null): number | null {
  let best: number | null = null;
  for (const line of lines) {
    if (!line.words?.length) continue;
    const match = matcherFor(line);
    if (!match) continue;
    const words = valueWords(line.words, match);
    if (!words.length) continue;
    const least = Math.min(...words.map((w) => w.confidence));
    best = best === null ? least : Math.max(best, least);
  }
  return best;
}

/** The words that print the value: one word holding it whole, else the run of words whose letters and digits make
 * it up. */
function valueWords<W extends { text: string; confidence: number }>(words: readonly W[], match: ValueMatcher): W[] {
  const whole = words.filter((w) => match.whole(w.text));
  if (whole.length) return whole;
  if (match.key.length < 2) return [];
  for (let start = 0; start < words.length; start++) {
    let joined = '';
    for (let end = start; end < words.length; end++) {
      const piece = alnumKey(words[end].text);
      if (!piece) continue;
      joined += piece;
      if (!match.key.startsWith(joined)) break;
      if (joined === match.key) return words.slice(start, end + 1);
    }
  }
  return [];
}

export function wordLevel(confidence: number | null): 'words-sure' | 'words-unsure' | null {
  if (confidence === null) return null;
  return confidence >= WORDS_SURE ? 'words-sure' : confidence < WORDS_UNSURE ? 'words-unsure' : null;
}
