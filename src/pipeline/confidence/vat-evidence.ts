// Evidence about the vendor's VAT id read off the page around it (issue #14: the VAT ids written wrong are another
// party's — the customer's block, the page's issuer when the page is its order to the vendor). What each is worth is
// the calibration table's to say; evidence.ts collects them.
import { mentionsBuyer } from '../extract/blocks.js';
import { alnumKey, findVatIds, printedVatKeys, vatKey } from '../extract/vat.js';
import { SUPPLIER_LABEL_WORDS } from '../extract/words.js';

/** A supplier's label before an id on its line, a few words before it ("TVA Intracom Fournisseur : FR22…"). */
const SUPPLIER_BEFORE_RE = new RegExp(String.raw`(?<![\p{L}])(?:${SUPPLIER_LABEL_WORDS})(?![\p{L}])[^\n]{0,40}$`, 'iu');

/** The lines of the text holding the id (with or without its country prefix, on letters and digits). */
function linesHolding(lines: string[], vat: string): number[] {
  const id = alnumKey(vat);
  const keys = [id, /^[A-Z]{2}/.test(id) ? id.slice(2) : '', ...printedVatKeys(id)].filter((k) => k.length >= 8);
  return lines.flatMap((l, i) => (keys.some((k) => alnumKey(l).includes(k)) ? [i] : []));
}

/** `seller-id-other` (−): another VAT id whose check digits hold is printed behind a supplier's label. The page names
 * its supplier's id apart, so the page is its customer's — a purchase order ("TVA Intracom Fournisseur"), a self-billed
 * invoice — and the id printed where the page's issuer prints its own (its legal line, its letterhead) is the
 * customer's, not the vendor's. */
export function sellerIdElsewhere(text: string, vat: string): boolean {
  const own = alnumKey(vat);
  const ownBare = vatKey(vat);
  for (const line of text.split(/\n|\f/)) {
    for (const m of findVatIds(line, { labelled: true })) {
      if (m.checksum !== true || alnumKey(m.value) === own || vatKey(m.value) === ownBare) continue;
      if (SUPPLIER_BEFORE_RE.test(line.slice(0, m.index))) return true;
    }
  }
  return false;
}

/** How far from the id a customer's label still names its block: the label over a block of name, street and town, or
 * beside it in the next column's line. */
export const CUSTOMER_LABEL_LINES = 2;

/** `customer-label-near` (−): a customer's label ("Cliente", "Bill to", "Kunde", "Destinataire": blocks.ts
 * BUYER_HEADER_RE) is printed on the id's line or within CUSTOMER_LABEL_LINES lines of it, and never near another print
 * of it: the id stands in the customer's block, beside its name and number, wherever the rules took it from. An id also
 * printed away from any customer's label (the issuer's footer) has none. */
export function customerLabelNear(text: string, vat: string): boolean {
  const lines = text.split(/\n|\f/);
  const holding = linesHolding(lines, vat);
  if (!holding.length) return false;
  const labelled = (i: number) => mentionsBuyer(lines[i] ?? '');
  const nearLabel = (at: number) => {
    for (let i = at - CUSTOMER_LABEL_LINES; i <= at + CUSTOMER_LABEL_LINES; i++) if (i >= 0 && labelled(i)) return true;
    return false;
  };
  return holding.every(nearLabel);
}
