// Document type from title keywords (weighted by how high on the first page they stand) plus the tell-tale
// lines of a till receipt (cash, change, cashier), which often calls itself "tax invoice".
import type { DocType, Field } from '../../contract.js';
import type { Row } from './layout.js';
import { explainRanked, type FieldExplain } from './explain.js';
import { roundHundredths } from '../rounding.js';
import { isItemTableHeader } from './lines.js';
import { CARD_BRANDS, CASH_WORDS, CHANGE_WORD_EN, CHANGE_WORDS, CHANGE_WORDS_OTHER, CREDIT_NOTE_WORDS, NUMBER_WORD, QUOTATION_WORDS, RECEIPT_TITLES, SIMPLIFIED_INVOICE, SUBTOTAL, TO_PAY } from './words.js';
import { readTotalWord } from './totals.js';

interface Cue {
  type: DocType;
  re: RegExp;
  weight: number;
}

// Paid on the spot: a "cash bill", "cash sale", "cash invoice" or "cash memo" is the till's slip (Malaysian and
// Indian shops title it so, often beside "tax invoice"); it comes first and ends its cell, so that the invoice word of
// the same title is not counted again. A "simplified tax invoice" is the slip a GST law allows instead of an invoice;
// a "guest check" is a restaurant's bill. Spain's and Portugal's till slip is a "factura/fatura simplificada".
const PAID_ON_THE_SPOT: Cue = { type: 'receipt', re: new RegExp(String.raw`\bcash\s*(bill|sales?|inv(oice)?\b|memo)|simplified\s+tax\s+invoice|guest\s*check|${SIMPLIFIED_INVOICE}`, 'i'), weight: 4 };

const TITLE_CUES: Cue[] = [
  PAID_ON_THE_SPOT,
  // an Italian e-invoice's rendering names its type by the SdI code ("TD01 fattura", "TD24 fattura differita",
  // "TD04 nota di credito"): the type itself, stronger than the delivery notes ("DDT 34 del ...") it lists
  { type: 'invoice', re: /\bTD(01|02|03|06|24|25|26)\s+(fattura|acconto|parcella)/i, weight: 6 },
  { type: 'credit_note', re: /\bTD0?4\s+nota\s+di\s+credito/i, weight: 6 },
  // self-billing ("Gutschrift" as a self-issued invoice) is an invoice, not a credit note
  { type: 'invoice', re: /gutschrift\s*\(?\s*selbst\s*ausgestellte\s*rechnung|self[- ]billing|autofattura|autofactura|autofacturation/i, weight: 6 },
  { type: 'credit_note', re: new RegExp(CREDIT_NOTE_WORDS, 'i'), weight: 3.2 },
  // a "Rechnungskorrektur" (UNTDID 384, corrected invoice) replaces a bill: it is an invoice, as the corpus's truth says;
  // El Salvador's and Honduras's tax invoice between businesses is a "comprobante de crédito fiscal" (its electronic
  // form type 03 of the "documento tributario electrónico", which names other types too)
  // Polish, Czech and the Nordic languages title an invoice "Faktura" ("Faktura VAT"), Finnish "Lasku"
  { type: 'invoice', re: /\b(tax\s+)?invoices?\b|rechnung|rechnungskorrektur|\bfattura\b|\bfactura\b|\bfacture\b|\bfactuur\b|\bfatura\b|\bfaktura\b|\blasku\b|\bcomprobante\s+de\s+cr[ée]dito\s+fiscal\b/i, weight: 3 },
  // Brazil's invoice is the "nota fiscal" (its printed form the DANFE); the consumer's till slip is the NFC-e
  { type: 'invoice', re: /\bdanfe\b(\s*-\s*documento\s+auxiliar\s+da\s+nota\s+fiscal(\s+eletr[ôo]nica)?)?|\bnota\s+fiscal\b(?!\s+(de\s+)?consumidor)/i, weight: 3 },
  // a restaurant or shop "bill" is a till slip
  // ... but a "Bill Period", "Bill Plan" or "Billing cycle" belongs to a utility's or telecom's periodic bill
  { type: 'receipt', re: /^\W*(cash\s*)?bill\b(?!\s*(to|period|plan|cycle|month|summary))/i, weight: 1.5 },
  // Italy's till slip has been titled "documento commerciale di vendita o prestazione" since the 2020 e-receipt law
  // ... and Brazil's is the "cupom fiscal" (its electronic successor the NFC-e, "nota fiscal de consumidor")
  { type: 'receipt', re: new RegExp(RECEIPT_TITLES, 'i'), weight: 3 },
  { type: 'purchase_order', re: /purchase\s*order|^\s*order\b|^\s*bestellung\b|ordine\s+(d['’]\s*acquisto|di\s+acquisto)|orden\s+de\s+compra|bon\s+de\s+commande|auftragserteilung|inkooporder|bestelbon|nota\s+de\s+encomenda|ordem\s+de\s+compra/i, weight: 3.5 },
  { type: 'delivery_note', re: /delivery\s*note|packing\s*(slip|list)|lieferschein|\bDDT\b|documento\s+di\s+trasporto|albar[aá]n|bon\s+de\s+livraison|bordereau\s+de\s+livraison|pakbon|leverbon|guia\s+de\s+remessa|guia\s+de\s+transporte/i, weight: 3.5 },
  { type: 'other', re: new RegExp(String.raw`\bquotation\b|\bquote\b|\b(?:${QUOTATION_WORDS})\b|\bproforma\b|pro[- ]forma|request\s+for\s+quotation|statement\s+of\s+account|kontoauszug|mahnung|payment\s+reminder|betalingsherinnering`, 'i'), weight: 3.4 },
];

/** Documents an invoice cites among its item lines (the deliveries or orders the items came with). */
const CITED_IN_TABLE: ReadonlySet<DocType> = new Set(['delivery_note', 'purchase_order']);

// after "Order": the name of one of its fields, not a purchase order's title
const ORDER_FIELD_RE = /^\s*(no|nr|n[o0]\.|number|num|id|type|time|date|status|details?|taker|ref\w*|[a-z]{2}\s*:)(?![\p{L}])/iu;
// "Nº Albarán", "N° de commande", "Nr. Lieferschein", "Número de pedido": the number of a delivery or an order the page
// cites (a "Número de factura" is the page's own number: it still says what the page is)
const NUMBER_OF_RE = new RegExp(String.raw`(?:^|[^\p{L}])(?:${NUMBER_WORD})\.?\s*(?:(?:de|du|del|of|der|des)\s+)?$`, 'iu');
// "Invoice No: 123", "Factura Nº: 123", "Receipt ID: 9": the title word as the label of a field, its colon after it
const NUMBER_LABEL_RE = new RegExp(String.raw`^\s*(?:${NUMBER_WORD}|ref|id)\.?\s*[:#]`, 'iu');
// "Invoice # : OR18031402160311": the title word as the label of a field, its colon after a number sign
const LABEL_THEN_COLON_RE = /^\s*#\s*:/;

// Lines only a point-of-sale slip prints; also the lines of the technical security device every German till has
// printed on its slips since 2020 (KassenSichV: "TSE-Signatur", "TSE-Transaktion", "TSE-Start", "TSE Seriennummer"),
// which a bill written with accounting software does not carry
const RECEIPT_LINE_RE =
  new RegExp(String.raw`^[^\p{L}]*(tse[\s-]*(?:signatur|transaktion|start|stop|ende|serien\w*|zeitformat|pr[üu]fwert)|${CASH_WORDS}|${CHANGE_WORDS}|${CARD_BRANDS}|tender(ed)?|cashier|kasse|rounding(\s*adj)?|round(ed)?\s*total|thank\s*you|terima\s*kasih|member|counter|table|pax|total\s*qty|no\.?\s*of\s*items?|gst\s*summary|please\s+come\s+again|thanks?\b|goods\s+sold|closed\s+bill|station|terminal|pos\b|tisch\w*|bediener\w*|kellner\w*|kassierer\w*|bon-?nr|auf\s+wiedersehen|arrivederci|bonnummer|betaald\s+met|cajer[oa]|atendido\s+por|le\s+atendi[oó]|operador|cassiere|pagamento\s+(elettronico|contante)|caissi[eè]re?)`, 'iu');
// thanks for a visit or a purchase close till slips, not invoices ("Vielen Dank für Ihren Auftrag" is an invoice's)
const VISIT_THANKS_RE =
  /dank\w*\s+f[üu]r\s+ihren\s+(besuch|einkauf)|thank\s*you\s+for\s+(shopping|dining|visiting|your\s+visit)|merci\s+de\s+votre\s+(visite|achat)|gracias\s+por\s+su\s+(visita|compra)|grazie\s+per\s+(la\s+visita|l['’]acquisto)/i;
// a till's policy and staff lines: "STRICTLY NO CASH REFUND", "EXCHANGE ARE ALLOWED WITHIN 7 DAY", "OPERATOR TRAINEE CASHIER"
const TILL_POLICY_RE = /\bno\s+(cash\s+)?refunds?\b|\bexchanges?\s+(is\s+|are\s+)?allowed\s+within|\bcashier\b|\bkassierer\w*\b/i;
// a German till prints each item's price with its tax class: "6,50 EUR B", "2,95 A" — on a line of one to three amounts
// (a price; a quantity, a unit price and the price): a bill's item row that ends in its tax code ("15,000 2,870 a:18%
// 2,350 35,25 1") prints more columns
const TAX_CLASS_ITEM_RE = /\d[.,]\d{2}\s*(eur|€)?\s+[AB12]\s*$/i;
const TILL_ITEM_MAX_AMOUNTS = 3;
const isTaxClassItem = (t: string): boolean => TAX_CLASS_ITEM_RE.test(t) && (t.match(/\d[.,]\d{2,3}(?!\d)/g) ?? []).length <= TILL_ITEM_MAX_AMOUNTS;
// lines only a bill prints: who pays, by when, under which customer account ("Factuurdatum", "Debiteurnummer",
// "Data de vencimento" — a bill titled only by its number labels is still an invoice)
// Also a business's bill's columns and sums before tax (French "P.U. HT", "Total HT", "Base TVA", "Code article"),
// the French bank details "RIB", and the francophone legal closing "Arrêtée la présente facture à la somme de …"
// (none seen on a till slip of the tune corpora; "TTC" alone is, on restaurant slips elsewhere, so it is not here).
const INVOICE_LINE_RE =
  /\b(bill\s*to|ship\s*to|due\s*date|payment\s*terms|iban|bic|swift|zahlungsbedingungen|zahlungsziel|rechnungsdatum|f[äa]lligkeit|rechnungsempf[äa]nger|destinatario|cliente|client|kunde|conditions\s+de\s+paiement|[ée]ch[ée]ance|scadenza|vencimiento|vencimento|factuurdatum|vervaldatum|debiteurnummer|klantnummer|betalingscondities?|betalingstermijn|bank\s*details|bankverbindung|coordonn[ée]es\s+bancaires|datos\s+bancarios|coordinate\s+bancarie|RIB|p\.?\s?u\.?\s*h\.?t|total\s*h\.?\s?t|montant\s+h\.?t|base\s+t\.?v\.?a|code\s+article|pr[ée]sente\s+facture)\b/i;

// A shop's customer card or the consumer's tax id on a till slip ("Cartão Cliente", "Tarjeta cliente", "NIF do cliente:
// consumidor final", "Kundenkarte"): the word "client" there names no customer to be billed
const LOYALTY_CARD_RE = /cart[ãa]o\s+(de\s+)?cliente|tarjeta\s+(de\s+)?cliente|carta\s+(fedelt[àa]|cliente)|carte\s+(de\s+)?fid[ée]lit[ée]|kundenkarte|klantenkaart|(nif|nipc|contribuinte)\s+(do\s+|del\s+)?cliente|consumidor\s+final|cliente\s*:?\s*consumidor/i;

// What a till prints around the sale wherever it stands on a line (staff, table, time of sale to the second,
// rounding, change, the tax summary, the goodbye). A slip whose title says "tax invoice" but that shows several kinds
// of these, and no line only a bill prints (bill to, due date, payment terms, IBAN), is a till slip.
const TILL_CUES: RegExp[] = [
  /\b(cashier|waiter|waitress|server|sales\s*associate|kassierer\w*|bediener\w*|kellner\w*|cajero|cassiere|caissier)\b/i,
  /\b(table|tbl|pax|guests?|tisch|mesa|tavolo)\b\s*(no\.?)?\s*[:#]?\s*\d/i,
  // the time of sale: to the second, or to the minute right after the date ("07/02/2013 14:25")
  /\b\d{1,2}:\d{2}:\d{2}\b|\d{1,2}[./-]\d{1,2}[./-]\d{2,4},?\s+\d{1,2}:\d{2}\b/,
  /\bround(ing|ed)\b/i,
  // the change handed back (the English word, a common one, with its amount)
  new RegExp(String.raw`\b(?:${CHANGE_WORD_EN})\b.*\d|\b(?:${CHANGE_WORDS_OTHER})\b`, 'i'),
  /\b(gst|tax|vat)\s*summary\b|\bgstsummary\b/i,
  /come\s+again|thank\s*you|terima\s*kasih|vielen\s+dank|danke|gracias|grazie|merci/i,
  /\b(pos|terminal|counter|kasse)\b|\btrans(action|acci[oó]n|aktion)?\.?\s*(no\.?|nr\.?|#)?\s*:?\s*\d/i,
];
const TILL_SLIP_MIN_CUES = 3;
/** Title mentions counted per type (see classifyChoice). */
const TITLE_HITS = 3;
/** A total with an amount: an untitled page that sums up a sale, and shows no line only a bill prints, is taken for a
 * till slip, with little confidence (a receipt's title is often a logo OCR does not read). */
const SUMS_UP_RE = new RegExp(String.raw`(?:\b(?:total|summe|gesamt\w*|totale|importe|montant|${SUBTOTAL})\b|${TO_PAY}).*\d[.,]\d{2}|\d[.,]\d{2}.*\btotal\b`, 'i');
const UNTITLED_SLIP_CONFIDENCE = 0.35;
/** A photo or a screenshot (JPEG, PNG, WebP; not a PDF, nor a scanner's TIFF) whose reading tells nothing — no title,
 * no line only a bill prints, no sum: people photograph till slips, and a slip photographed crumpled, curled or in
 * poor light is what OCR reads as debris (on the tune split every such image is a receipt: the fixtures' 69 receipt
 * and 33 invoice images, the 345 SROIE slips; an invoice's photo keeps its title or its bill lines). Taken for a
 * receipt at the confidence an unknown type had: never written, and no rule that needs a till slip (isTillSlip) runs. */
const UNREAD_PHOTO_CONFIDENCE = 0.3;
/** Per kind of till cue from the third on: three kinds outweigh one "tax invoice" title, five outweigh two. */
const TILL_CUE_WEIGHT = 1.5;

function tillCueKinds(texts: string[]): number {
  return TILL_CUES.filter((re) => texts.some((t) => re.test(t))).length;
}

/** Cash handed over, then change given back, both with amounts: only a till does that, whatever the title says. */
const CHANGE_GIVEN_WEIGHT = 2;
const CASH_TENDERED_RE = new RegExp(String.raw`^\W*(?:${CASH_WORDS}|paid)\b.*\d[.,]\d{2}`, 'i');
const CHANGE_GIVEN_RE = new RegExp(String.raw`^\W*(?:${CHANGE_WORDS})(\s*due)?\b.*\d[.,]\d{2}`, 'i');

/** Asking the customer to come again is a shop's or a restaurant's goodbye, whatever the slip's title says
 * ("INVOICE NO : …" over "Thank You. Please come again"); a bill asks to be paid, not visited. */
const COME_AGAIN_RE = /\b(please|pls)?\s*c[oa]me\s+again\b|\bsila\s+datang\s+lagi\b|\bbis\s+zum\s+n[äa]chsten\s+(mal|einkauf)\b|\b[àa]\s+bient[ôo]t\b|\bhasta\s+pronto\b|\btot\s+ziens\b|\bvolte\s+sempre\b/i;
const COME_AGAIN_WEIGHT = 1.5;

function givesChange(texts: string[]): boolean {
  const cash = texts.findIndex((t) => CASH_TENDERED_RE.test(t));
  return cash >= 0 && texts.slice(cash + 1, cash + 4).some((t) => CHANGE_GIVEN_RE.test(t));
}

interface LineCues {
  receiptLines: number;
  invoiceLines: number;
  givesChange: boolean;
  comeAgain: boolean;
  tillKinds: number;
  sumsUp: boolean;
}

/** A sum with its amount on the same line, or a total word on a page that prints amounts (the amount OCR put on a
 * line of its own), the word alone or with the currency its column is headed by ("SUMME EUR", "TOTAL R$", "A PAYER €"). */
const TOTAL_WORD_RE = new RegExp(String.raw`^\W*(?:total|summe|gesamt\w*|totale|importe|montant|${TO_PAY})\W*(?:eur|euro|r\$|us\$|\$|€|£|chf|rm)?\W*$`, 'i');
const AMOUNT_RE = /\d[.,]\d{2}\b/;

/** The line-by-line evidence of one reading of the page (its layout rows, or the OCR's own lines). */
function lineCues(texts: string[]): LineCues {
  let receiptLines = 0;
  let invoiceLines = 0;
  for (const t of texts) {
    if (RECEIPT_LINE_RE.test(t) || VISIT_THANKS_RE.test(t) || isTaxClassItem(t) || TILL_POLICY_RE.test(t)) receiptLines++;
    if (INVOICE_LINE_RE.test(t) && !LOYALTY_CARD_RE.test(t)) invoiceLines++;
  }
  // the total word read through OCR's look-alikes ("IOTAL R$", "T0TAL"), as the totals' labels read it
  const totalWords = texts.map(readTotalWord);
  const sumsUp = totalWords.some((t) => SUMS_UP_RE.test(t)) || (totalWords.some((t) => TOTAL_WORD_RE.test(t)) && texts.some((t) => AMOUNT_RE.test(t)));
  return {
    receiptLines, invoiceLines, givesChange: givesChange(texts), comeAgain: texts.some((t) => COME_AGAIN_RE.test(t)), tillKinds: tillCueKinds(texts), sumsUp,
  };
}

/** Rows that each gather this many OCR lines or more on average are not the page's lines. */
const GATHERED_ROWS = 3;

/**
 * Line evidence over the layout rows, or over the OCR's own lines when the rows gather them by the handful: a photo
 * taken sideways whose orientation was not corrected gives rows that each hold a whole column of the slip (their
 * cues, anchored at a line's start or end, are lost), while the OCR's lines are still the slip's lines. Otherwise the
 * rows, which join an invoice's columns ("BANK DETAILS   THANK YOU") as the page prints them.
 */
function pageLineCues(rows: Row[], ocrLines: string[]): LineCues {
  return lineCues(ocrLines.length >= GATHERED_ROWS * rows.length ? ocrLines : rows.map((r) => r.text));
}

/**
 * `pageAspect` is height / width of the first page: till slips are long and narrow (2:1 and more), office
 * documents are A4 or Letter (about 1.3-1.45).
 */
export function classifyDocument(rows: Row[], pageAspect: number | null = null, ocrLines: string[] = [], opts: ClassifyOptions = {}): Field<DocType> {
  return classifyChoice(rows, pageAspect, ocrLines, opts).field;
}

export interface ClassifyOptions {
  /** the document is a photo or a screenshot (an image file that is not a scanner's TIFF) */
  photo?: boolean;
}

/** The doc type and, for `scan --explain`, the runner-up type with its score. `ocrLines`: the text of the OCR's own
 * lines of OCRed pages (none for text layers). */
export function classifyChoice(rows: Row[], pageAspect: number | null = null, ocrLines: string[] = [], opts: ClassifyOptions = {}): { field: Field<DocType>; explain: FieldExplain } {
  const score: Record<DocType, number> = { invoice: 0, credit_note: 0, receipt: 0, purchase_order: 0, delivery_note: 0, other: 0 };
  const firstPage = rows.filter((r) => r.page === rows[0]?.page);
  const hits: Record<DocType, number[]> = { invoice: [], credit_note: [], receipt: [], purchase_order: [], delivery_note: [], other: [] };
  let titledCreditNote = false;
  // an invoice groups its items under the delivery notes or orders they came with ("ALBARÁN: 2500450 - FECHA: …",
  // "DDT n. 12 del …", "Order 4711" between the lines): below the item table's header such a mention cites another
  // document; a delivery note's or an order's own title stands above its table
  const tableAt = firstPage.findIndex((r) => isItemTableHeader(r.text));
  for (const [at, row] of firstPage.entries()) {
    const inItemTable = tableAt >= 0 && at > tableAt;
    // titles stand in the top third; lower mentions ("invoice number" in a footer) count little
    const position = row.top < 0.35 ? 1 : row.top < 0.6 ? 0.4 : 0.15;
    for (const cell of row.cells) {
      // letter-spaced titles: "W A R E N R E C H N U N G"
      const text = cell.text.replace(/(?<=(?:^|\s)\p{L}) (?=\p{L}(?:\s|$))/gu, '');
      const short = text.length <= 60 ? 1 : 0.5;
      const seen = new Set<DocType>();
      for (const cue of TITLE_CUES) {
        if (seen.has(cue.type) && cue.type !== 'invoice') continue;
        const m = cue.re.exec(text);
        if (m) {
          // "Lieferschein-Nr", "Invoice No:", "Order Date": a reference field, not the document's title
          // ("Rechnung Nr. 123" and "Invoice #42" are titles)
          const after = text.slice((m.index ?? 0) + m[0].length);
          const before = text.slice(0, m.index ?? 0);
          // an order cited on an invoice ("Order: 4711", "Bestellung 2018-0921", "Your order #12") is a reference:
          // a purchase order's own title stands alone
          // a till prints its order's fields ("Order No. 1000213", "Order Type: Delivery", "Order Mo: 1184" misread)
          const citedOrder = cue.type === 'purchase_order' && (/^\s*[:#]|^\s*[\w/-]*\d/u.test(after) || (/^\s*order$/i.test(m[0]) && ORDER_FIELD_RE.test(after)));
          // "Cash Bill No: 123" still says what the document is: it is the slip's own number
          const citedInTable = inItemTable && CITED_IN_TABLE.has(cue.type);
          const asReference =
            cue === PAID_ON_THE_SPOT ? 1 : citedOrder || citedInTable || (CITED_IN_TABLE.has(cue.type) && NUMBER_OF_RE.test(before)) || /^\s*-\s*\p{L}/u.test(after) || LABEL_THEN_COLON_RE.test(after) || NUMBER_LABEL_RE.test(after) || /^\s*(datum|date)\b/i.test(after)
              ? 0.15
              : 1;
          // the first strong cue wins within a cell: "Gutschrift (Selbst ausgestellte Rechnung)" is one title
          hits[cue.type].push(cue.weight * position * short * asReference);
          if (cue.type === 'credit_note' && position === 1 && asReference === 1) titledCreditNote = true;
          seen.add(cue.type);
          if (cue.weight >= 6 || cue === PAID_ON_THE_SPOT) break;
          if (cue.type === 'credit_note') break;
        }
      }
    }
  }
  // a title is printed once or twice; a word repeated down the page is a list of references (an invoice listing its
  // delivery notes, "DDT 1/437 del 03-05-2021" six times): each type counts its strongest TITLE_HITS mentions only
  for (const type of Object.keys(hits) as DocType[]) {
    score[type] += hits[type].sort((a, b) => b - a).slice(0, TITLE_HITS).reduce((sum, v) => sum + v, 0);
  }
  const cues = pageLineCues(rows, ocrLines);
  const { receiptLines, invoiceLines, tillKinds } = cues;
  score.receipt += Math.min(receiptLines, 6) * 1.1;
  if (cues.givesChange) score.receipt += CHANGE_GIVEN_WEIGHT;
  if (cues.comeAgain) score.receipt += COME_AGAIN_WEIGHT;
  if (invoiceLines === 0 && tillKinds >= TILL_SLIP_MIN_CUES) score.receipt += (tillKinds - TILL_SLIP_MIN_CUES + 1) * TILL_CUE_WEIGHT;
  if (pageAspect !== null && pageAspect > 1.9) score.receipt += 2;
  // lines only a bill prints (IBAN, due date, bill-to) are a credit note's too: they speak for a bill, and for the
  // credit note as much as for the invoice when a credit note's title stands at the top of the page
  const billLines = Math.min(invoiceLines, 4) * 0.4;
  score.invoice += billLines;
  if (titledCreditNote) score.credit_note += billLines;
  // a tie between a bill's title and a till's lines goes to the till when no line only a bill prints is there
  const tieBreak = (t: DocType): number => (t === 'receipt' && invoiceLines === 0 ? 1 : 0);
  const ranked = (Object.entries(score) as [DocType, number][]).sort((a, b) => b[1] - a[1] || tieBreak(b[0]) - tieBreak(a[0]));
  const [best, s] = ranked[0];
  const explain = explainRanked(ranked.filter(([, v]) => v > 0).map(([type, v]) => ({ value: type, score: v, why: [`title+lines:${type}`] })));
  if (s <= 0.5) {
    if (invoiceLines <= 1 && cues.sumsUp) return { field: { value: 'receipt', confidence: UNTITLED_SLIP_CONFIDENCE }, explain };
    if (opts.photo && invoiceLines === 0) return { field: { value: 'receipt', confidence: UNREAD_PHOTO_CONFIDENCE }, explain };
    return { field: { value: 'other', confidence: 0.3 }, explain };
  }
  const margin = (s - ranked[1][1]) / s;
  return { field: { value: best, confidence: roundHundredths(0.45 + 0.5 * Math.min(1, s / 5) * (0.4 + 0.6 * margin)) }, explain };
}

/** A receipt told by its title or its till lines, not one only guessed from an untitled page that sums up: only
 * then may a till slip's subtotal stand in for an unreadable total. */
export function isTillSlip(docType: Field<DocType>): boolean {
  return docType.value === 'receipt' && docType.confidence > UNTITLED_SLIP_CONFIDENCE;
}
