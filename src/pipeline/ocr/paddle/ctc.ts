// CTC greedy decoding of the PP-OCR recogniser's output: per time step the most probable class; repeats collapse and
// the blank (class 0) separates them. Each character keeps the time steps it was read at, so its x position on the
// line crop is known (a time step covers a fixed slice of the crop's width): words get boxes and confidences.

export interface DecodedChar {
  char: string;
  /** the most probable class's probability at the character's first time step */
  prob: number;
  /** first and last time step of the run that produced it */
  t0: number;
  t1: number;
}

export interface DecodedWord {
  text: string;
  /** mean of its characters' probabilities */
  confidence: number;
  /** time steps it spans, first to last (inclusive) */
  t0: number;
  t1: number;
}

/**
 * `probs`: [T × classes] row-major (softmax output of one line); `dictionary[k - 1]` is class k's character, class 0
 * the blank. Returns the characters read, in order.
 */
export function ctcGreedy(probs: ArrayLike<number>, steps: number, classes: number, dictionary: readonly string[]): DecodedChar[] {
  const chars: DecodedChar[] = [];
  let previous = 0;
  for (let t = 0; t < steps; t++) {
    const row = t * classes;
    let best = 0;
    let bestProb = probs[row]!;
    for (let k = 1; k < classes; k++) {
      const p = probs[row + k]!;
      if (p > bestProb) {
        bestProb = p;
        best = k;
      }
    }
    if (best !== 0 && best === previous) {
      chars[chars.length - 1]!.t1 = t; // the same character held over several steps
    } else if (best !== 0) {
      const char = dictionary[best - 1];
      if (char !== undefined) chars.push({ char, prob: bestProb, t0: t, t1: t });
    }
    previous = best;
  }
  return chars;
}

/** A gap between two characters' time steps this many times the line's median pitch (and at least
 * MIN_SPACE_STEPS) is a space the recogniser did not write: the "ch" model often runs Latin words together
 * ("YONGFATTENTERPRISE", "25/12/20188:13:39PM"), yet the characters' positions still show the gap. Measured on SROIE
 * tune receipts: characters sit 2.5–4 steps apart (a step is 1/6 of the line's height), a space adds 1.5–3. */
const SPACE_PITCHES = 1.4;
const MIN_SPACE_STEPS = 5;

/** The characters split into words at spaces, written or seen in the gaps (a run of spaces is one gap); a word's
 * confidence is the mean of its characters' probabilities. */
export function toWords(chars: readonly DecodedChar[]): DecodedWord[] {
  const pitch = medianPitch(chars);
  const words: DecodedWord[] = [];
  let current: DecodedChar[] = [];
  const flush = () => {
    if (!current.length) return;
    words.push({
      text: current.map((c) => c.char).join(''),
      confidence: current.reduce((sum, c) => sum + c.prob, 0) / current.length,
      t0: current[0]!.t0,
      t1: current[current.length - 1]!.t1,
    });
    current = [];
  };
  for (const c of chars) {
    if (c.char.trim() === '') {
      flush();
      continue;
    }
    const last = current[current.length - 1];
    if (last && pitch > 0 && c.t0 - last.t1 >= Math.max(MIN_SPACE_STEPS, SPACE_PITCHES * pitch)) flush();
    current.push(c);
  }
  flush();
  return words;
}

/** Median distance in time steps between neighbouring characters of the same word (0 when there are none). */
function medianPitch(chars: readonly DecodedChar[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < chars.length; i++) {
    if (chars[i]!.char.trim() && chars[i - 1]!.char.trim()) gaps.push(chars[i]!.t0 - chars[i - 1]!.t1);
  }
  if (!gaps.length) return 0;
  gaps.sort((a, b) => a - b);
  return gaps[gaps.length >> 1]!;
}
