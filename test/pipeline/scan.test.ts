import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { validateScanResult } from '../../src/contract-schema.js';
import { createScanner, type Scanner } from '../../src/pipeline/scan.js';

// The whole pipeline through createScanner: every result, good or bad, must satisfy the published schema.
const fixture = (p: string) => fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url));
let scanner: Scanner;
before(async () => {
  scanner = await createScanner({ ocrWorkers: 2 });
});
after(() => scanner.close());

function assertValid(result: unknown) {
  const { ok, errors } = validateScanResult(result);
  assert.ok(ok, `schema: ${errors.join('; ')}`);
}

test('a scanned receipt: source ocr, text, fields, schema-valid', async () => {
  const result = await scanner.scanFile(fixture('documents/sroie/sroie-000.jpg'), 'receipt.jpg');
  assertValid(result);
  assert.equal(result.file, 'receipt.jpg');
  assert.equal(result.source, 'ocr');
  assert.equal(result.pages, 1);
  assert.match(result.text ?? '', /TAMAN DAYA/);
  assert.equal(result.sha256, '' + JSON.parse(readFileSync(fixture('documents/manifest.json'), 'utf8')).find((d: { file: string }) => d.file === 'sroie/sroie-000.jpg').sha256);
  assert.ok(result.timings_ms.total > 0 && result.timings_ms.ocr! > 0);
});

test('a Factur-X PDF reads its XML; --no-embedded reads the visible page instead', async () => {
  const file = fixture('documents/facturx/XML-Rechnung__FX__EN16931_Einfach.pdf');
  const embedded = await scanner.scanFile(file);
  assertValid(embedded);
  assert.equal(embedded.source, 'einvoice:facturx');
  assert.equal(embedded.fields?.amount_total.value, 529.87);
  assert.equal(embedded.fields?.amount_total.raw_confidence, 1, 'read exactly from the XML');
  assert.ok((embedded.fields?.amount_total.confidence ?? 0) >= 0.96, 'calibrated: e-invoice totals are right');
  assert.equal(embedded.fields?.amount_total.write, true);
  assert.match(embedded.text ?? '', /Rechnung/, 'text is the PDF page text, not the XML');

  const visualScanner = await createScanner({ noEmbedded: true, ocrWorkers: 1 });
  const visual = await visualScanner.scanFile(file).finally(() => visualScanner.close());
  assertValid(visual);
  assert.equal(visual.source, 'pdf-text');
  assert.ok((visual.fields?.amount_total.confidence ?? 1) < 1, 'the visual path never claims certainty');
});

test('mixed PDF is "mixed"; standalone XML is read exactly', async () => {
  const mixed = await scanner.scanFile(fixture('engine/mixed-text-and-scan.pdf'));
  assertValid(mixed);
  assert.equal(mixed.source, 'mixed');
  assert.equal(mixed.pages, 2);
  const ubl = await scanner.scanFile(fixture('documents/ubl/en16931__ubl-tc434-example9.xml'));
  assertValid(ubl);
  assert.equal(ubl.source, 'einvoice:ubl');
});

test('bad files give one schema-valid error result each, and the others still go through', async () => {
  const files = ['engine/encrypted.pdf', 'engine/truncated.pdf', 'engine/random.bin', 'engine/empty.pdf', 'engine/huge-81mp.png', 'does/not/exist.pdf', 'engine/receipt.webp'];
  const results = await Promise.all(files.map((f) => scanner.scanFile(fixture(f), f)));
  for (const r of results) assertValid(r);
  assert.deepEqual(results.map((r) => r.error?.code ?? 'ok'), ['ENCRYPTED_PDF', 'CORRUPT_FILE', 'UNSUPPORTED_TYPE', 'EMPTY_FILE', 'TOO_MANY_PIXELS', 'NOT_FOUND', 'ok']);
  assert.ok(results.slice(0, 6).every((r) => r.fields === undefined));
  assert.equal(results[0].sha256?.length, 64, 'a readable-but-refused file still has its hash');
});

test('a file over the size limit is refused before it is read', async () => {
  const small = await createScanner({ limits: { maxBytes: 10_000 }, ocrWorkers: 1 });
  try {
    const result = await small.scanFile(fixture('engine/receipt.png'));
    assertValid(result);
    assert.equal(result.error?.code, 'TOO_LARGE');
    assert.equal(result.sha256, null);
  } finally {
    await small.close();
  }
});

test('a document\'s date is judged against the scanner\'s `now` (benchmarks fix it), not always the clock', async () => {
  const file = fixture('documents/facturx/XML-Rechnung__FX__EN16931_Einfach.pdf');
  const at = async (now: Date) => {
    const s = await createScanner({ noEmbedded: true, ocrWorkers: 1, ocrEngine: 'tesseract', imageLook: false, now });
    try {
      return (await s.scanFile(file)).fields?.date;
    } finally {
      await s.close();
    }
  };
  const read = await at(new Date());
  assert.ok(read?.value, 'the visible page prints a date');
  const day = Date.parse(`${read.value}T00:00:00Z`);
  const soon = await at(new Date(day + 30 * 86_400_000));
  const decadesLater = await at(new Date(day + 30 * 365 * 86_400_000));
  assert.ok(!soon?.evidence?.includes('date-implausible'), 'a month after its date: plausible');
  assert.ok(decadesLater?.evidence?.includes('date-implausible'), 'thirty years after its date: implausible');
});

test("a credit note printed with negative amounts: the result gives the credit's size, lines included (src/pipeline/credit-note-sign.ts)", async () => {
  const result = await scanner.scanFile(fixture('documents/invoices6-text/acme_ltd_credit_note_1234567890.pdf'), 'credit-note.pdf');
  assertValid(result);
  const f = result.fields!;
  assert.equal(f.doc_type.value, 'credit_note');
  assert.deepEqual([f.amount_total.value, f.amount_untaxed.value, f.amount_tax.value], [24918.42, 24876.25, 42.17]);
  assert.ok((result.lines ?? []).every((l) => l.amount === null || l.amount >= 0), 'lines as the credit, not as charges');
});
