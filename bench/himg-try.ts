import { createScanner } from '../src/pipeline/scan.js';
const files = process.argv.slice(2);
const s = await createScanner({ ocrCacheDir: '/work/corpus/ocr-cache', explain: true });
for (const f of files) {
  const r = await s.scanFile(f);
  const v = r.fields?.vendor_name, t = r.fields?.vendor_vat;
  console.log(f.split('/').pop(), JSON.stringify({ name: v?.value, nc: v?.confidence, ns: v?.source, vat: t?.value, vs: t?.source, look: r.timings_ms?.image_look, why: r.explain?.fields.vendor_name?.winner?.why }));
}
await s.close();
