// Visual-path extraction: document engine text (lines with positions and OCR confidence) -> contract fields.
import { AMOUNT_FIELDS, type DocType, emptyFields, type ExtractedFields, type FieldName, type LineItem, type OrderInfo, type VendorAddress } from '../../contract.js';
import { ocrEngineOf, type ReadDocument } from '../document.js';
import { SIGNS_NOT_WRITTEN } from '../ocr/engines.js';
import type { LlmClient } from '../llm/types.js';
import { mergeLlmFields } from './llm-merge.js';
import { classifyChoice, isTillSlip } from './classify.js';
import { currencyMarks, detectCurrency, printsCurrency } from './currency.js';
import { inferCurrency } from './currency-inferred.js';
import { cluesCurrency, countryClues } from '../confidence/country-clues.js';
import { inferDateOrder, type DateOrder } from './dates.js';
import { locateFields } from './locate.js';
import { attachAlternatives } from './alternatives.js';
import { extractVendorAddress } from './vendor-address.js';
import { extractDates } from './keydates.js';
import { detectLanguage } from './language.js';
import { cluesLanguage } from '../language.js';
import { buildRows, type Row } from './layout.js';
import { extractLines } from './lines.js';
import { extractOrder, ORDER_DOC_TYPES } from './order.js';
import { extractOrderLines } from './order-lines.js';
import { dominantDecimalSeparator } from './numbers.js';
import { invoiceNumberChoice, poNumberChoice } from './references.js';
import type { Explanation } from './explain.js';
import { compareReadings, type SecondLookOutcome } from '../confidence/evidence.js';
import { assessReview, DEFAULT_REVIEW_THRESHOLD } from './review.js';
import { secondLook } from './second-look.js';
import { type AmountsReading, engineLook, otherReadingCertain, type EngineLookMode, type EngineLookOutcome, readingOf } from './engine-look.js';
import { takeEngineFields } from './engine-fields.js';
import { dateLook, type DateRereadOutcome } from './date-look.js';
import { totalLook, type TotalRereadOutcome } from './total-look.js';
import { extractTotals } from './totals.js';
import { extractVendor } from './vendor.js';
import { imageIssuerLook, type IssuerLook, type IssuerLookOptions } from './image-issuer.js';
import { looksFor } from './looks-by-engine.js';
import { roundHundredths } from '../rounding.js';

export { assessReview } from './review.js';
export { detectLanguage } from './language.js';

export interface Extraction {
  fields: ExtractedFields;
  lines: LineItem[];
  /** the language its words tell (null: too few, or none stands out) */
  language: string | null;
  /** the one language of where it is from, by its country clues, when its words tell none (../language.ts) */
  countryLanguage: string | null;
  /** Per field the second look re-read: did it agree with the first reading (evidence for calibration). */
  secondLook: SecondLookOutcome;
  /** What the second reading of the total's lines said (./total-look.ts): agreed, changed the total, or read another
   * total the page's arithmetic did not back; null when it did not run or read nothing. */
  totalReread: TotalRereadOutcome | null;
  /** the total the page gave with those lines re-read (null: none read) */
  totalRereadValue: number | null;
  /** What the other OCR engine's reading of the page said of the total (./engine-look.ts; `auto` only). */
  engineLook: EngineLookOutcome | null;
  /** The other engine's reading, when the amounts were taken from it: their evidence is computed on it. */
  amountsReading: AmountsReading | null;
  /** The other engine's reading, when it read the same total (engineLook `agreed`): the page's arithmetic seen in it
   * checks the total too (../confidence/index.ts). */
  agreedReading: AmountsReading | null;
  /** The fields other than the amounts taken from the other engine's reading (./engine-fields.ts), and that reading:
   * their evidence is computed on it. */
  fieldsReading: { names: FieldName[]; reading: AmountsReading } | null;
  /** What the second reading of the date's lines said (./date-look.ts): agreed, changed the date, or read another
   * date that did not replace the first; null when it did not run or read nothing. */
  dateReread: DateRereadOutcome | null;
  /** the date the page gave with those lines re-read (null: none read) */
  dateRereadValue: string | null;
  /** winner and runner-up per field as the rules saw them, and the amounts' cross-checks */
  explain: Explanation;
  /** the currency taken from where the document is from because its engine could not write the sign
   * (./currency-inferred.ts); null when the currency was read, or none was found */
  inferredCurrency: string | null;
  /** the vendor's address printed with its name, if found */
  vendorAddress: VendorAddress | null;
  /** the document's rows the rules read (the vendor memory looks at the same ones) */
  rows: Row[];
  /** order-type documents (purchase_order, delivery_note): the order's number and buyer (./order.ts) */
  order: OrderInfo | null;
}

export interface ExtractOptions {
  llm?: LlmClient | null;
  /** raw score under which a key field is weak enough to ask the LLM in `fallback` mode (default 0.6) */
  reviewThreshold?: number;
  /** What the document is known to be from where it was uploaded (a delivery note on a receipt, a customer's order
   * on a quotation): its order and lines are then read whatever the title says. */
  expect?: DocType | null;
  /** the second reading of a receipt's date lines (./date-look.ts); on unless false (benchmarks compare both) */
  dateLook?: boolean;
  /** `auto`: when the other OCR engine reads a receipt's page for its total (ENGINE_LOOK; ./engine-look.ts) */
  engineLook?: EngineLookMode;
  /** the day the date look judges a date's year against (YYYY-MM-DD; default the clock): ScanOptions.now */
  today?: string;
}

/** Reads the contract fields from the document's text layer or OCR lines; the LLM (if any) only refines. */
export async function extractFields(doc: ReadDocument, opts: ExtractOptions = {}): Promise<Extraction> {
  const threshold = opts.reviewThreshold ?? DEFAULT_REVIEW_THRESHOLD;
  // every reading of the document, and of its variants in the looks, judges dates against the same day
  const rulesOn = (variant: ReadDocument) => readRules(variant, opts.today);
  const rules = rulesOn(doc);
  const { rows, text, language, lines, explain } = rules;
  let fields = rules.fields;
  let secondLookOutcome: SecondLookOutcome = {};
  // a receipt the other engine reads too gets fewer re-reads of its own (./looks-by-engine.ts)
  const certain = otherReadingCertain(doc, fields, opts.engineLook);
  const looks = looksFor(doc, certain);
  if (doc.rereadBand && looks.bands) {
    fields = await secondLook(doc, fields, { read: (variant) => rulesOn(variant).fields, order: rules.order, scales: looks.bandScales, header: looks.header });
    secondLookOutcome = compareReadings(rules.fields, fields);
  }
  let dateReread: DateRereadOutcome | null = null;
  let dateRereadValue: string | null = null;
  if (doc.rereadBand && opts.dateLook !== false && looks.date) {
    const looked = await dateLook(doc, fields, { read: (variant) => rulesOn(variant).fields, order: rules.order, today: opts.today });
    fields = looked.fields;
    dateReread = looked.outcome;
    dateRereadValue = looked.reread ?? null;
  }
  let totalReread: TotalRereadOutcome | null = null;
  let totalRereadValue: number | null = null;
  if (doc.rereadBand && looks.total) {
    const looked = await totalLook(doc, { fields, evidence: explain.evidence }, {
      read: (variant) => {
        const again = rulesOn(variant);
        return { fields: again.fields, evidence: again.explain.evidence };
      },
    });
    fields = looked.fields;
    totalReread = looked.outcome;
    totalRereadValue = looked.reread ?? null;
  }
  // `auto`: the receipt's total in the other engine's reading of the page (./engine-look.ts)
  let engineLooked: EngineLookOutcome | null = null;
  let amountsReading: AmountsReading | null = null;
  let agreedReading: AmountsReading | null = null;
  let fieldsReading: Extraction['fieldsReading'] = null;
  if (doc.readOtherEngine) {
    const read = (variant: ReadDocument) => {
      const again = rulesOn(variant);
      return { fields: again.fields, evidence: again.explain.evidence, total: again.explain.fields.amount_total, ranking: again.explain.fields, lines: again.lines };
    };
    const looked = await engineLook(doc, { fields, evidence: explain.evidence, total: explain.fields.amount_total }, { read, mode: opts.engineLook, certain });
    fields = looked.fields;
    engineLooked = looked.outcome;
    amountsReading = looked.reading ?? null;
    if (looked.outcome === 'agreed' && looked.second) agreedReading = readingOf(looked.second);
    // the payment rules' verdict is the reading's whose total was taken
    if (looked.evidence) explain.evidence = looked.evidence;
    // the explanations of values taken from the other reading say so (markReplaced sets the value)
    const replacedInOther = (names: readonly FieldName[]) => {
      for (const name of names) explain.fields[name] = { ...(explain.fields[name] ?? { winner: null, runner_up: null }), replaced_in: 'other-engine' };
    };
    if (looked.outcome === 'changed') replacedInOther(looked.fields.currency === looked.second?.fields.currency ? [...AMOUNT_FIELDS, 'currency'] : AMOUNT_FIELDS);
    // the shop's name and the date, where the other reading gives them better (./engine-fields.ts)
    if (looked.second) {
      const took = takeEngineFields(fields, looked.second);
      fields = took.fields;
      if (took.reading) fieldsReading = { names: took.taken, reading: took.reading };
      replacedInOther(took.taken);
    }
  }

  const llm = opts.llm ?? null;
  if (llm && text.trim() !== '') {
    const weak = assessReview(fields, lines, threshold).needs_review;
    if (llm.mode === 'always' || weak) {
      try {
        const answer = await llm.extract(doc.text || text, { language });
        if (answer) fields = mergeLlmFields(fields, answer, text);
      } catch (err) {
        // the model is an optional helper: whatever goes wrong, the rules' result stands
        console.warn(`[extract] LLM client failed (${err instanceof Error ? err.name : 'error'}); using rules only`);
      }
    }
  }
  normaliseConfidences(fields);
  markReplaced(explain, fields, rules.fields);
  locateFields(doc.pages, fields, rules.order, dominantDecimalSeparator(text));
  attachAlternatives(doc.pages, fields, explain, rules.order, dominantDecimalSeparator(text));
  const vatCountry = fields.vendor_vat.value?.slice(0, 2) ?? null;
  const vendorAddress = extractVendorAddress(rows, fields.vendor_name.value, vatCountry);
  // an order or a delivery note: its number and buyer, and its lines read by column (codes, quantities without amounts)
  // also read when the classifier's own best candidate is an order title too weak to name the type ("Purchase Order
  // #P00012" reads like a cited order): the doc type stays as classified, the order block says what it was read as
  // (the type chosen is then not the rules' own winner: 'other', or an untitled page summing up a sale, 'receipt')
  const rulesWinner = explain.fields.doc_type?.winner?.value as DocType | undefined;
  const weakCandidate = rulesWinner && rulesWinner !== fields.doc_type.value ? rulesWinner : undefined;
  const knownType = [fields.doc_type.value, opts.expect].find((t) => t && ORDER_DOC_TYPES.has(t)) ?? null;
  const orderType = knownType ?? (weakCandidate && ORDER_DOC_TYPES.has(weakCandidate) ? weakCandidate : null);
  const order = orderType ? extractOrder(rows, fields, orderType, knownType === null) : null;
  const isOrder = order !== null;
  const orderLines = isOrder ? extractOrderLines(rows, dominantDecimalSeparator(text)) : [];
  // what a person reviews is the write policy's decision on calibrated confidences (../confidence/policy.ts)
  // where the document is from, when its words tell no language (reported only: the rules and the calibration read
  // such a document as one of no known language)
  const countryLanguage = language ? null : cluesLanguage(countryClues({ text, language: null, vendor_address: vendorAddress ?? undefined, fields }));
  return { fields, lines: orderLines.length ? orderLines : lines, language, countryLanguage, explain, secondLook: secondLookOutcome, totalReread, totalRereadValue, engineLook: engineLooked, amountsReading, agreedReading, fieldsReading, dateReread, dateRereadValue, rows, vendorAddress, order,
    inferredCurrency: rules.inferredCurrency };
}

/** The issuer read from a text-layer page's images (./image-issuer.ts) merged into a finished extraction: its name
 * and VAT id (source image:<engine>), their explanation and the vendor's address. `extraction` is returned as it
 * was when the images give no other issuer. */
export async function withIssuerFromImages(
  doc: ReadDocument, extraction: Extraction, opts: Omit<IssuerLookOptions, 'read'>,
): Promise<{ extraction: Extraction; look: IssuerLook | null }> {
  const look = await imageIssuerLook(doc, extraction.fields, { ...opts, read: (variant) => readRules(variant) });
  if (!look || !Object.keys(look.replaced).length) return { extraction, look };
  const fields = { ...extraction.fields, ...look.replaced };
  const explain = { ...extraction.explain, fields: { ...extraction.explain.fields, ...look.explain } };
  const vendorAddress = look.replaced.vendor_name ? null : extraction.vendorAddress; // the one printed with the customer's name is not the issuer's
  return { extraction: { ...extraction, fields, explain, vendorAddress }, look };
}

/** One pass of the rules over a document's rows; `today` (YYYY-MM-DD, default the clock) bounds a date's year. */
function readRules(doc: ReadDocument, today?: string) {
  const rows = buildRows(doc);
  const text = rows.map((r) => r.text).join('\n');
  const language = detectLanguage(text);
  const lines = extractLines(rows, dominantDecimalSeparator(text));
  const { fields, order, explain, inferredCurrency } = rulesFields(doc, rows, text, language, lines, today);
  return { fields, order, rows, text, language, lines, explain, inferredCurrency };
}

/** The contract: confidence in [0, 1] with two decimals, and exactly 0 for a null value. */
function normaliseConfidences(fields: ExtractedFields): void {
  for (const f of Object.values(fields) as { value: unknown; confidence: number }[]) {
    const c = Number.isFinite(f.confidence) ? Math.min(1, Math.max(0, f.confidence)) : 0;
    f.confidence = f.value === null ? 0 : roundHundredths(c);
  }
}

/** A field the second look or the LLM changed after the rules chose: its explanation says so. */
function markReplaced(explain: Explanation, final: ExtractedFields, rules: ExtractedFields): void {
  for (const [name, ex] of Object.entries(explain.fields)) {
    const key = name as keyof ExtractedFields;
    if (ex && final[key] && rules[key] && final[key].value !== rules[key].value) ex.replaced_by = final[key].value;
  }
}

const NO_EVIDENCE: Explanation['evidence'] = { adds_up: null, lines_sum: null, paid_matches_total: null, payable_after_prepaid: false };

/** A US state code and ZIP code ending an address line: "Redmond, WA 98052", "Austin, TX 78701-1234". */
const US_ADDRESS_RE = /,\s*(A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY])\s+\d{5}(?:-\d{4})?\b/;

/** Files a phone or a screen makes (classify.ts: an unreadable photo is most likely a till slip); a TIFF or a BMP
 * comes from a scanner or a fax. */
const PHOTO_KINDS: ReadonlySet<ReadDocument['kind']> = new Set(['jpeg', 'png', 'webp']);

interface RulesResult {
  fields: ExtractedFields;
  order: DateOrder;
  explain: Explanation;
  /** the currency taken from where the document is from, not read (./currency-inferred.ts); null: none */
  inferredCurrency: string | null;
}

function rulesFields(doc: ReadDocument, rows: Row[], text: string, language: string | null, lines: LineItem[], today?: string): RulesResult {
  const fields = emptyFields();
  const photo = PHOTO_KINDS.has(doc.kind);
  if (rows.length === 0) {
    // (a photo read as nothing at all is typed as one read as debris: classify.ts)
    if (photo && doc.pages.some((p) => p.source === 'ocr')) fields.doc_type = classifyChoice([], null, [], { photo }).field;
    return { fields, order: 'DMY', explain: { fields: {}, evidence: { ...NO_EVIDENCE } }, inferredCurrency: null };
  }
  const decimal = dominantDecimalSeparator(text);
  const first = doc.pages[0];
  const ocrLines = doc.pages.filter((p) => p.source === 'ocr').flatMap((p) => p.lines.map((l) => l.text));
  const docType = classifyChoice(rows, first && first.width > 0 ? first.height / first.width : null, ocrLines, { photo });
  fields.doc_type = docType.field;
  const textLayerPages = new Set(doc.pages.filter((p) => p.source === 'pdf-text').map((p) => p.page));
  const vendor = extractVendor(rows, { tillSlip: isTillSlip(fields.doc_type), textLayerPages });
  fields.vendor_name = vendor.vendor_name;
  fields.vendor_vat = vendor.vendor_vat;
  // a till slip prints only the shop's address, so its country clues are the shop's (a bill also prints its customer's)
  const clues = countryClues({ text, language, fields: { ...fields, vendor_vat: vendor.vendor_vat } });
  const slipClues = isTillSlip(fields.doc_type) ? cluesCurrency(clues) : null;
  const engine = ocrEngineOf(doc.pages);
  const signsNotWritten = engine ? SIGNS_NOT_WRITTEN[engine] : [];
  fields.currency = detectCurrency(text, { country: vendor.country, cluesCurrency: slipClues, signsNotWritten });
  // a page read without a euro or pound sign in the engine's alphabet shows no currency mark beside an amount (at
  // most a stray token or two), nor does many a till slip, which prints its prices in its country's money unmarked
  // (a German till's "Summe 8,15"): where the document is from tells it (./currency-inferred.ts)
  let inferredCurrency: string | null = null;
  if ((signsNotWritten.length || isTillSlip(fields.doc_type)) && !printsCurrency(text, { signsNotWritten }) && fields.currency.confidence < 0.5) {
    const inferred = inferCurrency({ text, language, decimal, clues });
    // a stray token of the same currency stays what was read, and the clues its evidence (country-fits)
    if (inferred.value && inferred.value !== fields.currency.value) [fields.currency, inferredCurrency] = [inferred, inferred.value];
  }
  // month-first only for US-dollar English documents, and only when the currency evidence is solid
  // (or a US street address, "Redmond, WA 98052", beside dollars in a text too short to tell its language)
  const usAddress = (language === 'en' || language === null) && US_ADDRESS_RE.test(text);
  const usStyle = fields.currency.value === 'USD' && ((language === 'en' && fields.currency.confidence >= 0.7) || usAddress);
  const order: DateOrder = inferDateOrder(text, usStyle ? 'MDY' : 'DMY');
  const dates = extractDates(rows, order, today);
  fields.date = dates.date;
  fields.due_date = dates.due_date;
  const invoiceNumber = invoiceNumberChoice(rows, { tillSlip: isTillSlip(fields.doc_type) });
  const poNumber = poNumberChoice(rows);
  fields.invoice_number = invoiceNumber.field;
  fields.po_number = poNumber.field;
  // only a currency the page prints beside an amount or a currency label, read at 0.6 or more, chooses a column of
  // amounts in two currencies (currency-columns.ts): a weak guess (stray tokens, the columns' own headings) does not
  const own = fields.currency.value;
  const columnCurrency = own && fields.currency.confidence >= 0.6 && currencyMarks(text, { signsNotWritten }).get(own)?.anchored ? own : null;
  const totals = extractTotals(rows, { decimal, isReceipt: isTillSlip(fields.doc_type), lines, currency: columnCurrency,
    textLayerPages });
  fields.amount_total = totals.amount_total;
  fields.amount_untaxed = totals.amount_untaxed;
  fields.amount_tax = totals.amount_tax;
  const explain: Explanation = {
    fields: {
      doc_type: docType.explain,
      ...vendor.explain,
      invoice_number: invoiceNumber.explain,
      ...dates.explain,
      ...totals.explain,
      po_number: poNumber.explain,
    },
    evidence: totals.evidence,
  };
  return { fields, order, explain, inferredCurrency };
}
