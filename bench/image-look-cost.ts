// What the letterhead look (src/pipeline/extract/image-issuer.ts, IMAGE_LOOK) costs: the text-layer PDFs of a split
// are scanned once with the shipped settings and no OCR cache; per document the look's own time (rendering page 1,
// masking its text, OCR of the top band when ink is left: timings_ms.image_look) is what the look adds, and a
// document without that timing did not trigger it. Also prints how many documents took a vendor name or VAT id from
// the image, and the load average before and after (the machine is shared: say it when quoting the seconds).
//   node --import tsx bench/image-look-cost.ts DIR [--split tune|holdout|all] [--only folder,folder]
// (--only: the folders to read, e.g. those of text-layer bills: a scanned PDF elsewhere would be OCRed in full)
import os from 'node:os';
import path from 'node:path';
import { createScanner } from '../src/pipeline/scan.js';
import { selectDocuments } from './accuracy.js';
import type { Split } from './corpus.js';

const args = process.argv.slice(2);
const valueOf = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const dir = path.resolve(args.find((a, i) => !a.startsWith('--') && !['--split', '--only'].includes(args[i - 1])) ?? 'fixtures/documents');
const split = (valueOf('--split') ?? 'holdout') as Split | 'all';
const only = valueOf('--only')?.split(',');
const { docs } = await selectDocuments(dir, split);
const pdfs = docs.filter((d) => d.file.toLowerCase().endsWith('.pdf') && (!only || only.includes(d.rel.split(path.sep)[0])));
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
console.log(`load average before: ${load()} (${os.cpus().length} cores)`);
const scanner = await createScanner({ ocrWorkers: 1 });
const looks: { file: string; seconds: number; replaced: string[] }[] = [];
let textLayer = 0;
try {
  for (const d of pdfs) {
    const result = await scanner.scanFile(d.file);
    if (result.source !== 'pdf-text') continue; // scans, e-invoices: not the look's
    textLayer++;
    const ms = result.timings_ms.image_look;
    if (ms === undefined) continue;
    const replaced = (['vendor_name', 'vendor_vat'] as const).filter((n) => result.fields?.[n].source?.startsWith('image:'));
    looks.push({ file: d.rel, seconds: ms / 1000, replaced });
    console.log(`${d.rel}\t${(ms / 1000).toFixed(2)} s${replaced.length ? `\ttook ${replaced.join(', ')}` : ''}`);
  }
} finally {
  await scanner.close();
}
const sorted = looks.map((l) => l.seconds).sort((a, b) => a - b);
const median = sorted.length ? (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2 : 0;
console.log(`split ${split}: ${textLayer} text-layer PDFs, look triggered on ${looks.length}, median ${median.toFixed(2)} s added per triggering document` +
  ` (max ${(sorted.at(-1) ?? 0).toFixed(2)} s); vendor name from the image on ${looks.filter((l) => l.replaced.includes('vendor_name')).length},` +
  ` VAT id on ${looks.filter((l) => l.replaced.includes('vendor_vat')).length}`);
console.log(`load average after: ${load()}`);
