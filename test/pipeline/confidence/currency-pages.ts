// Pages for the currency tests: bills and a till slip of four countries, as an OCR engine reads them, and their
// currency calibrated as a scan does it.
import { assessConfidence } from '../../../src/pipeline/confidence/index.js';
import { extractFields } from '../../../src/pipeline/extract/index.js';
import { docFromLines } from '../extract/helpers.js';

/** A Tunisian supplier's bill in French: its tax id (matricule fiscal), "TVA", amounts in thousandths, the total in
 * dinars and millimes in words. */
export const TUNISIAN_BILL = [
  'STE EXEMPLE', 'Vente en Gros', 'Route de Sousse Km 4', 'MF: 1234567A/P/M/000', 'Facture N° 2004117', 'Date: 12/05/2020',
  'Client: MAGASIN DU CENTRE', 'Code Article   Libelle   Qte   P.U.HT   TVA   MT HT', '200000529   BISCUITS CHOCOLAT   16   8,350   0%   133,600',
  '200000561   GATEAU VANILLE   16   10,999   0%   175,984', 'TOTAL BRUT   309,584', 'TOTAL HT   309,584', 'TOTAL T.V.A   0,000',
  'Timbre   0,600', 'TOTAL TTC   310,184', 'Arretee la presente facture a la somme de Trois Cent Dix Dinars Cent Quatre Vingt Quatre Millimes',
];

/** A Romanian supplier's bill: its phone, "TVA", amounts in lei. */
export const ROMANIAN_BILL = [
  'EXEMPLU COM', 'Str. Lunga nr. 12, Brasov', 'Tel: +40 268 123 456', 'FACTURA seria EX nr. 1043', 'Data: 14.03.2024', 'Cumparator: CLIENT SA',
  'Denumire   Cant.   Pret unitar   Valoare   TVA', 'Servicii consultanta   1   1.000,00   1.000,00   190,00', 'Total fara TVA   1.000,00 lei',
  'TVA 19%   190,00 lei', 'Total de plata   1.190,00 lei',
];

/** The currency of an OCR reading of `lines` by `engine`, calibrated. */
export async function currencyOf(lines: string[], engine: 'tesseract' | 'paddle') {
  const doc = docFromLines(lines, { width: 1200, height: 1700, confidence: 0.9 });
  doc.kind = 'jpeg';
  doc.pages[0].source = 'ocr';
  doc.pages[0].ocrEngine = engine;
  const r = await extractFields(doc, { engineLook: 'off' });
  return assessConfidence({
    fields: structuredClone(r.fields), lines: r.lines, source: 'ocr', doc, ranking: r.explain.fields, language: r.language,
    vendorAddress: r.vendorAddress, inferredCurrency: r.inferredCurrency, amounts: r.explain.evidence,
  }).fields.currency;
}

/** A French supplier's bill: its postcode and phone, "TVA", amounts in euros. */
export const FRENCH_BILL = [
  'BOULANGERIE DUPONT SARL', '12 rue de la Paix', '69002 Lyon', 'Tel: +33 4 72 00 00 00', 'Facture N° F-2024-118', 'Date: 05/02/2024',
  'Client: RESTAURANT LE COIN', 'Désignation   Qté   P.U. HT   Montant HT', 'Pain de campagne   20   2,50 €   50,00 €', 'Croissants   40   1,10 €   44,00 €',
  'Total HT   94,00 €', 'TVA 5,5%   5,17 €', 'Total TTC   99,17 €',
];

/** A Malaysian till slip: its legal form, street, postcode and state, "GST", prices in ringgit. */
export const MALAYSIAN_SLIP = [
  'KEDAI MAJU SDN BHD', 'NO. 12, JALAN BESAR', '43000 KAJANG SELANGOR', 'GST ID: 001234567890', 'Date: 25/01/2018 1:22:56PM', 'NASI LEMAK   RM 5.50',
  'TEH TARIK   RM 2.20', 'TOTAL   RM 7.70', 'CASH   RM 10.00', 'CHANGE   RM 2.30',
];
