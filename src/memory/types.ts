// What a vendor profile holds. Privacy rule (docs/memory.md): labels (a few words beside a value), relative
// positions, formats, hashed header words, the partner's own identifiers (name, VAT, IBAN, e-mail/web domain —
// what Odoo keeps on the partner) and chosen accounts/taxes/products. Never document text or amounts.
import type { DateOrder } from '../pipeline/extract/dates.js';
import type { DecimalSeparator } from '../pipeline/extract/numbers.js';

export const MEMORY_VERSION = 1;

/** Fields read off the page at a place: the memory learns where and in what format. */
export const PLACED_FIELDS = {
  date: 'date',
  due_date: 'date',
  invoice_number: 'reference',
  po_number: 'reference',
  amount_total: 'amount',
  amount_untaxed: 'amount',
  amount_tax: 'amount',
} as const;
export type PlacedField = keyof typeof PLACED_FIELDS;
export type ValueKind = (typeof PLACED_FIELDS)[PlacedField];
export const PLACED_FIELD_NAMES = Object.keys(PLACED_FIELDS) as PlacedField[];

/** Where a value stood: the label words beside it and where its cell was on the page (fractions of the page). */
export interface Anchor {
  /** up to 3 lower-case words of letters read just before the value (same cell, cell to the left, or line above) */
  label: string[];
  relation: 'same' | 'right' | 'below' | 'none';
  page: number;
  top: number;
  x: number;
  /** where its row stood between the page's first and last rows (0–1): a receipt photographed with other margins
   * keeps it where `top` moves; absent in anchors learned before it was kept */
  rel?: number;
  /** for a value in a cell right of its label: where the value's cell stood between the label's cell and the row's
   * end (0–1), its column in a row of several values ("Summe | tax | net | gross"); absent before it was kept */
  col?: number;
  /** for a reference under its label in a cell of several words (a till's footer "Datum Uhrzeit Filiale Pos Bed Bon"
   * over "28.02.20 09:58 0000545 004 021 8130", OCR reading each line as one cell): which word of the cell it was,
   * counted from the nearer end (0 the first, -1 the last); absent for other values and before it was kept */
  word?: number;
  /** with `word`: the learned reference's length in characters (a number, no text), so a word OCR split or glued to
   * its neighbour is not read as the reference */
  len?: number;
  /** which row of its page the value stood on, counted from the first row and from the last ([2, 14]: the 3rd, with 14
   * below it): a receipt's header and footer keep their number of lines where its items move every fraction of the page
   * (tune: one shop's date on its receipts' 8th row 21 times of 24, between 0.22 and 0.51 of the way down); absent
   * before it was kept */
  rows?: [number, number];
  /** how often this anchor read the value the accountant kept, and how often it read another one */
  hits: number;
  misses: number;
}

export interface Tally {
  hits: number;
  misses: number;
}

export interface FieldMemory {
  anchors: Anchor[];
  dateOrder?: DateOrder;
  decimal?: DecimalSeparator;
  /** shape of a reference: letters -> A, digits -> 9, runs collapsed ("INV-2024-0012" -> "A-9-9") */
  shape?: string;
  /** with `shape`: how many digits each digit run of the reference kept last had ("INV-2024-0012" -> [4, 4]) —
   * counts, no digit of it; absent before it was kept */
  digits?: number[];
  /** for a date: the years of the vendor's kept dates (distinct, the last MAX_YEARS of learn.ts); absent before kept */
  years?: number[];
  /** were the rules alone right for this vendor? */
  rules: Tally;
  /** was the memory's own pick right, once it had learned? */
  learned: Tally;
}

export type Counts = Record<string, number>;

export interface VendorProfile {
  id: string;
  /** one company's profile never applies to another's documents */
  company: string;
  partner: { id: number | null; name: string | null; vat: string | null };
  identifiers: {
    vat: string[];
    iban: string[];
    domains: string[];
    /** hashed long numbers of the letterhead (registration, tax and phone numbers) -> documents they were seen on;
     * absent in profiles learned before they were kept */
    numbers?: Record<string, number>;
  };
  /** hashed header words -> documents they were seen on */
  fingerprint: Record<string, number>;
  documents: number;
  /** `taxes`: the vendor's documents posted without tax (untaxed = total: `none`) or with (`charged`), counted
   * (absent in profiles learned before it was kept); `rates`: the one tax rate a posting's tax is of its untaxed
   * amount (percent, "19", "5.5"), counted per posting — a rate, not an amount (absent before it was kept) */
  defaults: { doc_type: Counts; currency: Counts; taxes?: Counts; rates?: Counts };
  fields: Partial<Record<PlacedField, FieldMemory>>;
  /** what the accountant chose on the vendor's bill lines (Odoo ids; tax sets as "1,2", none as "none"), counted
   * per line; `lines` is how many lines were counted (absent in profiles learned before it was kept) */
  accounting: { account: Counts; taxes: Counts; product: Counts; lines?: number };
  created: string;
  updated: string;
}

/** A posted record's accounting choices, for bills. */
export interface PostedAccounting {
  lines: { account_id?: number | null; tax_ids?: number[]; product_id?: number | null }[];
}
