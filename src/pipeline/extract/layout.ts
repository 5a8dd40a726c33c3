// Turns the document engine's lines into reading-order rows and answers "what value stands next to / below this
// label?" — the one layout question every field extractor asks.
import type { ReadDocument, TextLine } from '../document.js';
import { NUMBER_WORD } from './words.js';

export interface Cell {
  text: string;
  confidence: number;
  x0: number;
  x1: number;
}

export interface Row {
  index: number; // position in reading order over the whole document
  page: number;
  /** vertical position on the page in [0,1], 0 = top */
  top: number;
  cells: Cell[];
  text: string; // cells joined with a wide gap marker so a regex never reads across two columns
  confidence: number;
}

export const CELL_GAP = '   ';

/** Groups lines whose vertical extents overlap into rows, ordered top to bottom, cells left to right. */
export function buildRows(doc: ReadDocument): Row[] {
  const rows: Row[] = [];
  for (const page of doc.pages) {
    const height = page.height > 0 ? page.height : 1;
    const lines = page.lines.filter((l) => typeof l.text === 'string' && l.text.trim() !== '').map(sanitize);
    const sorted = [...lines].sort((a, b) => a.bbox.y0 - b.bbox.y0 || a.bbox.x0 - b.bbox.x0);
    const groups: { y0: number; y1: number; lines: TextLine[] }[] = [];
    for (const line of sorted) {
      const h = Math.max(1, line.bbox.y1 - line.bbox.y0);
      const mid = (line.bbox.y0 + line.bbox.y1) / 2;
      // lines arrive sorted by top edge, so only the last few groups can share a row with this one
      const g = groups.slice(-8).find((gr) => {
        const gh = Math.max(1, gr.y1 - gr.y0);
        const gmid = (gr.y0 + gr.y1) / 2;
        // same row when the centres are close, or (slightly tilted photos) the boxes overlap over most of the
        // smaller height
        const overlap = Math.min(gr.y1, line.bbox.y1) - Math.max(gr.y0, line.bbox.y0);
        const sameRow = Math.abs(gmid - mid) < Math.max(h, gh) / 3 || overlap >= 0.6 * Math.min(h, gh);
        return sameRow && !gr.lines.some((l) => overlapsX(l, line));
      });
      if (g) {
        g.lines.push(line);
        g.y0 = Math.min(g.y0, line.bbox.y0);
        g.y1 = Math.max(g.y1, line.bbox.y1);
      } else groups.push({ y0: line.bbox.y0, y1: line.bbox.y1, lines: [line] });
    }
    groups.sort((a, b) => a.y0 - b.y0);
    for (const g of groups) {
      const cells = g.lines.sort((a, b) => a.bbox.x0 - b.bbox.x0).flatMap(splitCells);
      rows.push({
        index: rows.length,
        page: page.page,
        top: Math.min(1, Math.max(0, g.y0 / height)),
        cells,
        text: cells.map((c) => c.text).join(CELL_GAP),
        confidence: cells.reduce((least, c) => Math.min(least, c.confidence), Infinity), // no spread: a row may have 100 000 cells
      });
    }
  }
  return rows;
}

/** Engines are trusted for shape, not for values: NaN or out-of-range numbers must not poison the scores. */
function sanitize(line: TextLine): TextLine {
  const n = (v: number): number => (Number.isFinite(v) ? v : 0);
  const c = Number.isFinite(line.confidence) ? Math.min(1, Math.max(0, line.confidence)) : 0.5;
  const { x0, y0, x1, y1 } = line.bbox ?? { x0: 0, y0: 0, x1: 0, y1: 0 };
  const runs = Array.isArray(line.runs) && line.runs.every((r) => [r.offset, r.end, r.x0, r.x1].every(Number.isFinite)) ? line.runs : undefined;
  return { text: line.text, confidence: c, bbox: { x0: n(x0), y0: n(y0), x1: Math.max(n(x0), n(x1)), y1: Math.max(n(y0), n(y1)) }, runs };
}

/**
 * OCR engines return one line per text row and keep wide gaps as runs of spaces ("Date :      25/12/2018"):
 * those gaps separate a label from its value or two columns, so they become cell boundaries. x positions of the
 * pieces are interpolated from character offsets.
 */
function splitCells(line: TextLine): Cell[] {
  const raw = line.text;
  const width = Math.max(1, line.bbox.x1 - line.bbox.x0);
  const perChar = width / Math.max(1, raw.length);
  const cells: Cell[] = [];
  const runs = line.runs?.length ? line.runs : null;
  for (const m of raw.matchAll(/\S+(?:\s{1,2}\S+)*/g)) {
    const start = m.index ?? 0;
    const text = m[0].replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const end = start + m[0].length;
    cells.push({
      text,
      confidence: line.confidence,
      x0: runs ? xAt(runs, start, 'start') : line.bbox.x0 + start * perChar,
      x1: runs ? xAt(runs, end, 'end') : line.bbox.x0 + end * perChar,
    });
  }
  return cells;
}

/** The x of a character offset from the text layer's runs: inside a run, interpolated over that run's own width; a
 * cell's start at a run's start, its end at the end of the run it ends in. */
function xAt(runs: NonNullable<TextLine['runs']>, offset: number, side: 'start' | 'end'): number {
  // the run holding the offset's character (for an end, the character before it)
  const at = side === 'start' ? offset : offset - 1;
  let i = runs.length - 1;
  while (i > 0 && runs[i].offset > at) i--;
  const run = runs[i];
  const per = (run.x1 - run.x0) / Math.max(1, run.end - run.offset);
  return Math.min(run.x1, Math.max(run.x0, run.x0 + (offset - run.offset) * per));
}

function overlapsX(a: TextLine, b: TextLine): boolean {
  return Math.min(a.bbox.x1, b.bbox.x1) - Math.max(a.bbox.x0, b.bbox.x0) > 2;
}

/** A currency written out beside an amount ("250,07 Euros", "12.00 Dollars"): no words of a label. */
const CURRENCY_WORD_RE = /(?<![\p{L}])(euros?|dollars?|pounds?|francs?|reais|real|pesos?)(?![\p{L}])/giu;

/** A short label of its own before a value: "GST @6%: $0.46", "Tax: 1.20". */
const SHORT_LABEL_RE = /^\W*\p{L}{2,}[^:]{0,12}:\s*\S/u;

export interface LabeledValue<T> {
  value: T;
  row: Row;
  /** 0 = same cell after the label, 1 = a later cell in the row, 2+ = rows below */
  distance: number;
  confidence: number; // OCR confidence of the text the value came from
  labelText: string;
  /** where the label's match starts in `labelIn`, the spelling of the label's cell it was read from (labelSpellings) */
  labelAt?: number;
  labelIn?: string;
  /** left edge of the cell the value came from */
  x0: number;
  /** the label's row and cell, and the cell the value came from (a value below a heading: what stands beside it) */
  labelRow?: Row;
  labelCell?: Cell;
  cell?: Cell;
}

/** Each label's global twin, made once: a label is matched in every cell of every document, and a pattern made again
 * is compiled again (the big alternations of the totals' labels cost more to compile than to match a cell). */
const GLOBAL_TWINS = new WeakMap<RegExp, RegExp>();

function globalTwin(label: RegExp): RegExp {
  let twin = GLOBAL_TWINS.get(label);
  if (!twin) GLOBAL_TWINS.set(label, (twin = new RegExp(label.source, label.flags.includes('g') ? label.flags : label.flags + 'g')));
  return twin;
}

/** The index after an empty match at `index`, as String.prototype.matchAll steps it: one code point under the `u` and
 * `v` flags, else one code unit. */
function advanceIndex(text: string, index: number, fullUnicode: boolean): number {
  if (!fullUnicode || index + 1 >= text.length) return index + 1;
  const code = text.charCodeAt(index);
  return code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00 ? index + 2 : index + 1;
}

/**
 * For every match of `label`, reads a value with `parse` from: the rest of the cell, the following cells of the
 * row, then up to `below` rows underneath (preferring the cell under the label). `parse` returns null to refuse.
 */
export function findLabeled<T>(
  rows: Row[],
  label: RegExp,
  parse: (text: string) => T | null,
  opts: { below?: number; exclude?: RegExp; excludeClause?: boolean; rightmost?: boolean; nextValueOnly?: boolean; belowOnlyValues?: boolean; maxLabelTail?: number; alignedBelow?: boolean; ownColumnBelow?: boolean; besideBlock?: boolean } = {},
): LabeledValue<T>[] {
  const below = opts.below ?? 1;
  const out: LabeledValue<T>[] = [];
  const re = globalTwin(label);
  const fullUnicode = re.unicode || re.flags.includes('v');
  rows.forEach((row, ri) => {
    row.cells.forEach((cell, ci) => {
      // a word split by a space holds no label as printed: try the cell's compacted spellings (labelSpellings); a
      // cell with no other spelling is read as printed at once (no test before the match: the same text scanned once)
      let text = cell.text;
      const spellings = cellSpellings(cell);
      for (const spelling of spellings.length > 1 ? spellings : []) {
        re.lastIndex = 0;
        if (re.test(spelling)) {
          text = spelling;
          break;
        }
      }
      // every match, as text.matchAll(re) gives them, without the copy of the pattern matchAll makes on each call
      re.lastIndex = 0;
      for (let m: RegExpExecArray | null; (m = re.exec(text)); ) {
        if (m[0] === '') re.lastIndex = advanceIndex(text, re.lastIndex, fullUnicode);
        const labelText = m[0];
        // `excludeClause`: the exclusion reads only the label's own clause, from the last number before it (the end
        // of the previous field's value; a digit inside a word, "GST 1D No", as OCR reads "ID", is none) to the
        // label's end: "Nº Factura: FE123 Nº Cliente: 456" is no customer's number; "Nº Cliente: 456 Nº Factura:
        // FE123" is the invoice's
        const clause = opts.excludeClause ? text.slice(0, (m.index ?? 0) + labelText.length).replace(/^[\s\S]*\d(?![\p{L}\d])/u, '') : text;
        if (opts.exclude && opts.exclude.test(clause)) continue;
        const after = text.slice((m.index ?? 0) + labelText.length);
        const own = parse(after);
        if (own !== null) {
          out.push({ value: own, row, distance: 0, confidence: cell.confidence, labelText, labelAt: m.index, labelIn: text, x0: cell.x0, labelRow: row, labelCell: cell, cell });
          continue;
        }
        // a label with more words after it ("Total HT ... ") is not a bare label; only look further when the rest
        // of the cell is punctuation or short filler
        if (after.replace(LABEL_FILLER_RE, '').length > (opts.maxLabelTail ?? 3)) continue;
        let found = false;
        const later = row.cells.slice(ci + 1);
        if (opts.rightmost) later.reverse();
        for (const c of later) {
          const v = parse(c.text);
          if (v !== null) {
            out.push({ value: v, row, distance: 1, confidence: c.confidence, labelText, labelAt: m.index, labelIn: text, x0: c.x0, labelRow: row, labelCell: cell, cell: c });
            found = true;
            break;
          }
          // `nextValueOnly`: a label's value is the first thing printed after it; a cell that is something else — a
          // date, an amount, another label, a name — ends the row's reading (what stands beyond it is another field's:
          // "N° | 20/11/2025 | B87760575", "Número | Fecha | Cliente" over their values)
          // (a fragment of the label itself is stepped over: "FACTURA | Núm. | 2024-0012", "Invoice No. | INV | 0001234")
          if (opts.nextValueOnly && !labelFragment(c.text) && isOtherContent(c.text)) break;
        }
        // (`ownColumnBelow`: a row whose every cell stands under another heading of the label's row holds those
        // headings' values — a summary table prints each column's value on its own line, "Subtotal | Tasa | … |
        // TOTAL" over "0.00%  106000.00" then "106000.00" at the right — and is stepped over without counting, up to
        // OTHER_COLUMNS_ROWS such rows)
        let reach = below;
        let ownSeen = false;
        for (let d = 1; d <= reach && !found && ri + d < rows.length; d++) {
          const next = rows[ri + d];
          if (next.page !== row.page) break;
          // prefer the cell horizontally under the label, then any; `alignedBelow` takes from a row of several cells
          // only those in the label's column (a table's header row "Projekt | Kunden-Nr. | Unser Zeichen" over its
          // values: the value under "Unser Zeichen" is not the one under "Kunden-Nr.")
          // `ownColumnBelow`: a value standing under another cell of the label's row (a summary table's heading or
          // value: "Base | IVA | RE | TOTAL" over "210,12 | 21,01 | 0,00", the total two rows down) is that cell's
          const ordered = [...next.cells]
            // (a line alone on its row is the label's too — a title centred over its number — unless it stands under
            // another cell of the label's row and not under the label: the street under the letterhead's name beside an
            // "INVOICE" title continues that name's block)
            .filter((c) => !opts.alignedBelow || (next.cells.length === 1 && !underAnother(c, row, cell)) || sharesColumn(c, cell) || headedBy(c, row, cell))
            .filter((c) => !opts.ownColumnBelow || !underAnother(c, row, cell))
            .sort((a, b) => columnDistance(a, cell) - columnDistance(b, cell));
          // (only while nothing stood in the label's own column: a row with a cell there, "n/a", was the label's)
          if (next.cells.some((c) => sharesColumn(c, cell))) ownSeen = true;
          const othersOnly = opts.ownColumnBelow === true && !ownSeen && next.cells.length > 0 && next.cells.every((c) => underAnother(c, row, cell));
          if (othersOnly && reach < below + OTHER_COLUMNS_ROWS) reach++;
          // a row that holds its own label ("Rounding: | 0.00") ends the search: its value is not ours
          // (a column header further right, "... | Totale imponibile | Totale imposta", steps over a wordy line that
          // stays outside its column: another header's second line, "Spese" / "accessorie")
          // (a short label with a colon, "GST @6%: $0.46", is a label too)
          const wordy = (c: Cell) => (c.text.replace(CURRENCY_WORD_RE, '').match(/\p{L}/gu) ?? []).length > 3 || SHORT_LABEL_RE.test(c.text);
          // (`besideBlock`: a line wholly left of a label that opens its row is another block's, beside a totals box
          // printed in the right half: "Total" over "Bank Details: … | $706,00" — stepped over, as a line beside the
          // column is)
          if (opts.belowOnlyValues && next.cells.some((c) => wordy(c) && ((ci === 0 && !(opts.besideBlock && c.x1 < cell.x0)) || sharesColumn(c, cell)))) break;
          for (const c of ordered) {
            const v = parse(c.text);
            if (v !== null) {
              out.push({ value: v, row: next, distance: 1 + d, confidence: c.confidence, labelText, labelAt: m.index, labelIn: text, x0: c.x0, labelRow: row, labelCell: cell, cell: c });
              found = true;
              break;
            }
          }
          // a row with text in the label's own column but no value there ends the search: only a row beside the
          // column (another block's line) is stepped over
          // (a row that only grazes the column is another header's second line, "Data" / "documento" printed over
          // the next column's edge: it is stepped over too)
          if (opts.alignedBelow && !found && next.cells.some((c) => mostlyInColumn(c, cell))) break;
        }
      }
    });
  });
  return out;
}

/** What may follow a label in its cell without making it a label with more words: punctuation, a number sign ("N°",
 * "Nr.", "Núm."), a currency ("EUR", "€", "(RM)"). */
const LABEL_FILLER_RE = /[\s:.#°º|\-()*]|n[o°º]\.?|nr\.?|no\.?|n[úu]m\.?|\(rm\)|rm|eur|€/gi;

/** A number word alone in its cell (words.ts NUMBER_WORD: "Number", "Núm.", "Nummer"): the second word of a label. */
const NUMBER_WORD_CELL_RE = new RegExp(String.raw`^[\s:.#|-]*(?:${NUMBER_WORD})[\s:.#°º|-]*$`, 'iu');

/** A cell that is only a fragment of a label — filler (LABEL_FILLER_RE), a number word, or a short word of one to
 * four letters and no digit ("INV") — stands between a label and its value. */
function labelFragment(text: string): boolean {
  return text.replace(LABEL_FILLER_RE, '') === '' || NUMBER_WORD_CELL_RE.test(text) || /^\s*\p{L}{1,4}\.?\s*$/u.test(text);
}

/** A cell that holds something — a digit, or a word of three letters — and not mere punctuation or a sign ("#", ":",
 * "N°", "Nr."), which may stand between a label and its value. */
function isOtherContent(text: string): boolean {
  return /\d/.test(text) || /\p{L}{3}/u.test(text);
}

/** How many rows of other headings' values a summary heading's search for its own value steps over (findLabeled). */
const OTHER_COLUMNS_ROWS = 2;

/** How far a value cell stands from the label's column: 0 when it overlaps the label (a right-aligned amount under a
 * left-aligned header, "Total TTC" over "501,00 EUR"), else the gap between them; ties go by left edges. */
function columnDistance(value: Cell, label: Cell): number {
  const gap = Math.max(value.x0 - label.x1, label.x0 - value.x1, 0);
  return gap + 0.001 * Math.abs(value.x0 - label.x0);
}

/** Each cell's spellings (labelSpellings), made once: every field's labels are sought over the same rows, so one
 * document's cells are matched against dozens of label patterns. Keyed by the cell object, whose text does not change
 * (the rows of a variant reading have cells of their own), and dropped with it. */
const SPELLINGS = new WeakMap<Cell, readonly string[]>();

export function cellSpellings(cell: Cell): readonly string[] {
  let spellings = SPELLINGS.get(cell);
  if (!spellings) {
    spellings = labelSpellings(cell.text);
    SPELLINGS.set(cell, spellings);
  }
  return spellings;
}

/**
 * A cell as printed, then with the spaces an engine put inside words removed, for label matching only. Text layers
 * split words by kerning ("Br uttosumme"); Paddle's line reader splits words of a receipt's labels at a letter it
 * is unsure of ("T otal Inclusive G ST", "CHAN GE", "RO W DING"). First the splits that cannot be word boundaries (a
 * space between lower-case letters, a lone letter joined to its neighbours), then every space between letters of a
 * short cell (label patterns allow for no space between their words): the first spelling a label matches is read.
 */
export function labelSpellings(text: string): string[] {
  const out = [text];
  const lower = text.replace(/(?<=\p{Ll}) (?=\p{Ll})/gu, '');
  // a lone letter joins the word after it ("T otal", "G S T" -> "GST"), or the word before it when it ends one ("SUBTOTA L");
  // a lone lower-case vowel is a word of its own ("Total a pagar", "Spese e bolli")
  const lone = lower.replace(/(?<=(?:^|[^\p{L}])(?![aeiouyàè])\p{L}) (?=\p{L})|(?<=\p{L}{2}) (?=(?![aeiouyàè])\p{L}(?:$|[^\p{L}\s]|\s(?!\p{L})))/gu, '');
  // every space, only in a short label of two or three pieces ("CHAN GE"): a letter-spaced heading of a text layer
  // ("IM P O R T E") is a table's column title, not a label beside its value
  const all = (text.match(/ /g) ?? []).length <= 2 ? lone.replace(/(?<=\p{L}) (?=\p{L})/gu, '') : lone;
  for (const t of [lower, lone, all]) if (!out.includes(t)) out.push(t);
  return out;
}

/** Whether a heading row of several cells heads a cell of the row below through `heading`: the cell stands under no
 * heading, and `heading` is the nearest one. A table's value is printed in its heading's column, not always under its
 * letters: a number right-aligned under a short left-aligned "No." starts where the heading ends. */
function headedBy(value: Cell, headings: Row, heading: Cell): boolean {
  if (headings.cells.length < 2 || headings.cells.some((h) => sharesColumn(value, h))) return false;
  const gap = columnDistance(value, heading);
  return headings.cells.every((h) => h === heading || columnDistance(value, h) > gap);
}

/** Whether a cell stands under another cell of the label's row and not under the label itself. */
function underAnother(value: Cell, labelRow: Row, label: Cell): boolean {
  return !sharesColumn(value, label) && labelRow.cells.some((o) => o !== label && sharesColumn(value, o));
}

/** Whether a cell stands mostly in the label cell's column: their overlap is at least half the narrower one. */
function mostlyInColumn(other: Cell, label: Cell): boolean {
  const overlap = Math.min(other.x1, label.x1) - Math.max(other.x0, label.x0);
  return overlap > 0 && overlap >= 0.5 * Math.min(other.x1 - other.x0, label.x1 - label.x0);
}

/** Whether a value cell stands in the label cell's column: their horizontal extents overlap. */
export function sharesColumn(value: Cell, label: Cell): boolean {
  return Math.min(value.x1, label.x1) - Math.max(value.x0, label.x0) > 0;
}
