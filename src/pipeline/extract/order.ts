// What a printed order or delivery note says of its order: the order number (an order's own, or the one a delivery
// note delivers against), a delivery note's own number, and who placed the order. The buyer of a printed order is
// its issuer (the letterhead the vendor rules read); a delivery note's issuer is the supplier, as on a bill.
import type { DocType, ExtractedFields, Field, OrderInfo } from '../../contract.js';
import { findLabeled, type Row } from './layout.js';
import { parseReference, poNumberChoice } from './references.js';
import { roundHundredths } from '../rounding.js';
import { DELIVERY_NOTE_WORDS } from './words.js';

export const ORDER_DOC_TYPES: ReadonlySet<DocType> = new Set(['purchase_order', 'delivery_note']);

// an order's own number after its title ("Purchase Order #P00011", "Bestellung Nr. 4711", "Ordine n. 12")
const ORDER_TITLE_RE =
  /(purchase\s*order|request\s+for\s+quotation|rfq|order|bestellung|auftrag|ordine(\s+d['’]\s*acquisto|\s+di\s+acquisto)?|orden\s+de\s+compra|pedido|bon\s+de\s+commande|commande|bestelbon|inkooporder|encomenda)\s*(no\.?|nr\.?|n[°º.]?|number|#)?\s*:?/gi;
// the order a delivery note delivers against ("Order:", "Your order", "Ihre Bestellung", "Rif. ordine", "Votre commande")
// the same titles without the bare word "order" (a delivery slip's "Order: P00011" cites its order): what a document
// the classifier could not name must print to be read as an order
const STRICT_ORDER_TITLE_RE =
  /(purchase\s*order|request\s+for\s+quotation|bestellung|ordine(\s+d['’]\s*acquisto|\s+di\s+acquisto)|orden\s+de\s+compra|bon\s+de\s+commande|bestelbon|inkooporder|nota\s+de\s+encomenda)\s*(no\.?|nr\.?|n[°º.]?|number|#)?\s*:?/gi;
const CITED_ORDER_RE =
  /(your\s*order(\s*(no\.?|number|ref\w*))?|customer\s*order(\s*(no\.?|number))?|order\s*(no\.?|number|ref\w*|#)?|p\.?o\.?\s*(no\.?|number|#)|purchase\s*order(\s*(no\.?|number|#))?|ihre\s*bestellung|bestell-?\s*(nr\.?|nummer)|auftrags?-?\s*(nr\.?|nummer)|rif\.?\s*ordine|vs\.?\s*ordine|ordine\s*(n\.?|nr\.?|cliente)?|votre\s*commande|commande\s*(n[°º]|no)?|su\s*pedido|pedido\s*(n[ºo°]\.?)?|uw\s*(bestelling|order)|bestelnummer)\s*:?/gi;
const DELIVERY_NO_RE = new RegExp(`${DELIVERY_NOTE_WORDS}\\s*(no\\.?|nr\\.?|n[°º.]?|number|nummer|#)?\\s*:?`, 'gi');
const NOT_A_NUMBER = /date|datum|data\b|fecha|line|zeile/i;

function best(rows: Row[], re: RegExp, exclude?: RegExp): Field<string> {
  const found = findLabeled(rows, re, parseReference, { below: 1, exclude: exclude ?? NOT_A_NUMBER });
  if (found.length === 0) return { value: null, confidence: 0 };
  // the highest on the first page, the nearest to its label
  const [top] = found.sort((a, b) => a.row.page - b.row.page || a.distance - b.distance || a.row.index - b.row.index);
  const times = found.filter((f) => f.value === top.value).length;
  const base = top.distance === 0 ? 0.85 : top.distance === 1 ? 0.8 : 0.7;
  return { value: top.value, confidence: roundHundredths(Math.min(0.95, base * top.confidence + (times > 1 ? 0.05 : 0))) };
}

/** The order's number and buyer as printed, for a document classified as an order or a delivery note. `strict`
 * (a document the classifier left as 'other'): only an order title with its number makes it one (else null). */
export function extractOrder(rows: Row[], fields: ExtractedFields, type: DocType, strict = false): OrderInfo | null {
  const none: Field<string> = { value: null, confidence: 0 };
  if (strict) {
    const titled = best(rows.filter((r) => r.page === rows[0]?.page && r.top < 0.5), STRICT_ORDER_TITLE_RE);
    if (!titled.value || type !== 'purchase_order') {
      // no order title: only the order it cites ("Order: P00011"), with no claim of what the document is (kind
      // absent); the write-back may find that order in Odoo (a delivery slip without a title)
      const cited = best(rows, CITED_ORDER_RE, /date|datum|data\b|fecha|deliver|liefer|consegna/i);
      return cited.value ? { number: cited, delivery_number: none, buyer_name: none, buyer_vat: none } : null;
    }
  }
  if (type === 'delivery_note') {
    const cited = best(rows, CITED_ORDER_RE, /date|datum|data\b|fecha|deliver|liefer|consegna/i);
    return { kind: type, number: cited.value ? cited : fields.po_number, delivery_number: best(rows, DELIVERY_NO_RE), buyer_name: none, buyer_vat: none };
  }
  // an order: its number by its title or label; the labelled PO number the bill rules read is the fallback
  const own = best(rows, ORDER_TITLE_RE);
  const labelled = poNumberChoice(rows).field;
  return {
    kind: 'purchase_order',
    number: own.value ? own : labelled,
    delivery_number: none,
    buyer_name: { value: fields.vendor_name.value, confidence: fields.vendor_name.confidence },
    buyer_vat: { value: fields.vendor_vat.value, confidence: fields.vendor_vat.confidence },
  };
}
