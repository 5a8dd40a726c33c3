// Anchors: "the value stood after these words, at this place on the page". Learned from where the accountant's
// value was printed; read back on the vendor's next document.
import { placedCells, words, type DocumentEvidence, type PlacedCell } from './evidence.js';
import type { Cell } from '../pipeline/extract/layout.js';
import type { Anchor, ValueKind } from './types.js';
import { firstInPattern, occurrences, readValue, readValueHow, referenceShape, repairedInPattern, sameValue, type Value, type ValueFormat } from './values.js';
import { editDistance } from '../pipeline/edit-distance.js';
import { isCurrencyWord } from '../pipeline/extract/currency.js';
import { withoutAccents } from '../pipeline/accents.js';

const LABEL_WORDS = 3;
/** how far (fractions of the page) a label-less anchor may be from where its value stood before */
const POSITION_TOLERANCE = { top: 0.05, x: 0.12 };
/** how far (fractions of the row right of its label) a value may stand from its learned column (columnOf): a tax
 * summary's columns stand a third of the row apart */
const COLUMN_TOLERANCE = 0.15;

export interface FoundAnchor {
  anchor: Omit<Anchor, 'hits' | 'misses'>;
  format: ValueFormat;
}

/** Every place the document prints `truth`, each with the label beside it. */
export function anchorsOf(ev: DocumentEvidence, kind: ValueKind, truth: Value): FoundAnchor[] {
  const out: FoundAnchor[] = [];
  for (const pc of placedCells(ev)) {
    for (const occ of occurrences(kind, pc.cell.text, truth)) {
      const { label, relation, labelCell } = labelBeside(ev, pc, occ.index);
      const col = labelCell === undefined ? undefined : columnOf(pc.row.cells, labelCell, pc.cellIndex);
      // a reference of several words ("FS 0489/047766") is read whole, not as one word of its cell
      const oneWord = !/\s/.test(String(truth));
      const word = kind === 'reference' && relation === 'below' && oneWord ? wordOf(pc.cell.text, occ.index) : undefined;
      out.push({
        anchor: {
          label, relation, page: pc.row.page, top: round3(pc.row.top), x: round3(pc.x), rel: round3(relativeTop(ev, pc.row.page, pc.row.top)), rows: rowsAround(ev, pc.rowIndex),
          ...(col === undefined ? {} : { col: round3(col) }), ...(word === undefined ? {} : { word, len: String(truth).length }),
        },
        format: occ.format,
      });
    }
  }
  return out;
}

/** Which word of a cell of several the text at `index` starts, counted from the nearer end (0 the first, -1 the last):
 * a reference under a row of column names is one bare number among others (a till's date, time, branch, till, clerk
 * and slip number), told apart by its column alone; counted from its nearer end, the count survives OCR splitting or
 * gluing a word at the cell's other end ("03.04, 20" for "03.04.20"). Undefined in a cell of one word. */
export function wordOf(text: string, index: number): number | undefined {
  const starts = [...text.matchAll(/\S+/g)].map((m) => m.index ?? 0);
  if (starts.length < 2) return undefined;
  const k = starts.filter((s) => s <= index).length - 1;
  if (k < 0) return undefined;
  const fromEnd = starts.length - 1 - k;
  return k <= fromEnd ? k : -(fromEnd + 1);
}

/** Whether a reference read as one word of its cell has the learned shape and, within one character, the learned
 * length (either unknown: not asked). */
function likeLearned(value: string, shape: string | undefined, len: number | undefined, digits?: number[]): boolean {
  // (a word OCR garbled that the pattern repairs, "424O", is the number garbled: values.ts repairedInPattern)
  if (shape && referenceShape(value) !== shape && repairedInPattern(value, shape, digits) === null) return false;
  return len === undefined || Math.abs(value.length - len) <= 1;
}

/** The word of `text` a learned `word` count names, or null when the cell has fewer words. */
export function wordAt(text: string, word: number): string | null {
  const words = text.split(/\s+/).filter(Boolean);
  return words[word >= 0 ? word : words.length + word] ?? null;
}

/** Where a cell right of its label's stands between the label's cell and the row's end: 0 just after the label, 1 at
 * the row's last cell. A fraction of the row, not of the page: a receipt photographed smaller or to one side keeps its
 * columns' order and proportions, not their place on the page. */
export function columnOf(cells: Cell[], labelCell: number, cellIndex: number): number | undefined {
  const start = cells[labelCell]?.x1;
  const end = cells[cells.length - 1]?.x1;
  const cell = cells[cellIndex];
  if (start === undefined || end === undefined || !cell || end <= start) return undefined;
  return Math.min(1, Math.max(0, ((cell.x0 + cell.x1) / 2 - start) / (end - start)));
}

function labelBeside(ev: DocumentEvidence, pc: PlacedCell, index: number): { label: string[]; relation: Anchor['relation']; labelCell?: number } {
  const own = words(pc.cell.text.slice(0, index)).slice(-LABEL_WORDS);
  // a currency printed before the amount ("TOTAL: | RM 57.80") is part of the value: the label is the cell before
  // ("rm" would stand on every amount of a ringgit receipt, "Change RM 6.00" too)
  if (own.length && !own.every(isCurrencyWord)) return { label: own, relation: 'same' };
  // so is a currency in a cell of its own ("SUMME | EUR | 16,66"): the label is the cell before it
  for (let ci = pc.cellIndex - 1; ci >= 0 && ci >= pc.cellIndex - 2; ci--) {
    const left = words(pc.row.cells[ci].text).slice(-LABEL_WORDS);
    if (left.length && !left.every(isCurrencyWord)) return { label: left, relation: 'right', labelCell: ci };
  }
  const above = ev.rows[pc.rowIndex - 1];
  if (above && above.page === pc.row.page) {
    const width = ev.widths.get(above.page) ?? 1;
    const under = above.cells
      .map((c) => ({ c, overlap: Math.min(c.x1, pc.cell.x1) - Math.max(c.x0, pc.cell.x0) }))
      .filter((o) => o.overlap > 0)
      .sort((a, b) => b.overlap - a.overlap)[0];
    const label = under ? words(under.c.text).slice(-LABEL_WORDS) : [];
    if (label.length && width > 0) return { label, relation: 'below' };
  }
  return { label: [], relation: 'none' };
}

export interface AnchorReading {
  value: Value;
  confidence: number; // the OCR confidence of the cell read
  /** the cell read (row index and left edge): two anchors reading one cell are one reading, not two */
  place: string;
  /** read from a printing OCR damaged beyond the rules' reading (values.ts ValueReading; a reference behind a stray
   * mark, firstInPattern): a reading made where the rules fail */
  damaged?: boolean;
  /** an amount read glued to letters (values.ts gluedToMark): a damaged reading of its own cells (`glued`) */
  glued?: boolean;
}

/** What the anchor reads on this document, in the vendor's format; null when its label or place is not there.
 * `rules`: the rules' value of the field (a damaged date that prints it stands for it, values.ts). */
export function readAtAnchor(ev: DocumentEvidence, anchor: Anchor, kind: ValueKind, format: ValueFormat, rules?: Value | null): AnchorReading | null {
  const cells = placedCells(ev);
  if (anchor.relation === 'none') {
    // where it stood on the page, or on its learned row counted from the first or the last (sameRows: an item table
    // longer or shorter than before moves the rows below it down or up the page, not off their count from the last),
    // such a row first, then the nearest its place between the page's first and last rows: of a row keeping the
    // footer's count from the last and an item row keeping its count from the first, the footer's stands where it stood
    const inRow = (pc: PlacedCell) => sameRows(ev, pc.rowIndex, anchor);
    const near = cells
      .filter((pc) => pc.row.page === anchor.page && Math.abs(pc.x - anchor.x) <= POSITION_TOLERANCE.x && (inRow(pc) || Math.abs(pc.row.top - anchor.top) <= POSITION_TOLERANCE.top))
      .sort((a, b) => Number(inRow(b)) - Number(inRow(a)) || distance(ev, a, anchor) - distance(ev, b, anchor));
    for (const pc of near) {
      const read = readValueHow(kind, pc.cell.text, format, rules, ev.today);
      if (read !== null) return { value: read.value, confidence: pc.cell.confidence, place: `${pc.rowIndex}:${pc.cell.x0}`, ...(read.damaged ? { damaged: true } : {}), ...(read.glued ? { glued: true } : {}) };
    }
    return null;
  }
  const tails = labelTails(anchor.label);
  for (const label of [...tails, ...shortTails(anchor.label)]) {
    const short = !tails.includes(label);
    const readings: (AnchorReading & { top: number; page: number; row: number })[] = [];
    for (const pc of cells) {
      const text = withoutAccents(pc.cell.text);
      const end = labelEnd(text, label);
      if (end === null) continue;
      const reading = readFrom(ev, pc, end, anchor, kind, format, rules);
      // a short tail is the label only where the value stood before
      if (reading && (!short || placeDistance(ev, reading, anchor) <= POSITION_TOLERANCE.top)) readings.push(reading);
    }
    // the label may stand more than once ("Total" of a line and of the document): the one where the value stood before
    // — on its learned row counted from the first or the last (sameRows), else nearest its place between them
    const inRow = (r: { page: number; row: number }) => r.page === anchor.page && sameRows(ev, r.row, anchor);
    readings.sort((a, b) => Number(inRow(b)) - Number(inRow(a)) || placeDistance(ev, a, anchor) - placeDistance(ev, b, anchor));
    if (readings[0]) return readings[0];
  }
  return null;
}

/** Where a labelled anchor's value stood, when its label is not found on this document (OCR garbled it beyond a slip,
 * "Tue" for "Due"): the cell at the anchor's place — its row where the value's stood between the page's first and
 * last rows (`rel`, within POSITION_TOLERANCE.top: a receipt photographed with other margins keeps it) or the learned
 * row counted from the first or from the last (`rows`: a receipt with more items keeps its header's lines, and its
 * footer's), its centre
 * across the page (within POSITION_TOLERANCE.x) — printing the rules' own value. Only ever backs the rules' value,
 * never reads another: a place without its label says where the vendor prints the field, not what it is. */
export function placeBacks(ev: DocumentEvidence, anchor: Anchor, kind: ValueKind, format: ValueFormat, rules: Value): AnchorReading | null {
  if (anchor.relation === 'none' || anchor.rel === undefined) return null;
  for (const pc of placedCells(ev)) {
    if (pc.row.page !== anchor.page || Math.abs(pc.x - anchor.x) > POSITION_TOLERANCE.x) continue;
    // its row between the page's first and last, or its row counted from the first or from the last as the learned
    // one's (a receipt's items move the first; its header's lines, or its footer's, keep the second)
    if (!sameRows(ev, pc.rowIndex, anchor) && Math.abs(relativeTop(ev, pc.row.page, pc.row.top) - anchor.rel) > POSITION_TOLERANCE.top) continue;
    const value = readValue(kind, pc.cell.text, format, rules, ev.today);
    if (value !== null && sameValue(kind, value, rules)) return { value, confidence: pc.cell.confidence, place: `${pc.rowIndex}:${pc.cell.x0}` };
  }
  return null;
}

/** The label's shorter tails without a word of 4+ letters ("bau nr", "nr"), which stand on too many rows to be the
 * label anywhere: where the value stood before (its row within POSITION_TOLERANCE.top of the anchor's, same page)
 * they are the label with its first words changed — a document's kind ("Teilrechnung Bau Nr." learned,
 * "Schlussrechnung Bau Nr." on the next bill of the same template). */
export function shortTails(label: string[]): string[][] {
  const out: string[][] = [];
  for (let k = 1; k < label.length; k++) {
    const tail = label.slice(k);
    if (!tail.some((w) => w.length >= MIN_TAIL_LETTERS)) out.push(tail);
  }
  return out;
}

/** Letters the last words of a label need to stand for it on their own. */
const MIN_TAIL_LETTERS = 4;

/** The label, then its shorter tails: the words nearest the value are the label proper, those before it are often
 * the document's own (a slip number OCR read as letters: "No: KSBB00S Date:" learned as "no ksbboos date", read back
 * at "Date"). A tail needs a word of 4+ letters ("ate" or "gst" alone would stand anywhere). */
export function labelTails(label: string[]): string[][] {
  const out = [label];
  for (let k = 1; k < label.length; k++) {
    const tail = label.slice(k);
    if (tail.some((w) => w.length >= MIN_TAIL_LETTERS)) out.push(tail);
  }
  return out;
}

/** Letters (spaces counted) a label of several words needs before slips spread over its words are forgiven:
 * "total ri" (rounded) must not be read at "Total RM" (before rounding). */
const MIN_FUZZY_LABEL = 10;

/** Where the label's words end in `text` (the words in a row, each as learned or one OCR slip away — or, for a
 * label of several words and 10+ letters, one word as learned and the whole within one slip per 6 letters:
 * "Total Rotided" for "total rounded"), or null. */
export function labelEnd(text: string, label: string[]): number | null {
  if (!label.length) return null;
  const found = [...text.matchAll(/\p{L}+/gu)].map((m) => ({ word: m[0].toLowerCase(), end: (m.index ?? 0) + m[0].length }));
  const tokens = found.filter((t) => t.word.length >= 2);
  const joined = label.join(' ');
  for (let i = 0; i + label.length <= tokens.length; i++) {
    const window = tokens.slice(i, i + label.length).map((t) => t.word);
    if (label.every((w, k) => similarWord(window[k]!, w))) return tokens[i + label.length - 1]!.end;
    if (joined.length >= MIN_FUZZY_LABEL && label.some((w, k) => w.length >= 3 && window[k] === w) && editDistance(window.join(' '), joined) <= Math.floor(joined.length / 6))
      return tokens[i + label.length - 1]!.end;
  }
  return joinedLabelEnd(found, label.join(''));
}

/** Letters a label needs before it is found however OCR split or merged its words. */
const MIN_JOINED_LABEL = 6;

/** The label's letters, its spaces dropped, spelled by whole words of the text read together: OCR merges and splits
 * words ("Total AmtPayable" for "total amt payable", "TOTAL A MT" for "total amt"). From a word's start to a word's
 * end ("subtotal" does not hold "total"); one slip allowed from 10 letters. */
export function joinedLabelEnd(found: { word: string; end: number }[], want: string): number | null {
  if (want.length < MIN_JOINED_LABEL) return null;
  const slips = want.length >= MIN_FUZZY_LABEL ? 1 : 0;
  for (let i = 0; i < found.length; i++) {
    let spelled = '';
    for (let j = i; j < found.length && spelled.length < want.length + slips; j++) {
      spelled += found[j]!.word;
      if (Math.abs(spelled.length - want.length) <= slips && (spelled === want || (slips && editDistance(spelled, want) <= slips))) return found[j]!.end;
    }
  }
  return null;
}

export { editDistance };

/** Equal, or for words of 4+ letters one letter changed, added or dropped ("TOTAI" for "TOTAL"). */
export function similarWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.min(a.length, b.length) < 4 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

function readFrom(
  ev: DocumentEvidence,
  pc: PlacedCell,
  labelEnd: number,
  anchor: Anchor,
  kind: ValueKind,
  format: ValueFormat,
  rules?: Value | null,
): (AnchorReading & { top: number; page: number; row: number }) | null {
  const at = (c: { text: string; confidence: number; x0: number }, row: number, text = c.text) => {
    const read = readValueHow(kind, text, format, rules, ev.today);
    return read === null ? null : { value: read.value, confidence: c.confidence, place: `${row}:${c.x0}`, top: ev.rows[row]!.top, page: ev.rows[row]!.page, row, ...(read.damaged ? { damaged: true } : {}), ...(read.glued ? { glued: true } : {}) };
  };
  if (anchor.relation === 'same') {
    const rest = withoutAccents(pc.cell.text).slice(labelEnd);
    const own = at(pc.cell, pc.rowIndex, rest);
    if (own) return own;
    // a reference the rules' reading does not take for one behind a stray mark between it and its label ("N,FACT,S:
    // 00036631", the label learned as "fact"): the first word after the label in the vendor's learned pattern
    const word = kind === 'reference' ? firstInPattern(rest, format) : null;
    const behind = word === null ? null : at(pc.cell, pc.rowIndex, word);
    if (behind) return { ...behind, damaged: true };
  }
  if (anchor.relation === 'same' || anchor.relation === 'right') {
    const right: { r: NonNullable<ReturnType<typeof at>>; col: number | undefined }[] = [];
    for (let k = pc.cellIndex + 1; k < pc.row.cells.length; k++) {
      const r = at(pc.row.cells[k], pc.rowIndex);
      if (r) right.push({ r, col: columnOf(pc.row.cells, pc.cellIndex, k) });
    }
    // a row of several values after its label (a tax summary's "Summe | tax | net | gross") holds the value in the
    // column it stood in between the label and the row's end: the reading nearest it, none when none stands there
    const learned = anchor.relation === 'right' ? anchor.col : undefined;
    if (learned !== undefined && right.length > 1) {
      const off = (x: { col: number | undefined }) => (x.col === undefined ? Infinity : Math.abs(x.col - learned));
      const nearest = right.sort((a, b) => off(a) - off(b))[0]!;
      return off(nearest) <= COLUMN_TOLERANCE ? nearest.r : null;
    }
    if (right[0]) return right[0].r;
    // a value printed in its own cell may be read closer to its label, in the label's cell (the gap OCR kept is not
    // always there on the next document)
    return anchor.relation === 'right' ? at(pc.cell, pc.rowIndex, withoutAccents(pc.cell.text).slice(labelEnd)) : null;
  }
  // below: the cell under the label, in the next two rows of the same page
  const width = ev.widths.get(pc.row.page) ?? 1;
  for (let d = 1; d <= 2; d++) {
    const next = ev.rows[pc.rowIndex + d];
    if (!next || next.page !== pc.row.page) break;
    const ordered = [...next.cells].sort((a, b) => Math.abs((a.x0 + a.x1) / 2 / width - pc.x) - Math.abs((b.x0 + b.x1) / 2 / width - pc.x));
    for (const c of ordered.slice(0, 2)) {
      // a reference learned as one word of a cell of several is read in that word only (none when the cell has fewer),
      // only in the vendor's learned shape (a bare number whose digits OCR read as a letter, "424C", is no reading) and
      // within a character of its learned length (a word OCR split, "81 30", or glued to its neighbour, "0218130", is none)
      const byWord = anchor.word !== undefined && kind === 'reference';
      const own = byWord ? wordAt(c.text, anchor.word!) : c.text;
      const r = own === null ? null : at(c, pc.rowIndex + d, own);
      if (r && byWord && !likeLearned(String(r.value), format.shape, anchor.len, format.digits)) continue;
      if (r) return r;
    }
  }
  return null;
}

/** How far a cell stands from where a label-less anchor's value stood: between the page's first and last rows when the
 * anchor knows it (placeDistance), and across the page. */
function distance(ev: DocumentEvidence, pc: PlacedCell, anchor: Anchor): number {
  return placeDistance(ev, pc.row, anchor) + 0.5 * Math.abs(pc.x - anchor.x);
}

/** How far a reading stands from where the anchor's value stood: between the page's first and last rows when the
 * anchor knows it (a receipt's total is near its end however the photo was framed), else as a fraction of the page. */
function placeDistance(ev: DocumentEvidence, r: { top: number; page: number }, anchor: Anchor): number {
  const off = anchor.rel === undefined ? Math.abs(r.top - anchor.top) : Math.abs(relativeTop(ev, r.page, r.top) - anchor.rel);
  return off + (r.page === anchor.page ? 0 : 1);
}

/** Whether a row is the anchor's learned row counted from the page's first row or from its last (`rows`): a document's
 * header keeps its lines counted from the top, its summary and footer theirs counted from the bottom, while the item
 * table between them grows and shrinks with the purchase and moves every fraction of the page below it. Either count
 * (a header place learned on a receipt of few items stands nearer the bottom): of two such rows, the reading nearest
 * its place between the page's first and last rows is taken. False when the anchor's rows are not known. */
export function sameRows(ev: DocumentEvidence, rowIndex: number, anchor: Pick<Anchor, 'rows'>): boolean {
  if (!anchor.rows) return false;
  const [fromFirst, fromLast] = rowsAround(ev, rowIndex);
  return fromFirst === anchor.rows[0] || fromLast === anchor.rows[1];
}

const rowCounts = new WeakMap<DocumentEvidence, [number, number][]>();

/** Which row of its page a row is, counted from the first row (0 the first) and from the last (0 the last); counted
 * once per document (every placed cell of it asks). */
export function rowsAround(ev: DocumentEvidence, rowIndex: number): [number, number] {
  let counts = rowCounts.get(ev);
  if (!counts) {
    const onPage = new Map<number, number>();
    for (const r of ev.rows) onPage.set(r.page, (onPage.get(r.page) ?? 0) + 1);
    const seen = new Map<number, number>();
    counts = ev.rows.map((r) => {
      const before = seen.get(r.page) ?? 0;
      seen.set(r.page, before + 1);
      return [before, onPage.get(r.page)! - before - 1];
    });
    rowCounts.set(ev, counts);
  }
  const [before, after] = counts[rowIndex]!;
  return [before, after];
}

const extents = new WeakMap<DocumentEvidence, Map<number, [number, number]>>();

/** Where a row stands between the first and the last row of its page: 0 at the first, 1 at the last. */
export function relativeTop(ev: DocumentEvidence, page: number, top: number): number {
  let byPage = extents.get(ev);
  if (!byPage) {
    byPage = new Map();
    for (const r of ev.rows) {
      const [lo, hi] = byPage.get(r.page) ?? [r.top, r.top];
      byPage.set(r.page, [Math.min(lo, r.top), Math.max(hi, r.top)]);
    }
    extents.set(ev, byPage);
  }
  const [lo, hi] = byPage.get(page) ?? [0, 1];
  return hi > lo ? (top - lo) / (hi - lo) : 0;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

export function sameAnchor(a: Omit<Anchor, 'hits' | 'misses'>, b: Omit<Anchor, 'hits' | 'misses'>): boolean {
  // one label however OCR split its words ("total amt payable", "total amtpayable") is one anchor
  if (a.relation !== b.relation || a.label.join('') !== b.label.join('')) return false;
  return a.relation !== 'none' || (a.page === b.page && Math.abs(a.top - b.top) <= POSITION_TOLERANCE.top && Math.abs(a.x - b.x) <= POSITION_TOLERANCE.x);
}
