// How well the vendor's address is read from the page: PDFs that carry an e-invoice are scanned twice, once with the
// embedded XML (its seller address is the truth) and once from the pages only (--no-embedded, the visual path).
// Prints, over the PDFs whose XML gives an address, how often the page reading found one and how often its postcode,
// city and street agree with the XML (compared letters and digits only, case-insensitive).
//   node --import tsx bench/vendor-address.ts DIR [--split holdout|tune|all] [--ocr-cache DIR]
import { selectDocuments } from './accuracy.js';
import type { Split } from './corpus.js';
import type { VendorAddress } from '../src/contract.js';
import { createScanner } from '../src/pipeline/scan.js';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--split' && args[args.indexOf(a) - 1] !== '--ocr-cache');
const valueOf = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
if (!dir) {
  console.error('usage: bench/vendor-address.ts DIR [--split holdout|tune|all] [--ocr-cache DIR]');
  process.exit(2);
}
const split = (valueOf('--split') ?? 'holdout') as Split | 'all';
const ocrCacheDir = valueOf('--ocr-cache');

const same = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '') === b.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

const { docs } = await selectDocuments(dir, split);
const pdfs = docs.filter((d) => d.file.toLowerCase().endsWith('.pdf'));
const withXml = await createScanner({ ocrCacheDir });
const pagesOnly = await createScanner({ noEmbedded: true, ocrCacheDir });
const counts = { documents: 0, found: 0, zip: 0, city: 0, street: 0, country: 0, wrongZip: 0 };
for (const doc of pdfs) {
  const embedded = await withXml.scanFile(doc.file);
  const truth = embedded.source?.startsWith('einvoice:') ? embedded.vendor_address : undefined;
  if (!truth) continue;
  const read: VendorAddress | undefined = (await pagesOnly.scanFile(doc.file)).vendor_address;
  counts.documents++;
  if (!read) continue;
  counts.found++;
  if (same(read.zip, truth.zip)) counts.zip++;
  else if (read.zip) counts.wrongZip++;
  if (same(read.city, truth.city)) counts.city++;
  if (same(read.street, truth.street)) counts.street++;
  if (read.country && read.country === truth.country) counts.country++;
  if (args.includes('--verbose')) console.log(doc.rel, JSON.stringify(truth), JSON.stringify(read));
}
await withXml.close();
await pagesOnly.close();
const pct = (n: number) => `${n}/${counts.documents} (${counts.documents ? Math.round((100 * n) / counts.documents) : 0} %)`;
console.log(`split ${split}: ${counts.documents} PDFs whose e-invoice gives the seller's address`);
console.log(`  address found on the page  ${pct(counts.found)}`);
console.log(`  postcode right             ${pct(counts.zip)}   (a wrong postcode: ${counts.wrongZip})`);
console.log(`  city right                 ${pct(counts.city)}`);
console.log(`  street right               ${pct(counts.street)}`);
console.log(`  country right              ${pct(counts.country)}`);
