// The glyphs OCR reads where a digit was printed, one table for every reader that repairs them.

/** Letters (and marks) of like shape to a digit — the classic confusion pairs of print OCR (a round 0 as O, o, D or Q;
 * a stroke 1 as I, l, i or |; 2 as Z, z or a '?'; 5 as S or s; 6 as G or b; 8 as B) and the Greek and Cyrillic
 * capitals an engine whose alphabet holds them gives for 0 and 7 (Ο, О; Τ, Т). */
const DIGIT_LOOKALIKES: Readonly<Record<string, string>> = {
  O: '0', o: '0', D: '0', Q: '0', 'Ο': '0', 'О': '0',
  I: '1', l: '1', i: '1', '|': '1',
  Z: '2', z: '2', '?': '2',
  S: '5', s: '5',
  G: '6', b: '6',
  'Τ': '7', 'Т': '7',
  B: '8',
};

/** The look-alikes among `glyphs`, each with its digit: a reader takes those its context lets stand for a digit (a
 * lowercase 's' is a word's in an amount, not a 5). */
export function digitLookalikes(glyphs: string): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const g of glyphs) {
    const digit = DIGIT_LOOKALIKES[g];
    if (digit === undefined) throw new Error(`no digit looks like '${g}'`);
    out[g] = digit;
  }
  return out;
}
