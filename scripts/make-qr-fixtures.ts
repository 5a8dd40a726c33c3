// Builds fixtures/documents/qr: invoices carrying payment QR codes, with ground truth written from the data the
// codes were made from (never from this project's decoder), and a phone-photo rendering of each.
//   node --import tsx scripts/make-qr-fixtures.ts [--real-only-photos]
// Generated: Swiss QR-bills (swissqrbill, payment part as an image on a text-layer invoice), EPC GiroCodes and a
// CFDI SAT code (zxing-wasm's writer), plus two invalid codes. Real: files copied from public repositories by hand
// (see qr/SOURCES.md); their truth files are hand-written from the repositories' own sample data, and this script
// only adds their photo renderings.
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts, rgb, type PDFPage, type PDFFont } from 'pdf-lib';
import sharp from 'sharp';
import { SwissQRBill } from 'swissqrbill/svg';
import type { Data as SwissData } from 'swissqrbill/types';
import { prepareZXingModule, writeBarcode } from 'zxing-wasm/writer';
import { openPdf } from '../src/pipeline/pdf.js';
import { fromRoot } from '../src/paths.js';

// the writer's WASM from node_modules, as the reader's (src/pipeline/qr/zxing.ts): zxing-wasm would fetch it from a CDN
const writerWasm = readFileSync(fromRoot('node_modules', 'zxing-wasm', 'dist', 'writer', 'zxing_writer.wasm'));
await prepareZXingModule({ overrides: { wasmBinary: new Uint8Array(writerWasm).buffer }, fireImmediately: true });

const OUT = fromRoot('fixtures', 'documents', 'qr');
const PHOTOS = path.join(OUT, 'photos');
mkdirSync(PHOTOS, { recursive: true });
const MM = 72 / 25.4;

type Truth = Record<string, unknown> & { qr: { type: string; valid: boolean }[] };

interface Invoice {
  vendor: string[]; // name, street, town
  title: string;
  number: string;
  date: string; // as printed
  lines: [string, string][];
  total: string; // as printed
  extra?: string[]; // payment lines printed in the text
}

async function invoicePdf(inv: Invoice, code: { png: Buffer; x: number; y: number; w: number; h: number }): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setCreationDate(new Date('2026-01-01T00:00:00Z'));
  pdf.setModificationDate(new Date('2026-01-01T00:00:00Z'));
  const page = pdf.addPage([210 * MM, 297 * MM]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const text = (p: PDFPage, s: string, x: number, y: number, f: PDFFont = font, size = 10) => p.drawText(s, { x: x * MM, y: (297 - y) * MM, size, font: f, color: rgb(0, 0, 0) });
  inv.vendor.forEach((l, i) => text(page, l, 20, 20 + i * 5, i === 0 ? bold : font, i === 0 ? 13 : 10));
  text(page, inv.title, 20, 60, bold, 16);
  text(page, inv.number, 20, 70);
  text(page, inv.date, 20, 76);
  inv.lines.forEach(([d, a], i) => {
    text(page, d, 20, 92 + i * 6);
    text(page, a, 160, 92 + i * 6);
  });
  const y = 92 + inv.lines.length * 6 + 6;
  text(page, inv.total, 120, y, bold, 11);
  (inv.extra ?? []).forEach((l, i) => text(page, l, 20, y + 14 + i * 5));
  const image = await pdf.embedPng(code.png);
  page.drawImage(image, { x: code.x * MM, y: code.y * MM, width: code.w * MM, height: code.h * MM });
  return Buffer.from(await pdf.save({ useObjectStreams: true }));
}

/** The QR-bill payment part (210 x 105 mm) as a 300 dpi PNG, as invoicing software pastes it under an invoice. */
async function swissPaymentPart(data: SwissData, language: 'DE' | 'FR' | 'IT' | 'EN'): Promise<Buffer> {
  const svg = new SwissQRBill(data, { language }).toString();
  return sharp(Buffer.from(svg), { density: 300 }).resize(1654).flatten({ background: '#ffffff' }).greyscale().png({ palette: true, colours: 8 }).toBuffer();
}

async function qrPng(payload: string): Promise<Buffer> {
  const res = await writeBarcode(new TextEncoder().encode(payload), { format: 'QRCode', ecLevel: 'M', scale: 8 });
  if (!res.image) throw new Error(`QR writer: ${res.error}`);
  return Buffer.from(await res.image.arrayBuffer());
}

const fmtChf = (n: number) => n.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, "'");
const fmtEur = (n: number) => n.toFixed(2).replace('.', ',').replace(/\B(?=(\d{3})+(?!\d),)/g, '.');

interface SwissCase {
  file: string;
  language: 'DE' | 'FR' | 'IT' | 'EN';
  data: SwissData;
  number: string;
  date: string; // ISO
  truth: Record<string, unknown>;
  printedAmount?: number; // a total printed in the text that differs from the code's amount
}

const swissCases: SwissCase[] = [
  {
    file: 'swiss-gen-01-qrr.pdf', language: 'DE', number: 'R-2026-0117', date: '2026-01-17',
    data: {
      currency: 'CHF', amount: 1949.75, reference: '210000000003139471430009017',
      creditor: { account: 'CH4431999123000889012', name: 'Muster Schreinerei AG', address: 'Bahnhofstrasse', buildingNumber: 12, zip: 8001, city: 'Zürich', country: 'CH' },
      debtor: { name: 'Pia Rutschmann', address: 'Marktgasse', buildingNumber: 28, zip: 9400, city: 'Rorschach', country: 'CH' },
      message: 'Rechnung R-2026-0117', additionalInformation: '//S1/10/R-2026-0117/11/260117/30/106017086/40/0:30',
    },
    truth: { due_date: '2026-02-16', vendor_vat: 'CHE106017086' },
  },
  {
    file: 'swiss-gen-02-scor-eur.pdf', language: 'FR', number: 'F-8841', date: '2026-02-03',
    data: {
      currency: 'EUR', amount: 480.5, reference: 'RF18539007547034',
      creditor: { account: 'CH5800791123000889012', name: 'Atelier Graphique Dubois Sàrl', address: 'Rue du Lac', buildingNumber: '1268', zip: 2501, city: 'Biel', country: 'CH' },
      message: 'Facture F-8841',
    },
    truth: {},
  },
  {
    file: 'swiss-gen-03-non.pdf', language: 'IT', number: 'FT-2026/33', date: '2026-03-09',
    data: {
      currency: 'CHF', amount: 86.4,
      creditor: { account: 'CH9300762011623852957', name: 'Ferramenta Bernasconi SA', address: 'Via Nassa', buildingNumber: 5, zip: 6900, city: 'Lugano', country: 'CH' },
      message: 'Fattura FT-2026/33',
    },
    truth: {},
  },
  {
    file: 'swiss-gen-04-s1-conditions.pdf', language: 'EN', number: 'INV-55012', date: '2026-04-22',
    data: {
      currency: 'CHF', amount: 12500, reference: '000000000000000000000055012'.slice(0, 26) + '0',
      creditor: { account: 'CH4431999123000889012', name: 'Alpine Software GmbH', address: 'Technoparkstrasse', buildingNumber: 1, zip: 8005, city: 'Zürich', country: 'CH' },
      additionalInformation: '//S1/10/INV-55012/11/260422/20/PO 7781/30/123456789/40/2:10;0:60',
    },
    truth: { due_date: '2026-06-21', vendor_vat: 'CHE123456789' },
  },
  {
    file: 'swiss-gen-05-open-amount.pdf', language: 'DE', number: 'SP-2026-05', date: '2026-05-02',
    data: {
      currency: 'CHF',
      creditor: { account: 'CH3709000000304442225', name: 'Verein Bergwald Schutz', address: 'Dorfstrasse', buildingNumber: 3, zip: 3920, city: 'Zermatt', country: 'CH' },
      message: 'Spende Bergwald 2026',
    },
    truth: {},
  },
  {
    // the page prints another total than the code: the document contradicts itself, a person must look
    file: 'swiss-gen-06-text-disagrees.pdf', language: 'DE', number: 'R-2026-0611', date: '2026-06-11', printedAmount: 1950.75,
    data: {
      currency: 'CHF', amount: 1949.75, reference: 'RF18539007547034',
      creditor: { account: 'CH5800791123000889012', name: 'Holzbau Gerber AG', address: 'Sägestrasse', buildingNumber: 7, zip: 3600, city: 'Thun', country: 'CH' },
      message: 'Rechnung R-2026-0611',
    },
    truth: { amount_total: null },
  },
];

function fixQrReference(ref: string): string {
  // the 27th digit is the mod-10-recursive check of the first 26 (written out here, not taken from src/)
  const table = [0, 9, 4, 6, 8, 2, 7, 1, 3, 5];
  let carry = 0;
  for (const d of ref.slice(0, 26)) carry = table[(carry + Number(d)) % 10];
  return ref.slice(0, 26) + String((10 - carry) % 10);
}

async function makeSwiss(c: SwissCase): Promise<void> {
  if (c.data.reference && /^\d{27}$/.test(c.data.reference)) c.data.reference = fixQrReference(c.data.reference);
  const png = await swissPaymentPart(c.data, c.language);
  const [y, m, d] = c.date.split('-');
  const cr = c.data.creditor;
  const amount = c.printedAmount ?? c.data.amount;
  const inv: Invoice = {
    vendor: [cr.name, `${cr.address} ${cr.buildingNumber ?? ''}`.trim(), `${cr.country}-${cr.zip} ${cr.city}`],
    title: { DE: 'Rechnung', FR: 'Facture', IT: 'Fattura', EN: 'Invoice' }[c.language],
    number: `${{ DE: 'Rechnungsnummer', FR: 'No de facture', IT: 'Numero fattura', EN: 'Invoice number' }[c.language]}: ${c.number}`,
    date: `${{ DE: 'Datum', FR: 'Date', IT: 'Data', EN: 'Date' }[c.language]}: ${d}.${m}.${y}`,
    lines: amount ? [['Leistungen gemäss Auftrag', fmtChf(amount)]] : [['Spende nach Ihrem Ermessen', '']],
    total: amount ? `Total ${c.data.currency} ${fmtChf(amount)}` : '',
  };
  const pdf = await invoicePdf(inv, { png, x: 0, y: 0, w: 210, h: 105 });
  writeFileSync(path.join(OUT, c.file), pdf);
  const ref = c.data.reference;
  writeTruth(c.file, {
    doc_type: 'invoice', vendor_name: cr.name, vendor_vat: null, invoice_number: c.number,
    date: c.date, currency: c.data.currency, amount_total: c.data.amount ?? null,
    iban: cr.account, payment_reference: ref ?? null, ...c.truth,
    qr: [{ type: 'swiss', valid: true }],
  });
}

interface EpcCase {
  file: string;
  lines: string[]; // the payload's lines
  charset?: 'utf-8' | 'latin1';
  vendor: string[];
  number: string;
  date: string;
  truth: Record<string, unknown>;
  valid: boolean;
}

const epcCases: EpcCase[] = [
  {
    file: 'epc-gen-01-v002-rf.pdf', vendor: ['Bäckerei Krüger GmbH', 'Hauptstraße 4', '10115 Berlin'], number: 'RE-2026-104', date: '2026-01-29',
    lines: ['BCD', '002', '1', 'SCT', '', 'Bäckerei Krüger GmbH', 'DE89370400440532013000', 'EUR318.40', '', 'RF18539007547034', ''],
    truth: { iban: 'DE89370400440532013000', amount_total: 318.4, currency: 'EUR', payment_reference: 'RF18539007547034', vendor_name: 'Bäckerei Krüger GmbH' }, valid: true,
  },
  {
    file: 'epc-gen-02-v001-text.pdf', vendor: ['Installateur Huber KG', 'Mariahilfer Straße 77', '1060 Wien'], number: 'RE 26/0412', date: '2026-02-12',
    lines: ['BCD', '001', '1', 'SCT', 'BKAUATWW', 'Installateur Huber KG', 'AT611904300234573201', 'EUR1299.00', '', '', 'RE 26/0412 Kd 4471'],
    truth: { iban: 'AT611904300234573201', amount_total: 1299, currency: 'EUR', payment_reference: 'RE 26/0412 Kd 4471', vendor_name: 'Installateur Huber KG' }, valid: true,
  },
  {
    file: 'epc-gen-03-latin1.pdf', charset: 'latin1', vendor: ['Électricité Lefèvre SPRL', 'Rue Neuve 12', '1000 Bruxelles'], number: '2026-0077', date: '2026-03-03',
    lines: ['BCD', '002', '2', 'SCT', 'GEBABEBB', 'Électricité Lefèvre SPRL', 'BE68539007547034', 'EUR75.25', 'GDDS', '', 'Facture 2026-0077'],
    truth: { iban: 'BE68539007547034', amount_total: 75.25, currency: 'EUR', payment_reference: 'Facture 2026-0077', vendor_name: 'Électricité Lefèvre SPRL' }, valid: true,
  },
  {
    file: 'epc-gen-04-nl.pdf', vendor: ['Schildersbedrijf de Vries B.V.', 'Keizersgracht 100', '1015 Amsterdam'], number: '7730', date: '2026-03-20',
    lines: ['BCD', '002', '1', 'SCT', 'ABNANL2A', 'Schildersbedrijf de Vries B.V.', 'NL91ABNA0417164300', 'EUR2420.00', '', '', 'Factuur 7730'],
    truth: { iban: 'NL91ABNA0417164300', amount_total: 2420, currency: 'EUR', payment_reference: 'Factuur 7730', vendor_name: 'Schildersbedrijf de Vries B.V.' }, valid: true,
  },
  {
    // check digits of the IBAN altered (DE89 → DE88): a bank would refuse it, so must this worker
    file: 'invalid-epc-bad-iban.pdf', vendor: ['Druckerei Schmidt OHG', 'Lindenweg 3', '04109 Leipzig'], number: 'RE-8812', date: '2026-04-01',
    lines: ['BCD', '002', '1', 'SCT', '', 'Druckerei Schmidt OHG', 'DE88370400440532013000', 'EUR150.00', '', '', 'RE-8812'],
    truth: { iban: null, payment_reference: null }, valid: false,
  },
];

async function makeEpc(c: EpcCase): Promise<void> {
  const payload = c.lines.join('\n');
  const bytes = c.charset === 'latin1' ? Buffer.from(payload, 'latin1') : Buffer.from(payload, 'utf8');
  const res = await writeBarcode(new Uint8Array(bytes), { format: 'QRCode', ecLevel: 'M', scale: 8 });
  if (!res.image) throw new Error(`QR writer: ${res.error}`);
  const png = Buffer.from(await res.image.arrayBuffer());
  const [y, m, d] = c.date.split('-');
  const amount = Number(c.lines[7].slice(3));
  const iban = c.lines[6].replace(/(.{4})/g, '$1 ').trim();
  const inv: Invoice = {
    vendor: c.vendor, title: 'Rechnung', number: `Rechnungsnummer: ${c.number}`, date: `Rechnungsdatum: ${d}.${m}.${y}`,
    lines: [['Lieferung und Leistung', fmtEur(amount)]], total: `Gesamtbetrag EUR ${fmtEur(amount)}`,
    extra: [`Bitte überweisen Sie den Betrag auf ${iban}`, 'Zahlen mit Code: scannen Sie den QR-Code mit Ihrer Banking-App'],
  };
  const pdf = await invoicePdf(inv, { png, x: 150, y: 20, w: 40, h: 40 });
  writeFileSync(path.join(OUT, c.file), pdf);
  writeTruth(c.file, { doc_type: 'invoice', invoice_number: c.number, date: c.date, ...c.truth, qr: [{ type: 'epc', valid: c.valid }] });
}

async function makeInvalidSwiss(): Promise<void> {
  // a QR-bill whose QR reference has a wrong check digit (…017 → …018): reported, never used
  const payload = ['SPC', '0200', '1', 'CH4431999123000889012', 'S', 'Garage Meier AG', 'Industriestrasse', '8', '6300', 'Zug', 'CH', '', '', '', '', '', '', '',
    '735.00', 'CHF', '', '', '', '', '', '', '', 'QRR', '210000000003139471430009018', '', 'EPD'].join('\n');
  const png = await qrPng(payload);
  const inv: Invoice = {
    vendor: ['Garage Meier AG', 'Industriestrasse 8', 'CH-6300 Zug'], title: 'Rechnung', number: 'Rechnungsnummer: 2026-311', date: 'Datum: 14.04.2026',
    lines: [['Service und Reifenwechsel', "735.00"]], total: 'Total CHF 735.00', extra: ['Zahlteil: siehe QR-Code'],
  };
  const file = 'invalid-swiss-bad-qrr.pdf';
  writeFileSync(path.join(OUT, file), await invoicePdf(inv, { png, x: 67, y: 17, w: 46, h: 46 }));
  writeTruth(file, { doc_type: 'invoice', iban: null, payment_reference: null, qr: [{ type: 'swiss', valid: false }] });
}

async function makeSat(): Promise<void> {
  // the SAT code of the CFDI 3.3 sample of the e-invoice corpus (fixtures/documents/cfdi/cfdiutils__cfdi33-valid.xml)
  const xml = readFileSync(fromRoot('fixtures', 'documents', 'cfdi', 'cfdiutils__cfdi33-valid.xml'), 'utf8');
  const attr = (el: string, name: string) => new RegExp(`<${el}\\b[^>]*\\s${name}="([^"]*)"`).exec(xml)?.[1] ?? '';
  const uuid = attr('tfd:TimbreFiscalDigital', 'UUID');
  const re = attr('cfdi:Emisor', 'Rfc');
  const rr = attr('cfdi:Receptor', 'Rfc');
  const total = attr('cfdi:Comprobante', 'Total');
  const sello = attr('cfdi:Comprobante', 'Sello');
  if (!uuid || !re || !rr || !total) throw new Error('CFDI sample lacks UUID/RFC/total');
  const payload = `https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx?id=${uuid}&re=${re}&rr=${rr}&tt=${total}&fe=${sello.slice(-8)}`;
  const png = await qrPng(payload);
  const inv: Invoice = {
    vendor: [attr('cfdi:Emisor', 'Nombre'), `RFC: ${re}`, 'Lugar de expedicion 01000'], title: 'Factura', number: `Folio fiscal: ${uuid}`,
    date: `Fecha: ${attr('cfdi:Comprobante', 'Fecha').slice(0, 10)}`, lines: [['Conceptos segun CFDI', total]], total: `Total MXN ${total}`,
    extra: ['Este documento es una representacion impresa de un CFDI', 'Sello digital del CFDI: ...'],
  };
  const file = 'cfdi-sat-gen-01.pdf';
  writeFileSync(path.join(OUT, file), await invoicePdf(inv, { png, x: 20, y: 20, w: 35, h: 35 }));
  writeTruth(file, { doc_type: 'invoice', vendor_vat: re, amount_total: Number(total), qr: [{ type: 'sat', valid: true }] });
}

function writeTruth(file: string, truth: Truth | Record<string, unknown>): void {
  writeFileSync(path.join(OUT, `${file}.truth.json`), `${JSON.stringify({ source: 'generated by scripts/make-qr-fixtures.ts', ...truth }, null, 1)}\n`);
}

/** A phone photo of the page: 150 dpi, turned a little, slightly out of focus, JPEG quality 60. */
async function photo(file: string, index: number): Promise<void> {
  const src = path.join(OUT, file);
  let page: Buffer;
  if (file.endsWith('.pdf')) {
    const pdf = await openPdf(readFileSync(src));
    try {
      page = (await pdf.render(1, 150, 20_000_000)).png;
    } finally {
      await pdf.close();
    }
  } else {
    page = await sharp(readFileSync(src)).flatten({ background: '#ffffff' }).png().toBuffer();
  }
  const angles = [2.5, -3, 1.5, -4, 3.5, -2, 4, -1.5];
  const sigmas = [0.8, 1.0, 0.7, 1.2, 0.9, 1.1];
  const jpg = await sharp(page)
    .rotate(angles[index % angles.length], { background: '#f2efe8' })
    .blur(sigmas[index % sigmas.length])
    .jpeg({ quality: 60 })
    .toBuffer();
  const name = `${file.replace(/\.(pdf|png)$/, '')}.photo.jpg`;
  writeFileSync(path.join(PHOTOS, name), jpg);
  const truth = JSON.parse(readFileSync(`${src}.truth.json`, 'utf8')) as Record<string, unknown>;
  writeFileSync(path.join(PHOTOS, `${name}.truth.json`), `${JSON.stringify({ ...truth, source: `${String(truth.source)}; photo rendering of ${file} by scripts/make-qr-fixtures.ts` }, null, 1)}\n`);
}

async function main(): Promise<void> {
  if (!process.argv.includes('--real-only-photos')) {
    for (const c of swissCases) await makeSwiss(c);
    for (const c of epcCases) await makeEpc(c);
    await makeInvalidSwiss();
    await makeSat();
  }
  const docs = readdirSync(OUT).filter((f) => /\.(pdf|png)$/.test(f) && existsSync(path.join(OUT, `${f}.truth.json`))).sort();
  for (const [i, f] of docs.entries()) await photo(f, i);
  console.log(`${docs.length} documents and their photo renderings in ${OUT}`);
}

await main();
