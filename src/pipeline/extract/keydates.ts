// Which date on the page is which: issue date vs due date vs delivery/period/order dates, by the label before
// the date (same cell, cell to the left, or the header above), then payment terms ("30 days") for the due date.
import type { Field } from '../../contract.js';
import { CELL_GAP, type Row } from './layout.js';
import { addDays, findDates, isoDate, monthOf, paymentTermDays, repairOcrDate, type DateOrder } from './dates.js';
import { explainRanked, type FieldExplain } from './explain.js';
import { roundHundredths } from '../rounding.js';
import { headsItemTable } from './totals.js';
import { digitLookalikes } from './digit-lookalikes.js';
import { billLabels, DATE_WORD_NORDIC_CS, DATELINE_PREPOSITION, ET_DATE_WORD, headsLedger, NUMBER_WORD, PAYMENT_DUE_BY, WEEKDAY } from './words.js';

/** The document (and its number), then "of" its date: "Fattura n. 82602308031 del", "N. Fattura 0823… del", "Nr.
 * Documento 5700012345 del", "fattura elettronica n.5098765432 del", "Rechnung Nr. 504 vom", "Rechnung Nr. 2026 0001 vom", "Gutschrift Nr. 5 vom",
 * "Avoir n° 12 du", "Facture du" (the document words of TITLE_RE). A document
 * word is required: "decreto legge n. 130 del 27 settembre 2021", "Loi n° 2020-105 du", "Bestellung vom" name another
 * date (a bare "vom"/"du" is PREPOSITION_RE's weak label). */
const NUMBER_THEN_OF =
  String.raw`(?<!\p{L})(?:(?:fattur\p{L}*|bollett\p{L}*|documento|rechnung|gutschrift|invoice|credit\s+note|receipt|factur\p{L}*|avoir|factuur|fatura|nota\s+di\s+credito)(?:\s+elettronica)?\s*(?:(?:${NUMBER_WORD})\.?)?|(?:${NUMBER_WORD})\.?\s*(?:fattura|documento|bolletta|doc\.?))(?:\s*[:.#]?\s*[\p{L}\d/-]{0,6}\d[\p{L}\d/.-]*(?:\s\d[\d/.-]*)?)?\s+(?:del|vom|du|of|dated)\W*$`;
const ISSUE_STRONG_RE = new RegExp(String.raw`${NUMBER_THEN_OF}|` + /(invoice|bill|receipt|document)\s*date|date\s*of\s*(invoice|issue)|rechnungsdatum|belegdatum|ausstellungsdatum|datum\s*der\s*rechnung|date\s*de\s*(la\s*)?facture|date\s*d['’][ée]mission|date\s*de\s*facturation|data\s*(della\s*)?fattura|data\s*(del\s*)?documento|data\s*emissione|fecha\s*(de\s*)?(la\s*)?factura|fecha\s*(de\s*)?emisi[óo]n|fecha\s*(de\s*)?expedici[óo]n|issue\s*date|date\s*issued|tax\s*point|factuurdatum|datum\s*factuur|data\s*(da\s*)?fatura|data\s*(de\s*)?emiss[ãa]o|(?<![a-z])(emiss[ãa]o|emissione|emisi[óo]n)(?![a-z])|(rechnungs?|invoice|factuur|facture|fattura|factura|fatura)\s*-?\s*(nr|no|nummer|number|n[°º])\.?\s*\/\s*-?\s*(datum|date|data|fecha)/.source + `|${billLabels('issue')}`, 'iu');
const ISSUE_WEAK_RE = new RegExp(String.raw`\bfait\s+le\b|\bdate\b|\bdatum\b|\bdata\b|\bfecha\b|\bdated\b|\bdate\s*:|\bdt\b|(?<![\p{L}])(?:${ET_DATE_WORD}|${DATE_WORD_NORDIC_CS})(?![\p{L}])`, 'iu');
const DUE_RE = new RegExp(
  // (words.ts PAYMENT_DUE_BY first: "Payment due date" is read whole, before "payment due")
  String.raw`${PAYMENT_DUE_BY}|${billLabels('due')}`,
  'iu',
);
/** The date a payment was made ("Date paid", "Paid on", "Payment date", "Bezahlt am", "Payé le", "Pagato il", "Pagado
 * el", "Betaald op", "Fecha de pago", "Data di pagamento"): another kind of date (OTHER_DATE_RE), a receipt's only one
 * when nothing else is dated (PAID_DATE_RE, as a word of its own). */
const PAID_WORDS = String.raw`paid|payment\s*date|bezahlt|pay[ée]e?\s+le|pagat[oa]\s+il|pagad[oa]\s+el|betaald\s+op|fecha\s+de\s+pago|data\s+(?:di\s+|de\s+|do\s+)?pagamento`;
const OTHER_DATE_RE = new RegExp(
  String.raw`(?:next|n[äa]chste\w*|prochaine?|prossim[ao]|pr[óo]xim[ao]|volgende)(?:\s+\p{L}+){1,3}|lever|verzend|besteldatum|entrega|remessa|liefer|leistung|delivery|deliver|ship|order\s*date|bestell|livraison|consegna|entrega|period|per[íi]odo|p[ée]riode|zeitraum|abrechnung|g[üu]ltig|valid|stand|printed|druck|visualiz\p{L}*|\bbis\b|\bfrom\b|\bto\b|\bab\b|\bdal\b|\bal\b|\bfino\b|desde|hasta|alla\s+data|as\s+of|attivazion\p{L}*|activation|aktivierung|inizio|decorrenza|condizioni\s+economiche|contratt\p{L}*|contrat(?:o|\b)|vertrag\p{L}*|contract|lettur\p{L}*|rilevat\p{L}*|meter\s+reading|reading\s+date|ablesung|z[äa]hlerstand|relev[ée]|consum[oi]|verbrauch|anzahlung|skonto|r[èe]glement|${PAID_WORDS}|geburt|birth|since|seit|expiry|exp\b|${billLabels('other')}`,
  'iu',
);
const PAID_DATE_RE = new RegExp(String.raw`(?<!\p{L})(?:${PAID_WORDS})`, 'iu');
/** An issue date's label, a slash, and one more label of up to three words at the end of the date's context. */
const ISSUE_THEN_OTHER_RE = new RegExp(String.raw`(?:${ISSUE_STRONG_RE.source})\s*\/\s*(?:\p{L}+[\s.-]*){1,3}:?\s*$`, 'iu');
/** "vom"/"du" right before the date with no document word before them: maybe the issue date, maybe an order's. */
const PREPOSITION_RE = /\b(?:vom|du)\W*$/i;
/** A letter's dateline, a place and a comma before the date ("Amsterdam, 11-10-19", "Berlin, den 12.03.2019", "Paris,
 * le 4 mars 2019", "Frankfurt am Main, 12/03/2019"): where and when the document was written — its issue date, weakly,
 * as a preposition alone is. The whole of the date's cell before it, from the cell's start: a place of up to four words
 * (OCR may read a capital small: "leonardo Hotel …"), its last capitalised and no weekday ("Samstag, 20.03.2021",
 * "Sale ends Sunday, 28/03/2021": a day named, often a later one) — no label and colon, no sentence, no cell to the
 * left before it. Group 1: the place's last word. */
const DATELINE_RE = new RegExp(String.raw`^\s*(?:[\p{L}'’.]+[\s-]+){0,3}(\p{Lu}\p{L}{2,}),\s*(?:(?:${DATELINE_PREPOSITION})\s+)?$`, 'u');
const WEEKDAY_RE = new RegExp(String.raw`^(?:${WEEKDAY})$`, 'iu');
/** Whether `before`, the date's cell's text before it, is a letter's dateline (DATELINE_RE). */
function datelineBefore(before: string): boolean {
  const m = DATELINE_RE.exec(before);
  return m !== null && !WEEKDAY_RE.test(m[1]);
}
const ANY_DATE_LABEL = [ISSUE_STRONG_RE, DUE_RE, ISSUE_WEAK_RE, PREPOSITION_RE, /liefer|leistung|delivery|order\s*date|livraison|consegna|entrega/i];
/** Labels that name an issue or a due date: the ones read across a qualifier in the date's cell (another kind's words — "to", "from", "valid" — are too common in a long cell's prose). */
const KIND_LABELS = [ISSUE_STRONG_RE, DUE_RE];
const TITLE_RE = /rechnung|invoice|facture|fattura|factura|gutschrift|avoir|credit\s*note|receipt/i;

/** The dates of a cell (`found`: those findDates reads in it, when known); a number and its date printed as one value
 * under a "No./date" label ("9100007708/13.01.2026") gives the date after the slash. */
function datesIn(text: string, order: DateOrder, found = findDates(text, order)): ReturnType<typeof findDates> {
  if (found.length) return found;
  const m = /^(.*\d\s?\/\s?)(\d{1,2}[./-]\d{1,2}[./-]\d{2,4})\s*$/.exec(text);
  return m ? findDates(m[2], order).map((d) => ({ ...d, index: d.index + m[1].length })) : [];
}

/** A time of day right after a date: the till's stamp of the sale ("11/05/2018 08:36:58 pm", "06/07/16 13:54"). */
const TIME_AFTER_RE = /^\W{0,3}(?:\(\p{L}{2,3}\)\s*)?\d{1,2}[:.]\d{2}(?![\d.,])/u;
/** A year after the next one is a misread ("13/12/2047" for 2017). Asked per document (a worker runs for years), of
 * the day the document is judged on (ExtractOptions.today; default the clock). */
const latestYear = (today?: string) => (today ? Number(today.slice(0, 4)) : new Date().getUTCFullYear()) + 1;

interface DateHit {
  iso: string;
  /** printed with a time of day right after it */
  stamped?: boolean;
  /** one end of a period ("dal 01/03/2026 al 31/03/2026") */
  period?: boolean;
  /** after a letter's dateline in its own cell ("Berlin, den 12.03.2019": DATELINE_RE) */
  dateline?: boolean;
  /** rebuilt from a labelled date whose separators OCR lost or misread (repairOcrDate), day first by assumption */
  repaired?: boolean;
  context: string; // label text before the date (same cell, left cells, or header above)
  rowIndex: number;
  top: number;
  page: number;
  conf: number;
  ambiguous: boolean;
}

/** A word that joins the two ends of a period: "01/03/2026 - 31/03/2026", "dal 01/03/2026 al 31/03/2026", "15/01/2026 a
 * 13/02/2026", "24.03.2026-23.04.2026", "1 September bis 30 September", "du … au …", "tra il … e il …". */
const RANGE_JOIN = String.raw`(?:[-–—~]|(?:al|a|to|till|until|through|thru|bis|au|à|até|ate|hasta|tot|t\/m|e\s+il|and)(?=[\s\d]))`;
const RANGE_AFTER_RE = new RegExp(String.raw`^\s*${RANGE_JOIN}\s*(?:(?:il|le|el|den)\s+)?`, 'iu');
const RANGE_BEFORE_RE = new RegExp(String.raw`\s*${RANGE_JOIN}\s*(?:(?:il|le|el|den)\s+)?$`, 'iu');

/** The date is one end of a period: another date is joined to it by a range word, before or after it. */
function inPeriod(before: string, after: string, order: DateOrder): boolean {
  const a = RANGE_AFTER_RE.exec(after);
  if (a && findDates(after.slice(a[0].length), order)[0]?.index === 0) return true;
  const b = RANGE_BEFORE_RE.exec(before);
  if (!b) return false;
  const head = before.slice(0, b.index).trimEnd();
  return findDates(head, order).some((d) => d.index + d.raw.length === head.length) || yearlessStart(head);
}

/** A period's start printed without its year, the end's year serving both: "Feb 11 – Mar 11, 2024", "11 Feb - 11 Mar
 * 2024", "11.02. - 11.03.2024" (a month name, or a day and month with its dot). */
function yearlessStart(head: string): boolean {
  const named = /(\p{L}+)\.?\s+\d{1,2}(?:st|nd|rd|th)?$|(?<![\p{L}\d])\d{1,2}(?:st|nd|rd|th|\.)?\s+(\p{L}+)\.?$/u.exec(head);
  if (named) return monthOf(named[1] ?? named[2]) !== null;
  return /(?<![\d.])(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.$/.test(head);
}

/** A sentence's end inside a cell: a full stop, question or exclamation mark before a capital ("ust. 1" is none). */
const SENTENCE_END_RE = /[.!?]\s+\p{Lu}/u;
/** How far before a date in its own cell a label is read when none stands nearer (collect). */
const OWN_LABEL_REACH = 160;
/** How many characters before a date (its cell and the cells to its left) a label may stand. */
const LABEL_REACH = 80;
/** Lines of the same column above a cell (left edges within this share of the page's width), nearest first. */
const COLUMN_ALIGN = 0.02;
/** A preposition alone before a date ("Del 10.02.2017"): what it is the date of is printed above it ("N. Fattura …"). */
/** A date label at a text's end ("Date:", "DATE :"), the damaged date after it repaired (collect). */
const DATE_LABEL_END_RE = /\b(date|datum|data|fecha)\b\W*$/i;
/** A cell holding a date label and nothing else ("Mobile Data", "Bill No: … Date:" are no such cell). */
const DATE_LABEL_ONLY_RE = /^\W*(date|datum|data|fecha)\W*$/i;
const LONE_PREPOSITION_RE = /^\s*(?:del|vom|du|of|dated)\s*$/i;

function collect(rows: Row[], order: DateOrder, today?: string): DateHit[] {
  const hits: DateHit[] = [];
  const latest = latestYear(today);
  const pageWidth = new Map<number, number>();
  for (const r of rows) pageWidth.set(r.page, Math.max(pageWidth.get(r.page) ?? 0, ...r.cells.map((c) => c.x1)));
  rows.forEach((row, i) => {
    row.cells.forEach((cell, ci) => {
      // the dates the cell prints as written, found once: the repairs below read only a cell that prints none
      const printed = findDates(cell.text, order);
      const noPrintedDate = printed.length === 0;
      const cellDates = datesIn(cell.text, order, printed);
      for (const d of cellDates) {
        // a label before an earlier date of the cell is that date's ("Emissão: 07/01/2024 Postagem: 15/01/2024")
        const previous = cellDates.filter((x) => x.index + x.raw.length <= d.index).pop();
        const near = cell.text.slice(Math.max(0, d.index - 50, previous ? previous.index + previous.raw.length : 0), d.index);
        // a qualifier may stand between a label and its date in one cell ("Data wystawienia, z zastrzeżeniem art. 106na
        // ust. 1 ustawy: 31.10.2025", Polish invoices cite the VAT act there): with no label near the cell's first date,
        // the cell's own text before it, from its start, is read for one
        // (only a label that names the date's kind, not a bare "date" or a preposition, and not across a sentence's end:
        // "… of the purchase date when accompanied by … tags. Promotion ends 31.03.2025")
        const whole = !previous && d.index <= OWN_LABEL_REACH ? cell.text.slice(0, d.index) : near;
        const reaches = whole !== near && !ANY_DATE_LABEL.some((re) => re.test(near)) && !SENTENCE_END_RE.test(whole) && KIND_LABELS.some((re) => re.test(whole));
        const ownBefore = reaches ? whole : near;
        let context = ownBefore;
        if (LONE_PREPOSITION_RE.test(ownBefore)) {
          const tolerance = COLUMN_ALIGN * (pageWidth.get(row.page) ?? 0);
          for (let k = 1; k <= 3 && i - k >= 0 && rows[i - k].page === row.page; k++) {
            const above = rows[i - k].cells.find((c) => Math.abs(c.x0 - cell.x0) <= tolerance);
            if (above) {
              context = `${above.text} ${ownBefore}`;
              break;
            }
          }
        }
        // the cells to the left, as far as a label can stand from its date: a sentence in the next column ("… à compter
        // de la date de la facture") labels none of this cell's dates
        if (ci > 0) context = `${row.cells.slice(Math.max(0, ci - 2), ci).map((c) => c.text).join(' ')} ${context}`.slice(-LABEL_REACH);
        // a label wrapped onto two lines, the second opening with the slash that joins it to the first ("Rechnungsdatum"
        // over "/Lieferdatum | 16 Oktober 2025"): the line above, in the label's column, is the label's too
        const labelCell = ownBefore.trim() === '' && ci > 0 ? row.cells[ci - 1] : cell;
        if (/^\s*\//.test(labelCell.text) && i > 0 && rows[i - 1].page === row.page) {
          const tolerance = COLUMN_ALIGN * (pageWidth.get(row.page) ?? 0);
          const above = rows[i - 1].cells.find((c) => Math.abs(c.x0 - labelCell.x0) <= tolerance);
          if (above && !/\d/.test(above.text)) context = `${above.text} ${context}`;
        }
        const before = `${ci > 0 ? `${row.cells[ci - 1].text} ` : ''}${cell.text.slice(0, d.index)}`;
        // what follows the date: the rest of its cell and the next cell (a period's other end, a till's time of day)
        const after = [cell.text.slice(d.index + d.raw.length), ...row.cells.slice(ci + 1, ci + 2).map((c) => ` ${c.text}`)].join('');
        const period = inPeriod(before, after, order);
        const ownLabel = ANY_DATE_LABEL.some((re) => re.test(context));
        if (i > 0 && !ownLabel) {
          // value under a header row ("Invoice Date: | Due Date:" then "21/09/2022 | 21/10/2022"): the header
          // cell whose centre is nearest the date's column labels it. One wrapped text row may sit in between.
          const mid = (cell.x0 + cell.x1) / 2;
          for (let k = 1; k <= 2 && i - k >= 0; k++) {
            const above = rows[i - k];
            if (above.page !== row.page || findDates(above.text, order).length) break;
            // only header cells that name a date can label it ("Beschreibung | Fälligkeit | Teilzahlung")
            const header = above.cells
              .filter((c) => ANY_DATE_LABEL.some((re) => re.test(c.text)))
              .sort((a, b) => Math.abs((a.x0 + a.x1) / 2 - mid) - Math.abs((b.x0 + b.x1) / 2 - mid))[0];
            // (a date under the "Date" heading of a table's lines is its first line's, not the document's: headsLines)
            if (header && (k === 1 || above.cells.length >= 2) && !headsLines(above)) {
              context = `${header.text} ${context}`;
              break;
            }
          }
        }
        if (Number(d.iso.slice(0, 4)) > latest) continue;
        hits.push({ iso: d.iso, context, rowIndex: row.index, top: row.top, page: row.page, conf: cell.confidence, ambiguous: d.ambiguous, stamped: TIME_AFTER_RE.test(after), period, dateline: !previous && datelineBefore(cell.text.slice(0, d.index)) });
      }
      // "25032018 13:11:54": a till's stamp whose date separators were not printed or not read
      const compact = noPrintedDate ? /(?<!\d)(\d{2})(\d{2})(20\d{2})\s+\d{1,2}:\d{2}/.exec(cell.text) : null;
      const compactIso = compact ? isoDate(Number(compact[3]), Number(compact[2]), Number(compact[1])) : null;
      if (compactIso && Number(compactIso.slice(0, 4)) <= latest) hits.push({ iso: compactIso, context: '', rowIndex: row.index, top: row.top, page: row.page, conf: cell.confidence * 0.8, ambiguous: true, stamped: true });
      // "Date: 1210212018": a labelled date whose separators OCR lost; trusted less than a clean one
      // only the digits straight after the label: its own cell's end, or the start of the cell after a cell that holds
      // the label alone ("Bill No: 12712/2017 Date:" and "Date: | Inv No: 12712/2017" print no date)
      const head = cell.text.replace(/[\d\s/.|-]+$/, '');
      const labelEnd = DATE_LABEL_END_RE.exec(head);
      const label = labelEnd ?? (ci > 0 ? DATE_LABEL_ONLY_RE.exec(row.cells[ci - 1].text) : null);
      const labelled = labelEnd ? cell.text.slice(head.length) : label ? (/^[\d\s/.|-]+/.exec(cell.text)?.[0] ?? '') : '';
      const stamp = noPrintedDate ? stampWithLostSeparator(cell.text) : null;
      if (stamp) {
        for (const d of findDates(stamp, order)) hits.push({ iso: d.iso, context: '', rowIndex: row.index, top: row.top, page: row.page, conf: cell.confidence * 0.8, ambiguous: true, stamped: true });
      }
      const misread = !stamp && noPrintedDate ? stampWithMisreadParts(cell.text) : null;
      if (misread && Number(misread.slice(0, 4)) <= latest) hits.push({ iso: misread, context: '', rowIndex: row.index, top: row.top, page: row.page, conf: cell.confidence * 0.7, ambiguous: true, stamped: true });
      if (label && noPrintedDate) {
        const repaired = /\d/.test(labelled) ? repairOcrDate(labelled, order) : null;
        if (repaired && Number(repaired.slice(0, 4)) <= latest) hits.push({ iso: repaired, context: label[0], rowIndex: row.index, top: row.top, page: row.page, conf: cell.confidence * 0.8, ambiguous: true, repaired: true });
      }
    });
  });
  return hits;
}

/**
 * "27 04-18 16:26": a till's date-and-time stamp with one date separator read as a space. The time after it says it
 * is a date; the date is rebuilt with the separator that was read ("27-04-18").
 */
function stampWithLostSeparator(text: string): string | null {
  // dashes and slashes only: "2 12.50 10:30" is a quantity, a price and a time
  // "03.04, 20 09:53": a dotted stamp with a separator read as a comma or lost in a space
  const dotted = /(?<![\d/.,-])(\d{1,2})([.,])\s?(\d{1,2})([.,])\s?(\d{2}|\d{4})\s+\d{1,2}:\d{2}/.exec(text);
  if (dotted && (dotted[2] === ',' || dotted[4] === ',' || /\s/.test(dotted[0].slice(0, dotted[0].lastIndexOf(dotted[5]))))) return `${dotted[1]}.${dotted[3]}.${dotted[5]}`;
  // "2105/2022 21:57": the first separator lost altogether, two digits each left of the one kept
  const glued = /(?<![\d/.-])(\d{2})(\d{2})([-/])(\d{4})\s+\d{1,2}:\d{2}/.exec(text);
  if (glued) return `${glued[1]}${glued[3]}${glued[2]}${glued[3]}${glued[4]}`;
  const m = /(?<![\d/.-])(\d{1,2})\s(\d{1,2})([-/])(\d{2}|\d{4})\s+\d{1,2}:\d{2}/.exec(text) ?? /(?<![\d/.-])(\d{1,2})([-/])(\d{1,2})\s(\d{2}|\d{4})\s+\d{1,2}:\d{2}/.exec(text);
  if (!m) return null;
  const [a, b, c] = /\d/.test(m[2]) ? [m[1], m[2], m[4]] : [m[1], m[3], m[4]];
  const sep = /\d/.test(m[2]) ? m[3] : m[2];
  return `${a}${sep}${b}${sep}${c}`;
}

const MONTH_ABBREVIATIONS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// digits OCR reads as look-alike letters inside a year: "20i7", "2O18"
const YEAR_LOOKALIKES = digitLookalikes('ilI|oOQZ?');
const digitOf = (c: string): string => YEAR_LOOKALIKES[c] ?? c;

/**
 * A till's date-and-time stamp whose parts OCR misread, rebuilt only when a time of day follows it (the stamp says
 * it is a date): a month name one letter off or cut short ("25/Fen/20i7 07:43", "15/Ap2017 04:56"), a zero read as
 * an eight in the month or the year ("17/83/2817 21:35"), a year's digit read as its look-alike ("17-05-?022 13:28").
 */
function stampWithMisreadParts(text: string): string | null {
  const named = /(?<![\d\p{L}])(\d{1,2})\s?[/-]\s?(\p{L}{2,4})\s?[/-]?\s?([2Z][0OoQ][\dIil|Oo]{2})\s+\d{1,2}[:.]?\d{2}/u.exec(text);
  if (named) {
    const word = named[2].toLowerCase();
    const months = MONTH_ABBREVIATIONS.map((m, i) => ({ i, m })).filter(({ m }) => (word.length === 2 ? m.startsWith(word) : oneLetterOff(word.slice(0, 3), m)));
    const year = Number([...named[3]].map(digitOf).join(''));
    if (months.length === 1) return isoDate(year, months[0].i + 1, Number(named[1]));
  }
  const eights = /(?<![\d/.-])(\d{1,2})([/.-])(\d{2})\2(\d{4})\s+\d{1,2}:\d{2}/.exec(text);
  if (eights && eights[3][0] === '8' && /^28\d\d$/.test(eights[4])) {
    return isoDate(Number(`20${eights[4].slice(2)}`), Number(`0${eights[3][1]}`), Number(eights[1]));
  }
  const lookalike = /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2([2Z?][0OoQ][\dOo]{2})\s+\d{1,2}:\d{2}/.exec(text);
  if (lookalike && /\D/.test(lookalike[4])) return isoDate(Number([...lookalike[4]].map(digitOf).join('')), Number(lookalike[3]), Number(lookalike[1]));
  return null;
}

const oneLetterOff = (a: string, b: string): boolean => a.length === b.length && [...a].filter((c, i) => c !== b[i]).length <= 1;

/** A row of column headings over a table's lines — an item table's ("Date | Description | Qty | Amount": its other
 * headings head an item table, totals.ts headsItemTable) or a ledger's ("Date | Description | Debit | Credit",
 * words.ts headsLedger): the date under its "Date" heading is a line's, the day a charge was posted. */
function headsLines(row: Row): boolean {
  if (headsLedger(row.cells)) return true;
  const others = row.cells.filter((c) => !ANY_DATE_LABEL.some((re) => re.test(c.text)));
  return others.length < row.cells.length && headsItemTable({ ...row, cells: others, text: others.map((c) => c.text).join(CELL_GAP) });
}

/** The last label in the context decides ("Date: 01/02/2020 Due: 01/03/2020" -> the second is due). */
function lastLabel(context: string, res: RegExp[]): number {
  let best = -1;
  let which = -1;
  res.forEach((re, k) => {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    for (const m of context.matchAll(g)) {
      // the label that ends last is nearest to the date; on a tie ("Due Date" vs "Date") the earlier, more
      // specific pattern in `res` wins
      const end = (m.index ?? 0) + m[0].length;
      if (end > best) {
        best = end;
        which = k;
      }
    }
  });
  return which;
}

/** Notes on the chosen issue date's ranking (`why`) that the evidence turns into negative pieces: the same date is
 * also printed as another kind of date, or another date stands under an issue-date label. */
export const DATE_WHY = { otherKind: 'also-other-kind', labelConflict: 'other-issue-labelled', repaired: 'repaired-day-first' } as const;

export interface KeyDates {
  date: Field<string>;
  due_date: Field<string>;
  explain: { date: FieldExplain; due_date: FieldExplain };
}

interface DateCandidate {
  iso: string;
  score: number;
  conf: number;
  why: string[];
}

/** The longest time between an invoice's issue and its due date the dates are read with (extractDates): payment
 * terms run days to months (the EU's late-payment directive bounds business terms at 60 days unless agreed). */
const MAX_TERM_DAYS = 366;

/** An unlabelled date with the time of day after it: below any labelled date, above any other unlabelled one. */
const TILL_STAMP_SCORE = 0.5;

/** The issue and due dates of `rows`; `today` (YYYY-MM-DD, default the clock): a year after its next is a misread. */
export function extractDates(rows: Row[], order: DateOrder, today?: string): KeyDates {
  const hits = collect(rows, order, today);
  const firstPage = rows[0]?.page;
  const issue: DateCandidate[] = [];
  const due: DateCandidate[] = [];
  /** dates printed as another kind (a period's end, a delivery, activation or reading date), and under an issue label */
  const otherKind = new Set<string>();
  const issueLabelled = new Set<string>();
  for (const h of hits) {
    const rowText = rows[h.rowIndex]?.text ?? '';
    // one end of a period is no issue or due date, whatever label stands before the period
    let label = h.period ? 2 : lastLabel(h.context, [ISSUE_STRONG_RE, DUE_RE, OTHER_DATE_RE, ISSUE_WEAK_RE]);
    // an issue date's label joined by a slash to another kind's names one date that is both ("Invoice date/Delivery
    // date", "Rechnungsdatum /Lieferdatum"): the issue date
    if (label === 2 && !h.period && ISSUE_THEN_OTHER_RE.test(h.context)) label = 0;
    const position = h.page === firstPage ? (h.top < 0.4 ? 1 : 0.8) : 0.6;
    const amb = h.ambiguous ? 0.9 : 1;
    const titled = TITLE_RE.test(rowText);
    // "vom"/"du" name the issue date after the document's word ("Rechnung Nr. 1 vom 05.03.2018": ISSUE_STRONG_RE);
    // alone, or after no label ("Loi n° 2020-105 du"), they are a weak hint
    const weakPreposition = label === -1 && (PREPOSITION_RE.test(h.context) || h.dateline === true);
    if (weakPreposition) label = 0;
    if (label === 2) otherKind.add(h.iso);
    if (label === 0 && !weakPreposition) issueLabelled.add(h.iso);
    if (label === 0) issue.push({ iso: h.iso, score: (weakPreposition ? 0.55 : titled ? 1.05 : 1) * position * amb, conf: h.conf, why: [weakPreposition ? 'preposition' : titled ? 'issue-label+title' : 'issue-label'] });
    else if (label === 1) due.push({ iso: h.iso, score: 0.95 * amb, conf: h.conf, why: ['due-label'] });
    else if (label === 3) issue.push({ iso: h.iso, score: 0.75 * position * amb, conf: h.conf, why: ['date-label'] });
    else if (label === -1) {
      if (titled && h.page === firstPage) issue.push({ iso: h.iso, score: 0.8 * amb, conf: h.conf, why: ['title-line'] });
      // an unlabelled date stamped with the time of sale is the slip's date, above one on a code or order line
      else if (h.stamped) issue.push({ iso: h.iso, score: TILL_STAMP_SCORE * position * amb, conf: h.conf, why: ['time-stamp'] });
      else issue.push({ iso: h.iso, score: 0.35 * position * amb, conf: h.conf, why: ['unlabelled'] });
    }
  }
  // a receipt is issued when it is paid: with no other date to go by, the date it says it was paid on ("Date paid",
  // "Paid on", "Bezahlt am", "Payé le") is its date, weakly
  if (issue.length === 0) {
    for (const h of hits) {
      // the paid label must be the date's nearest ("Amount paid: 0.00 | Due date: …" is a due date)
      if (!h.period && lastLabel(h.context, [DUE_RE, PAID_DATE_RE, OTHER_DATE_RE]) === 1) issue.push({ iso: h.iso, score: 0.3 * (h.ambiguous ? 0.9 : 1), conf: h.conf, why: ['paid-date'] });
    }
  }
  const best = (list: typeof issue): (typeof issue)[number] | null =>
    list.sort((a, b) => b.score - a.score)[0] ?? null;
  // an invoice falls due days or months after its issue: with a due date under its own label, a candidate more than a
  // year before it is no issue date (a law's date in a legal footer: "loi n° 92-1442 du 31 décembre 1992") as long as
  // another candidate falls within the year
  // (a date under an issue label of its own stands: the window judges only unlabelled, weakly labelled and
  // preposition picks — an old bill's balance may fall due years later, and OCR misreads a due year)
  const labelledDue = best([...due]);
  const withinTerm = labelledDue ? issue.filter((x) => x.why[0].startsWith('issue-label') || x.iso >= addDays(labelledDue.iso, -MAX_TERM_DAYS)) : issue;
  const candidates = withinTerm.length ? withinTerm : issue;
  const d = best(candidates);
  // what speaks against the pick, for the calibration (evidence.ts `date-other-kind`, `date-label-conflict`)
  // (a pick under an issue label of its own stands: periods starting on the issue date are common)
  const weakPick = d !== null && !d.why[0].startsWith('issue-label');
  // a date only a repair of a damaged print gives: its day-first reading is assumed (confidence/evidence.ts)
  if (d && hits.some((h) => h.repaired && h.iso === d.iso) && hits.every((h) => h.repaired || h.iso !== d.iso)) d.why.push(DATE_WHY.repaired);
  if (d && weakPick && otherKind.has(d.iso)) d.why.push(DATE_WHY.otherKind);
  if (d && weakPick && [...issueLabelled].some((iso) => iso !== d.iso)) d.why.push(DATE_WHY.labelConflict);
  const date: Field<string> = d ? { value: d.iso, confidence: confidence(d, candidates) } : { value: null, confidence: 0 };
  const dd = best(due.filter((x) => !d || x.iso >= d.iso));
  let dueField: Field<string> = dd ? { value: dd.iso, confidence: confidence(dd, due) } : { value: null, confidence: 0 };
  if (!dd && d) {
    // payment terms: "30 days", "Zahlbar innerhalb 14 Tagen", "30 giorni d.f."
    for (const row of rows) {
      if (!/term|bedingung|zahlbar|condition|pagamento|paiement|pago|payment|netto|net\b|giorni|d[ií]as|jours|tage/i.test(row.text)) continue;
      if (/skonto|escompte|sconto|descuento|discount/i.test(row.text) && !/netto|net\b/i.test(row.text)) continue;
      const n = paymentTermDays(row.text);
      if (n !== null) {
        dueField = { value: addDays(d.iso, n), confidence: roundHundredths(0.55 * row.confidence) };
        break;
      }
    }
  }
  const explain = (list: DateCandidate[], chosen: DateCandidate | null): FieldExplain =>
    explainRanked([...(chosen ? [chosen] : []), ...list.filter((x) => x !== chosen)].map((x) => ({ value: x.iso, score: x.score, why: x.why })));
  const dueExplain = dd || !dueField.value ? explain(due, dd) : { winner: { value: dueField.value, score: 0, why: ['payment-terms'] }, runner_up: null };
  return { date, due_date: dueField, explain: { date: explain(issue, d), due_date: dueExplain } };
}

function confidence(pick: { iso: string; score: number; conf: number }, all: { iso: string; score: number }[]): number {
  const rival = all.find((x) => x.iso !== pick.iso && x.score >= pick.score - 0.1);
  const base = 0.4 + 0.55 * pick.score;
  return roundHundredths(Math.min(0.97, base * pick.conf * (rival ? 0.75 : 1)));
}
