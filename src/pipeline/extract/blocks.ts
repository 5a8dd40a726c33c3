// Address blocks: which rows belong to the buyer ("Bill to", "Rechnungsempfänger", "destinatario") and which to the
// seller. Both vendor name and vendor VAT must come from the issuer, never from the customer's block.
import type { Row } from './layout.js';
import { LEGAL_FORMS } from './legal-forms.js';
import { BUYER_ROLE_WORDS, IT_TAX_CODE_LABEL, LATAM_TAX_ID_LABEL, PARTY_DETAILS_WORDS, REGISTER_WORDS, SELLER_ROLE_WORDS } from './words.js';

// (an address header that names the customer opens its block too: "Indirizzo Postale del cliente", "Adresse du client")
export const BUYER_HEADER_RE = new RegExp(
  String.raw`\b(bill(ed)?\s*to|invoice\s*to|sold\s*to|ship(ped)?\s*to|deliver\s*to|customer|client|buyer|purchaser|billing\s*address|shipping\s*address|k[äa]ufer|leistungsempf[äa]nger|rechnungsempf[äa]nger|warenempf[äa]nger|lieferanschrift|kunde|abweichender|destinatario|cessionario|committente|spett\.?le|facturer\s*[àa]|factur[ée]\s*[àa]|adresse\s*de\s*(livraison|facturation)|acheteur|cliente|se[ñn]or(?:es|\/es|\(es\))?|receptor|livr[ée]\s*[àa]|factuuradres|afleveradres|bezorgadres|geleverd\s*aan|gefactureerd\s*aan|klant|afnemer|adquirente|morada\s*de\s*(entrega|fatura[çc][ãa]o)|faturar\s*a|entregar\s*a|enviar\s*a|facturar\s*a|cobrar\s*a|env[ií]e\s*a|fatturare\s*a|spedire\s*a|consegnare\s*a|delivery\s*address|invoice\s*address|lieferadresse|rechnungsadresse|indirizzo\s*di\s*(spedizione|consegna|fatturazione)|direcci[óo]n\s*de\s*(env[íi]o|entrega|facturaci[óo]n)|endere[çc]o\s*de\s*(entrega|cobran[çc]a|faturamento)|factuur\s*aan|rechnung\s*an|destinataire|destinat[áa]rio|intestat(ario|o\s*a)|facturad[oa]\s*a|faturad[oa]\s*(a|para)|fatturat[oa]\s*a|dados\s*do\s*cliente|datos\s*del\s*cliente|klantgegevens|kundendaten|donn[ée]es\s*client|leveringsadres|rechnungsanschrift|versandadresse|lieferung\s*an|destinazione(\s*merce)?|luogo\s*di\s*consegna|lieu\s*de\s*livraison|consignee|licen[cs]ed\s*to|lizenznehmer|licenciatario|licenziatario|titulaire\s*de\s*la\s*licence|local\s*de\s*entrega|datos\s*de\s*(env[íi]o|facturaci[óo]n)|(indirizzo|adresse|address|anschrift|direcci[óo]n|endere[çc]o)(\s+postale?)?\s+(del|du|des|of(\s+the)?|de(l|\s+la)?|do|da)\s+(cliente?|customer|kunden)|${BUYER_ROLE_WORDS})(?![\p{L}\d_])`,
  'iu',
);
// (the payee's block, "Remit to" / "Adresse de règlement", is the issuer's: it asks to be paid; so is a marketplace's
// "Sold by" column, "Verkauft von" / "Venduto da", beside the billing and delivery addresses, and a service's
// "Product(s) provided by" / "Supplied by" / "Leistungserbringer" / "Prestataire" beside "Billed to")
export const SELLER_HEADER_RE = new RegExp(
  String.raw`^\s*((?:seller|vendor|supplier|issuer)\s+(?:${PARTY_DETAILS_WORDS})|verk(?:[äa]|ae)ufer|ver\s*k(?:[äa]|ae)ufer|seller|vendor|supplier|lieferant|rechnungssteller|fornitore|cedente(\s*\/\s*prestatore)?|prestatore|proveedor|emisor|fournisseur|vendeur|[ée]metteur|sold\s*by|issued\s*by|(?:(?:products?|services?|product\(s\)|service\(s\))\s+)?(?:provided|supplied)\s+by|service\s+provider|leistungserbringer|prestataire|from|leverancier|verkoper|afzender|fornecedor|vendedor|emitente|van|remit(tance)?\s*to|adresse\s*de\s*r[èe]glement|zahlungsempf(?:[äa]|ae)nger|payee|verkauft\s+von|venduto\s+da|vendu\s+par|vendido\s+por|verkocht\s+door|${SELLER_ROLE_WORDS})(\s*\([\p{L}\s]{1,30}\))?\s*(:|$)`,
  'iu',
);

/** A heading set with wide letter-spacing reaches the text layer in fragments ("É MET TEUR", "C LIENT"): capitals
 * parted by single spaces, one fragment a lone letter. Joined, the fragments are the heading's word; any other
 * text is returned as it is. */
export function headingText(text: string): string {
  const t = text.trim();
  if (!/^\p{Lu}{1,5}(?: \p{Lu}{1,5})+\s*:?$/u.test(t)) return text;
  // a lone letter is what spacing leaves ('C LIENT'); words of two ('BILL TO ACME CO', 'SHIP TO') are words
  if (!t.replace(/\s*:$/, '').split(' ').some((part) => [...part].length === 1)) return text;
  return t.replace(/ (?=\p{Lu})/gu, '');
}

/** "Seller", "Émetteur:", "Sprzedawca" (letter-spaced too): a header opening the issuer's block. */
export const isSellerHeader = (text: string): boolean => SELLER_HEADER_RE.test(headingText(text));

/** A buyer's header word anywhere in the text ("Bill to", "C LIENT" letter-spaced too); isBuyerHeader asks for one that
 * opens the text. */
export const mentionsBuyer = (text: string): boolean => BUYER_HEADER_RE.test(headingText(text));

export type BlockRole = 'buyer' | 'seller' | null;

/** A third party printed under the parties ("Terzo intermediario o soggetto emittente" on Italian SdI renderings, the
 * firm that transmitted the e-invoice): its block is neither seller nor buyer, so its tax id is not the issuer's. */
const THIRD_PARTY_HEADER_RE = /^\s*(terzo\s+intermediario|soggetto\s+emittente)\b/i;

/** A bare field label: a word or two, no digit, perhaps a colon ("GSTIN", "Phone", "M/S", "Place of", "Address:"). */
const BARE_LABEL_RE = /^\s*[\p{L}][\p{L}./&'-]*(?:\s+[\p{L}][\p{L}./&'-]*)?\s*:?\s*$/u;

/** Role of each row, by the nearest header above it within a few rows (blocks are short). A header heads what stands
 * under it, not what stands to its left: a row whose first cell ends before the header's cell begins ("EKIBIO SAS"
 * at the left margin under a "Facturé à" printed in the right half) is another column's, no row of that block; unless
 * that cell is a bare label whose value stands under the header ("GSTIN | 32AAB…" under a "Customer Detail" caption
 * printed over the values): a label is read with its value, in the value's block, and so is the rest of that label
 * column (a label's second line, "Place of | Kerala" over "Supply"). */
export function rowRoles(rows: Row[]): BlockRole[] {
  const roles: BlockRole[] = [];
  let role: BlockRole = null;
  let since = 0;
  let headerX0 = -Infinity;
  let headerX1 = -Infinity;
  let labelColumnX0: number | null = null;
  let page = rows[0]?.page;
  for (const row of rows) {
    if (row.page !== page) {
      role = null;
      page = row.page;
    }
    const firstCell = row.cells[0];
    const first = headingText(firstCell?.text ?? '');
    if (SELLER_HEADER_RE.test(first) && !isStaffLine(first)) {
      role = 'seller';
      since = 0;
      [headerX0, headerX1, labelColumnX0] = [firstCell.x0, firstCell.x1, null];
    } else if (isBuyerHeader(first)) {
      role = 'buyer';
      since = 0;
      [headerX0, headerX1, labelColumnX0] = [firstCell.x0, firstCell.x1, null];
    } else if (THIRD_PARTY_HEADER_RE.test(first)) {
      role = null;
      since = 0;
    } else since++;
    if (since > 9) role = null;
    const leftOfHeader = since > 0 && firstCell !== undefined && firstCell.x1 < headerX0;
    const labelled = leftOfHeader && BARE_LABEL_RE.test(first) && row.cells.slice(1).some((c) => c.x0 <= headerX1 && c.x1 >= headerX0);
    if (labelled) labelColumnX0 = firstCell.x0;
    const labelOfBlock = labelled || (leftOfHeader && labelColumnX0 !== null && Math.abs(firstCell.x0 - labelColumnX0) <= 3);
    roles.push(leftOfHeader && !labelOfBlock ? null : role);
  }
  return roles;
}

const LEGAL_FORM_RE = new RegExp(String.raw`(?<![\p{L}\d])(?:${LEGAL_FORMS})(?![\p{L}\d])`, 'iu');

/** "Vendedor: MANOLO", "Verkäufer: 12": on a till slip the seller label names the salesperson, one word or a
 * number; a company in a seller block has more words or a legal form. */
export function isStaffLine(text: string): boolean {
  const m = /^\s*(verk[äa]ufer|vendedor|vendeur|seller|salesperson)\s*:\s*([\p{L}\d.-]+)\s*$/iu.exec(text);
  if (m !== null && !LEGAL_FORM_RE.test(m[2])) return true;
  // a till's staff id before the person's name: "Sold by: BD1187 MUHAMMAD SHAFIK"
  return /^\s*(sold\s+by|served\s+by|verk[äa]ufer|vendedor|vendeur|seller|salesperson)\s*:\s*\p{L}{0,3}\d{2,}\b/iu.test(text);
}

/** "Bill to:", "Rechnungsempfänger", "Client : ACME" open a buyer block; "N° TVA client" does not. */
export function isBuyerHeader(heading: string): boolean {
  const text = headingText(heading);
  const m = BUYER_HEADER_RE.exec(text);
  if (!m || text.length > 60) return false;
  return text.slice(0, m.index).replace(/[^\p{L}]/gu, '').length === 0;
}

/** A cell of a multi-column row that is a buyer header ("Billing Address" in a column) marks that column; a price's
 * unit is none ("€/cliente/mese": a header carries no currency sign or percent). */
export function isBuyerColumnHeader(text: string): boolean {
  return mentionsBuyer(text) && text.length < 40 && !/[€$£%]/.test(text);
}

/** The letterhead: the top of the first page (vendor.ts and issuer-place.ts read it). */
export const LETTERHEAD_TOP = 0.3;

/** A line that carries a tax id's label (the issuer's: the customer's is in its own block). */
export const TAX_ID_LINE_RE = new RegExp(String.raw`\b(${LATAM_TAX_ID_LABEL}|ust-?id\w*|ust\.?-?id\.?-?nr|uid|umsatzsteuer\w*|steuer-?nr|steuer-?nummer|st\.?-?nr|p\.?\s*iva|partita\s*iva|n\.?\s?i\.?\s?f|c\.?\s?i\.?\s?f|nipc|contribuinte|btw|tva|vat|gst|tax\s*id|${IT_TAX_CODE_LABEL})\b`, 'i');

// the issuer's legal line: tax id, bank account, trade register
export const LEGAL_LINE_RE = new RegExp(String.raw`\b(iban|${REGISTER_WORDS}|btw|vat|tva|ust-?id\w*|p\.?\s?iva|cif|nif|nipc|cnpj|${IT_TAX_CODE_LABEL})\b`, 'i');
