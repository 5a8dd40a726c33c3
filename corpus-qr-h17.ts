import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { openPdf } from './src/pipeline/pdf.ts';
import { decodeQrCodes } from './src/pipeline/qr/zxing.ts';
import { parsePaymentCodes } from './src/pipeline/qr/parse.ts';
const root = '/work/wt/h17/fixtures/documents';
for (const dir of readdirSync(root)) {
  if (dir === 'qr' || !statSync(path.join(root, dir)).isDirectory()) continue;
  for (const f of readdirSync(path.join(root, dir))) {
    const p = path.join(root, dir, f);
    const raws: { page: number; text: string; bytes: Uint8Array }[] = [];
    if (f.endsWith('.pdf')) {
      const pdf = await openPdf(readFileSync(p));
      for (let n = 1; n <= Math.min(pdf.pageCount, 5); n++) for (const c of await decodeQrCodes((await pdf.render(n, 200, 12e6)).png)) raws.push({ page: n, ...c });
      await pdf.close();
    } else if (/\.(jpe?g|png|tif|webp)$/i.test(f)) {
      for (const c of await decodeQrCodes(readFileSync(p))) raws.push({ page: 1, ...c });
    } else continue;
    if (raws.length) console.log(dir, f, raws.length, JSON.stringify(parsePaymentCodes(raws).map((c) => [c.type, c.valid, c.problems])), JSON.stringify(raws.map(r => r.text.slice(0, 40))));
  }
}
console.log('done');
