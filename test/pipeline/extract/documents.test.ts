// End to end on real engine output (fixtures/extract/*.readdoc.json, produced from ../documents by the document
// engine) against the documents' ground truth.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractFields } from '../../../src/pipeline/extract/index.js';
import { loadReadDoc, loadTruth } from './helpers.js';

const near = (a: unknown, b: unknown): boolean => typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 0.01;
const alnum = (s: unknown): string => String(s).toUpperCase().replace(/[^A-Z0-9]/g, '');

async function check(name: string, fields: string[]): Promise<void> {
  const ex = await extractFields(loadReadDoc(name));
  const truth = loadTruth(name);
  for (const f of fields) {
    const got = (ex.fields as unknown as Record<string, { value: unknown }>)[f].value;
    const want = truth[f];
    const ok = typeof want === 'number' ? near(got, want) : f === 'vendor_name' ? String(got).toLowerCase().includes(String(want).toLowerCase().split(' ')[0]) : alnum(got) === alnum(want);
    assert.ok(ok, `${name} ${f}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
  for (const [k, v] of Object.entries(ex.fields)) {
    assert.ok(v.confidence >= 0 && v.confidence <= 1, `${k} confidence in [0,1]`);
    if (v.value === null) assert.equal(v.confidence, 0, `${k}: null has confidence 0`);
  }
}

const ALL = ['doc_type', 'vendor_name', 'invoice_number', 'date', 'currency', 'amount_total', 'amount_untaxed', 'amount_tax'];

test('ZUGFeRD sample (German, two pages, label/value columns)', async () => {
  await check('XML-Rechnung__FX__EN16931_Einfach.pdf', [...ALL, 'vendor_vat']);
});

test('Factur-X sample (French, prepayment and balance due)', async () => {
  await check('ZUGFeRDv2__correct__FNFE-factur-x-examples__Facture_DOM_BASICWL.pdf', [...ALL, 'vendor_vat', 'due_date', 'po_number']);
});

test('Odoo-generated invoice (English, dates under a header row)', async () => {
  await check('oca-edi__akretion_france-test.pdf', ['doc_type', 'vendor_name', 'vendor_vat', 'invoice_number', 'date', 'due_date', 'currency', 'amount_total', 'amount_untaxed']);
});

test('negative correction invoice and self-billing credit ("Gutschrift") typed as invoices', async () => {
  await check('XML-Rechnung__FX__EN16931_Rechnungskorrektur.pdf', [...ALL, 'po_number']);
  await check('XML-Rechnung__FX__EN16931_Innergemeinschaftliche_Lieferungen.pdf', [...ALL, 'vendor_vat', 'due_date']);
});

test('two-page German invoice with month-name date and grouped VAT id', async () => {
  await check('QualityHosting.pdf', ['doc_type', 'vendor_name', 'vendor_vat', 'invoice_number', 'date', 'currency', 'amount_total']);
});

test('OCR\'d receipts: type, date, total; cash/change/GST summary are not the total', async () => {
  for (const name of ['sroie-000.jpg', 'sroie-003.jpg', 'sroie-007.jpg', 'sroie-019.jpg']) {
    await check(name, ['doc_type', 'date', 'amount_total']);
  }
  const ex = await extractFields(loadReadDoc('sroie-000.jpg'));
  assert.equal(ex.fields.currency.value, 'MYR');
  assert.equal(ex.language, 'en');
});

test('an empty document yields empty fields and review reasons, not an exception', async () => {
  const doc = loadReadDoc('sroie-000.jpg');
  const ex = await extractFields({ ...doc, pages: [], text: '' });
  assert.equal(ex.fields.amount_total.value, null);
  assert.equal(ex.needs_review, true);
  assert.ok(ex.review_reasons.includes('no total'));
});

test('engine values that are not numbers (NaN confidence or boxes) do not leak into the result', async () => {
  const doc = loadReadDoc('sroie-000.jpg');
  for (const line of doc.pages[0].lines) {
    line.confidence = Number.NaN;
    line.bbox = { x0: Number.NaN, y0: line.bbox.y0, x1: line.bbox.x1, y1: line.bbox.y1 };
  }
  const ex = await extractFields(doc);
  for (const [k, v] of Object.entries(ex.fields)) assert.ok(Number.isFinite(v.confidence), `${k} confidence is a number`);
  assert.equal(ex.fields.amount_total.value, 9);
});

test('results validate against the published scan-result schema', async () => {
  const { readFileSync } = await import('node:fs');
  const { Ajv } = await import('ajv');
  const schema = JSON.parse(readFileSync(new URL('../../../schema/scan-result.schema.json', import.meta.url), 'utf8')) as object;
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  for (const name of ['XML-Rechnung__FX__EN16931_Einfach.pdf', 'QualityHosting.pdf', 'sroie-003.jpg']) {
    const doc = loadReadDoc(name);
    const ex = await extractFields(doc);
    const result = {
      file: name, sha256: doc.sha256, source: doc.pages[0].source, pages: doc.pageCount, language: ex.language,
      text: doc.text, fields: ex.fields, lines: ex.lines, needs_review: ex.needs_review, review_reasons: ex.review_reasons,
      timings_ms: { total: 1 },
    };
    assert.ok(validate(result), `${name}: ${JSON.stringify(validate.errors)}`);
    // `scan --explain` adds the candidates: still the published contract
    assert.ok(validate({ ...result, explain: ex.explain }), `${name} explained: ${JSON.stringify(validate.errors)}`);
  }
});

test('--explain shows the chosen candidate and the runner-up of each field, and the amounts\' cross-checks', async () => {
  const { formatResult } = await import('../../../src/cli/scan.js');
  const doc = loadReadDoc('QualityHosting.pdf');
  const ex = await extractFields(doc);
  const total = ex.explain.fields.amount_total;
  assert.equal(total?.winner?.value, ex.fields.amount_total.value);
  assert.ok(total?.winner?.why.length, 'the winner names the rules that scored it');
  assert.equal(ex.explain.fields.vendor_name?.winner?.value, ex.fields.vendor_name.value);
  assert.equal(typeof ex.explain.evidence.payable_after_prepaid, 'boolean');
  const shown = formatResult({
    file: 'x.pdf', sha256: null, source: 'pdf-text', pages: 1, text: '', fields: ex.fields, lines: [], needs_review: false,
    review_reasons: [], timings_ms: { total: 1 }, explain: ex.explain,
  }, false, true);
  assert.match(shown, /amount_total\s+\S+ score [\d.]+ \(/);
  assert.match(shown, /runner-up/);
  assert.match(shown, /evidence\s+adds up/);
});
