import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { emptyFields, type ScanResult } from '../../src/contract.js';
import { validateScanResult } from '../../src/contract-schema.js';
import { labelEnd } from '../../src/memory/anchors.js';
import { JsonFileStore, MemoryFileError, MemoryStore, VendorMemory, type Truth } from '../../src/memory/index.js';
import { createScanner, type Scanner } from '../../src/pipeline/scan.js';
import { acmeBill } from './acme-bill.js';

// The vendor memory on real documents through the real pipeline (text-layer PDFs read visually, --no-embedded),
// and on small built documents where a vendor's profile must lose trust.

const DOCS = new URL('../../fixtures/documents/facturx/', import.meta.url);
const EINFACH = path.join(DOCS.pathname, 'XML-Rechnung__FX__EN16931_Einfach.pdf');
const SAME_VENDOR = path.join(DOCS.pathname, 'XML-Rechnung__FX__EN16931_AbweichenderZahlungsempf.pdf');
const OTHER_VENDOR = path.join(DOCS.pathname, 'XML-Rechnung__FX__EN16931_Innergemeinschaftliche_Lieferungen.pdf');

let scanner: Scanner;
before(async () => {
  scanner = await createScanner({ noEmbedded: true, ocrWorkers: 1 });
});
after(async () => {
  await scanner.close();
});

async function truthOf(file: string): Promise<Truth> {
  const { source: _s, license: _l, language: _lang, ...truth } = JSON.parse(await readFile(`${file}.truth.json`, 'utf8')) as Record<string, unknown>;
  return truth as Truth;
}

test('the second bill of a vendor: matched by VAT, learned fields right and surer than the rules alone; other vendors and companies untouched', async () => {
  const memory = new VendorMemory(new MemoryStore());
  const plain = await scanner.scanFile(SAME_VENDOR);
  const learned = await scanner.scanFile(EINFACH, 'einfach.pdf', { memory: { memory, company: 'A', truth: await truthOf(EINFACH) } });
  assert.equal(learned.memory?.learned, true);
  assert.equal(learned.memory?.matched_by, null, 'nothing to match the first time');

  const second = await scanner.scanFile(SAME_VENDOR, 'second.pdf', { memory: { memory, company: 'A' } });
  assert.deepEqual(validateScanResult(second).errors, []);
  assert.equal(second.memory?.matched_by, 'vat');
  const truth = await truthOf(SAME_VENDOR);
  for (const name of ['invoice_number', 'date', 'amount_total', 'vendor_vat'] as const) {
    assert.equal(second.fields![name].value, truth[name], name);
    assert.ok(second.fields![name].confidence >= plain.fields![name].confidence, `${name} no less sure than without memory`);
  }
  // a text-layer value its learned anchor confirmed is written; a VAT id from the profile is held back (its cell was
  // wrong once in four on tune: sample vendors that share VAT ids)
  for (const name of ['invoice_number', 'date', 'amount_total'] as const) assert.equal(second.fields![name].write, true, `${name} written: ${second.fields![name].confidence}`);
  assert.equal(second.memory!.basis?.amount_total, 'confirm:amount:a2:1:hi:amount_total', 'the calibration cell is reported: anchors confirmed what the rules were sure of, in the two places the bill prints its total');
  for (const name of second.memory!.changed) {
    assert.equal(second.memory!.rules[name]?.confidence, plain.fields![name].confidence, `the rules' own reading of ${name} is reported`);
  }

  const otherCompany = await scanner.scanFile(SAME_VENDOR, 'b.pdf', { memory: { memory, company: 'B' } });
  assert.equal(otherCompany.memory?.matched_by, null, 'one company\'s profile never applies to another');
  assert.deepEqual(otherCompany.fields, plain.fields);

  const otherVendor = await scanner.scanFile(OTHER_VENDOR, 'c.pdf', { memory: { memory, company: 'A' } });
  const otherPlain = await scanner.scanFile(OTHER_VENDOR);
  assert.equal(otherVendor.memory?.matched_by, null);
  assert.deepEqual(otherVendor.fields, otherPlain.fields, 'a first document of another vendor is read as before');
});

test('a memory file keeps labels, positions and formats, never amounts, numbers or dates of the documents', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'memory-'));
  const file = path.join(dir, 'memory.json');
  const memory = new VendorMemory(await JsonFileStore.open(file));
  await scanner.scanFile(EINFACH, 'einfach.pdf', { memory: { memory, company: 'A', truth: await truthOf(EINFACH) } });
  // (the profile's own created/updated times are the memory's, not the document's: their milliseconds may read "473")
  const raw = (await readFile(file, 'utf8')).replace(/"(created|updated)":\s*"[^"]*"/g, '"$1": "<time>"');
  for (const secret of ['529.87', '529,87', '473', '56.87', '471102', '2018-03-05', '05.03.2018', 'Kunden']) assert.ok(!raw.includes(secret), `${secret} is not kept`);
  const saved = JSON.parse(raw) as { version: number; profiles: { partner: { name: string; vat: string }; fields: Record<string, { anchors: { label: string[] }[] }> }[] };
  assert.equal(saved.version, 1);
  assert.equal(saved.profiles[0]!.partner.vat, 'DE123456789');
  assert.ok(saved.profiles[0]!.fields.invoice_number!.anchors.some((a) => a.label.length > 0), 'the label beside the number is kept');

  const reopened = await JsonFileStore.open(file);
  assert.equal((await reopened.list('A')).length, 1);
  assert.equal((await reopened.list('B')).length, 0);
  await writeFile(file, '{"profiles": 3}');
  await assert.rejects(JsonFileStore.open(file), MemoryFileError);
  await writeFile(file, 'not json');
  await assert.rejects(JsonFileStore.open(file), /not JSON/);
});

test('a profile that keeps predicting wrong loses weight and stops overriding the rules', async () => {
  const memory = new VendorMemory(new MemoryStore());
  const call = { memory, company: 'A' };
  const rules = emptyFields();
  await memory.consult(acmeBill('RE-1001'), rules, { ...call, truth: { vendor_name: 'Acme Tools GmbH', invoice_number: 'RE-1001' } });
  const used = await memory.consult(acmeBill('RE-1002'), rules, call);
  assert.equal(used.info.matched_by, 'domain');
  assert.equal(used.fields.invoice_number.value, 'RE-1002', 'the number read where the label stood before');
  assert.equal(used.fields.vendor_name.value, 'Acme Tools GmbH');

  // the accountant keeps posting another reference (printed elsewhere): the anchor misses, the memory steps back
  for (const n of [3, 4, 5]) {
    await memory.consult(acmeBill(`RE-100${n}`, `Ref. AB-${n}${n}${n}`), rules, { ...call, truth: { vendor_name: 'Acme Tools GmbH', invoice_number: `AB-${n}${n}${n}` } });
  }
  const after = await memory.consult(acmeBill('RE-1009', 'Ref. AB-999'), rules, call);
  assert.notEqual(after.fields.invoice_number.value, 'RE-1009', 'the anchor that kept being wrong is no longer trusted');
  assert.equal(after.fields.invoice_number.value, 'AB-999', 'the place the kept value stood is learned instead');
});

test('scan results with a memory validate against the published schema', async () => {
  const memory = new VendorMemory(new MemoryStore());
  const r: ScanResult = await scanner.scanFile(OTHER_VENDOR, 'x.pdf', { memory: { memory, company: 'A' } });
  assert.deepEqual(validateScanResult(r).errors, []);
  assert.deepEqual(r.memory, { profile: null, matched_by: null, matched_profile: null, documents: 0, changed: [], rules: {}, basis: {}, declined: {}, learned: false });
  for (const by of ['number', 'name', 'fingerprint'] as const) assert.deepEqual(validateScanResult({ ...r, memory: { ...r.memory!, matched_by: by } }).errors, [], `matched_by ${by}`);
});

test('a learned label is found again with one OCR slip per word, never inside another word', () => {
  assert.equal(labelEnd('TOTAL  RM 12.50', ['total']), 5);
  assert.equal(labelEnd('TOTAI RM 12.50', ['total']), 5, 'one letter misread');
  assert.equal(labelEnd('Rechnungs-Nr.: 4711', ['rechnungs', 'nr']), 12);
  assert.equal(labelEnd('SUBTOTAL 12.50', ['total']), null, 'a longer word is another label');
  assert.equal(labelEnd('TAX 1.00', ['tax']), 3);
  assert.equal(labelEnd('TAB 1.00', ['tax']), null, 'short words must be exact');
});

test('addon store: a company\'s profiles are read once a minute, a saved one is seen at once, a forgotten one stays forgotten', async () => {
  const { OdooProfileStore } = await import('../../src/memory/odoo-store.js');
  const rows = new Map<number, Record<string, unknown>>();
  let reads = 0;
  let now = 0;
  const odoo = {
    async searchRead(_model: string, domain: unknown[][]) {
      const [field, , value] = domain[0] as [string, string, unknown];
      if (field === 'company_id') reads++;
      return [...rows.entries()].filter(([, r]) => r[field] === value).map(([id, r]) => ({ id, ...r }));
    },
    async write(_m: string, ids: number[], values: Record<string, unknown>) { rows.set(ids[0]!, { ...rows.get(ids[0]!), ...values }); return true; },
    async create(_m: string, values: Record<string, unknown>[]) { rows.set(rows.size + 1, values[0]!); return [rows.size]; },
  };
  const store = new OdooProfileStore(odoo as never, 60_000, () => now);
  const memory = new VendorMemory(store);
  const rules = emptyFields();
  const truth = { vendor_name: 'Acme Tools GmbH', invoice_number: 'RE-1001' };
  await memory.consult(acmeBill('RE-1001'), rules, { memory, company: '1', truth });
  assert.equal(rows.size, 1);
  assert.equal(rows.get(1)!.document_count, 1);
  await memory.consult(acmeBill('RE-1002'), rules, { memory, company: '1' });
  assert.equal(reads, 1, 'one read for two documents within a minute');
  rows.clear(); // Forget in Odoo
  await memory.consult(acmeBill('RE-1003'), rules, { memory, company: '1', truth: { ...truth, invoice_number: 'RE-1003' } });
  assert.equal(rows.size, 0, 'a profile forgotten in Odoo is not written back from the worker\'s copy');
  now += 61_000;
  assert.deepEqual(await store.list('2'), [], 'another company reads its own');
});
