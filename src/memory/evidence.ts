// What the memory looks at on a document: its rows with positions (as extraction builds them), the vendor's
// identifiers printed on it, and a fingerprint of its header words. Built once per document, used to match a
// profile, to read learned values and to learn.
import { createHash } from 'node:crypto';
import type { ReadDocument } from '../pipeline/document.js';
import { buildRows, type Cell, type Row } from '../pipeline/extract/layout.js';
import { cellPlaces, issuerCells } from '../pipeline/extract/issuer-place.js';
import { findVatIds } from '../pipeline/extract/vat.js';
import { ibanChecksumOk } from '../pipeline/qr/checks.js';
import { withoutAccents } from '../pipeline/accents.js';

export interface PlacedCell {
  row: Row;
  rowIndex: number;
  cellIndex: number;
  cell: Cell;
  /** centre of the cell, fraction of the page width */
  x: number;
}

export interface DocumentEvidence {
  rows: Row[];
  /** page number -> width in the page's units */
  widths: Map<number, number>;
  vat: string[];
  iban: string[];
  domains: string[];
  fingerprint: string[];
  /** long numbers of the header (registration, tax, phone numbers), hashed */
  numbers: string[];
  /** every number of 8 to 15 digits printed on the document (spaces, dots, dashes and slashes inside joined, and
   * each space-separated group alone): a VAT id printed without its country prefix or a label extraction knows
   * ("P.I. 15987654322"); never stored */
  pageNumbers: Set<string>;
  /** the header's words as read (to find the partner's name one OCR slip away), a buyer's or a shipment party's block
   * left out; never stored */
  headerWords: string[];
  /** the header's letters and digits in a row, upper case (to find the partner's whole name however OCR spaced it);
   * never stored */
  headerLetters: string;
  /** the letters and digits in a row of the first page's cells in the issuer's place — letterhead, seller block,
   * legal line; not the buyer's block nor a shipment's parties — (to find a partner's long name printed below the
   * letterhead, as the seller's block of a rendered e-invoice prints it); never stored */
  issuerLetters: string;
  /** the day the document is judged on (YYYY-MM-DD; ExtractOptions.today, default the clock): a damaged date read at
   * a learned place is judged against it as extraction judges the page's dates */
  today?: string;
}

/** Share of the first page, from the top, whose words identify the vendor (name, address, logo text). */
const HEADER_SHARE = 0.3;
const MAX_FINGERPRINT = 60;
// mail providers shared by many vendors say nothing about who sent a document
const SHARED_DOMAINS = /^(gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|me|aol|gmx|web|t-online|freenet|orange|free|wanadoo|libero|tiscali|virgilio|alice|hotmail|mail|email|proton|protonmail|qq|163|126|sina)\./;

export function collectEvidence(doc: ReadDocument, rows: Row[] = buildRows(doc), today?: string): DocumentEvidence {
  const text = rows.map((r) => r.text).join('\n');
  const widths = new Map(doc.pages.map((p) => [p.page, p.width > 0 ? p.width : 1]));
  // the header's cells that may name the vendor: not those of a buyer's or a shipment party's block printed at the
  // top (a forwarder's bill opens with its shipper and consignee)
  const others = new Set(cellPlaces(rows).filter((c) => c.place === 'other').map((c) => c.cell));
  const named = headerRows(rows).flatMap((r) => r.cells).filter((c) => !others.has(c));
  return {
    rows,
    widths,
    vat: [...new Set(findVatIds(text).map((v) => v.value))],
    iban: findIbans(text),
    domains: findDomains(text),
    fingerprint: headerFingerprint(rows),
    numbers: headerNumbers(rows).map(hashWord),
    pageNumbers: longNumbers(text),
    headerWords: [...new Set(named.flatMap((c) => words(c.text)))],
    headerLetters: lettersOf(named.map((c) => c.text).join(' ')),
    issuerLetters: lettersOf(issuerCells(rows).map((c) => c.text).join(' ')),
    ...(today ? { today } : {}),
  };
}

export function placedCells(ev: DocumentEvidence): PlacedCell[] {
  const out: PlacedCell[] = [];
  ev.rows.forEach((row, rowIndex) => {
    const width = ev.widths.get(row.page) ?? 1;
    row.cells.forEach((cell, cellIndex) => out.push({ row, rowIndex, cellIndex, cell, x: (cell.x0 + cell.x1) / 2 / width }));
  });
  return out;
}

/** Letters and digits of a text in a row, upper case, accents dropped: a name however OCR spaced or punctuated it. */
export function lettersOf(text: string): string {
  return withoutAccents(text).toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** Lower-case words of letters (2+), as labels are compared. */
export function words(text: string): string[] {
  return withoutAccents(text)
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length >= 2);
}

/** Header words, hashed: enough to recognise a letterhead, nothing readable kept. */
export function headerFingerprint(rows: Row[]): string[] {
  const picked = headerRows(rows).flatMap((r) => words(r.text)).filter((w) => w.length >= 3);
  return [...new Set(picked.map(hashWord))].slice(0, MAX_FINGERPRINT);
}

function headerRows(rows: Row[]): Row[] {
  const firstPage = rows[0]?.page;
  const header = rows.filter((r) => r.page === firstPage && r.top <= HEADER_SHARE);
  return header.length >= 3 ? header : rows.slice(0, 8);
}

/** Runs of 8 to 15 digits in the header (spaces and dashes inside a run joined): a vendor's registration, tax and
 * phone numbers, printed on each of its documents where a misread letter breaks no digit. Dates and amounts are
 * shorter or carry other separators; a number of the document itself (a slip number) is never seen again. */
export function headerNumbers(rows: Row[]): string[] {
  const out = new Set<string>();
  for (const r of headerRows(rows)) {
    for (const m of r.text.matchAll(/\d[\d -]*\d/g)) {
      const digits = m[0].replace(/\D/g, '');
      if (digits.length >= 8 && digits.length <= 15) out.add(digits);
    }
  }
  return [...out];
}

/** Numbers of 8 to 15 digits in a text: each run of digits with single spaces, dots, dashes or slashes inside
 * ("DE 281 260 691", "0703.928.505"), joined, and each of its space-separated groups alone (two numbers side by side
 * are not one). */
export function longNumbers(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\d(?:[ .\/-]?\d)+/g)) {
    for (const part of [m[0], ...m[0].split(' ')]) {
      const digits = part.replace(/\D/g, '');
      if (digits.length >= 8 && digits.length <= 15) out.add(digits);
    }
  }
  return out;
}

export function hashWord(word: string): string {
  return createHash('sha256').update(`ocr-memory:${word}`).digest('hex').slice(0, 10);
}

const IBAN_RE = /\b([A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?)\b/g;

function findIbans(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.toUpperCase().matchAll(IBAN_RE)) {
    const iban = m[1].replace(/ /g, '');
    if (iban.length >= 15 && iban.length <= 34 && ibanChecksumOk(iban)) out.add(iban);
  }
  return [...out];
}

const MAIL_RE = /[\w.+-]+@((?:[a-z0-9-]+\.)+[a-z]{2,})/gi;
const WEB_RE = /\b(?:https?:\/\/)?www\.((?:[a-z0-9-]+\.)+[a-z]{2,})/gi;

function findDomains(text: string): string[] {
  const out = new Set<string>();
  for (const re of [MAIL_RE, WEB_RE]) {
    for (const m of text.matchAll(re)) {
      const domain = m[1].toLowerCase().replace(/^www\./, '');
      if (!SHARED_DOMAINS.test(domain)) out.add(domain);
    }
  }
  return [...out];
}
