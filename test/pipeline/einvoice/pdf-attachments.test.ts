import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { AFRelationship, PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { findPdfXmlAttachments } from '../../../src/pipeline/einvoice/pdf-attachments.js';
import { parseEInvoice } from '../../../src/pipeline/einvoice/index.js';
import { CORPUS } from './corpus.js';

const CII = `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
  xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100">
  <rsm:ExchangedDocument><ram:ID>PDF-1</ram:ID><ram:TypeCode>380</ram:TypeCode></rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction/>
</rsm:CrossIndustryInvoice>`;
const UBL = `<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:ID>U-1</cbc:ID></Invoice>`;

interface Attachment { name: string; content: string | Uint8Array; mimeType?: string }

async function pdfWith(attachments: Attachment[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  for (const a of attachments) {
    await doc.attach(typeof a.content === 'string' ? Buffer.from(a.content) : a.content, a.name, {
      mimeType: a.mimeType ?? 'text/xml',
      afRelationship: AFRelationship.Alternative,
    });
  }
  return doc.save();
}

/** Rewrites a PDF so its attachments hang off the catalog's /AF only, or off a name tree with /Kids. */
async function restructure(pdf: Uint8Array, layout: 'af-only' | 'kids' | 'cyclic-kids'): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf);
  const names = doc.catalog.lookup(PDFName.of('Names'), PDFDict);
  const embedded = names.lookup(PDFName.of('EmbeddedFiles'), PDFDict);
  const pairs = embedded.lookup(PDFName.of('Names'), PDFArray);
  if (layout === 'af-only') {
    const af = doc.context.obj([]);
    for (let i = 1; i < pairs.size(); i += 2) af.push(pairs.get(i));
    doc.catalog.set(PDFName.of('AF'), af);
    doc.catalog.delete(PDFName.of('Names'));
  } else {
    const leaf = doc.context.register(doc.context.obj({ Names: pairs }));
    const middleDict = doc.context.obj({ Kids: [leaf] });
    const middle = doc.context.register(middleDict);
    // A hostile file: the node lists itself among its kids, many times over.
    if (layout === 'cyclic-kids') middleDict.set(PDFName.of('Kids'), doc.context.obj([leaf, ...Array(50).fill(middle)]));
    names.set(PDFName.of('EmbeddedFiles'), doc.context.obj({ Kids: [middle] }));
  }
  return doc.save();
}

describe('findPdfXmlAttachments', () => {
  test('a PDF without attachments gives []', async () => {
    assert.deepEqual(await findPdfXmlAttachments(await pdfWith([])), []);
  });

  test('finds the e-invoice by its prescribed name, then other invoice XML; skips everything else', async () => {
    const pdf = await pdfWith([
      { name: 'logo.png', content: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), mimeType: 'image/png' },
      { name: 'notes.xml', content: '<notes><n>not an invoice</n></notes>' },
      { name: 'copy-of-invoice.xml', content: UBL },
      { name: 'ZUGFeRD-invoice.xml', content: CII },
    ]);
    const found = await findPdfXmlAttachments(pdf);
    assert.deepEqual(found.map((f) => f.name), ['ZUGFeRD-invoice.xml', 'copy-of-invoice.xml']);
    assert.equal(found[0].origin, 'pdf-attachment');
    assert.equal(parseEInvoice(found[0].xml, found[0].origin)!.fields.invoice_number.value, 'PDF-1');
    assert.equal(parseEInvoice(found[0].xml, found[0].origin)!.source, 'einvoice:facturx');
  });

  test('an attachment listed only in the catalog /AF array is found', async () => {
    const pdf = await restructure(await pdfWith([{ name: 'factur-x.xml', content: CII }]), 'af-only');
    const found = await findPdfXmlAttachments(pdf);
    assert.deepEqual(found.map((f) => f.name), ['factur-x.xml']);
  });

  test('a name tree split into /Kids is walked', async () => {
    const pdf = await restructure(await pdfWith([{ name: 'xrechnung.xml', content: UBL }]), 'kids');
    assert.deepEqual((await findPdfXmlAttachments(pdf)).map((f) => f.name), ['xrechnung.xml']);
  });

  test('a name tree whose kids loop back on themselves terminates', async () => {
    const pdf = await restructure(await pdfWith([{ name: 'factur-x.xml', content: CII }]), 'cyclic-kids');
    assert.deepEqual((await findPdfXmlAttachments(pdf)).map((f) => f.name), ['factur-x.xml']);
  });

  test('an ISO-8859-1 attachment is decoded by its declaration', async () => {
    const latin1 = Buffer.from(CII.replace('UTF-8', 'ISO-8859-1').replace('PDF-1', 'Nº-1'), 'latin1');
    const [found] = await findPdfXmlAttachments(await pdfWith([{ name: 'factur-x.xml', content: latin1 }]));
    assert.match(found.xml, /Nº-1/);
  });

  test('a PDF with a damaged object pdf-lib refuses is still searched (pdfjs repairs it)', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    await doc.attach(Buffer.from(CII), 'factur-x.xml', { mimeType: 'text/xml' });
    const bytes = Buffer.from(await doc.save({ useObjectStreams: false }));
    const xref = bytes.indexOf('xref');
    const damaged = Buffer.concat([bytes.subarray(0, xref), Buffer.from('99 0 obj\n<< /A ) >>\nendobj\n'), bytes.subarray(xref)]);
    await assert.rejects(PDFDocument.load(damaged, { throwOnInvalidObject: true })); // the premise: pdf-lib gives up
    const found = await findPdfXmlAttachments(damaged);
    assert.deepEqual(found.map((f) => f.name), ['factur-x.xml']);
    assert.equal(found[0].xml, CII);
  });

  test('corrupt, truncated and encrypted PDFs give [] without throwing', async () => {
    assert.deepEqual(await findPdfXmlAttachments(new Uint8Array(0)), []);
    assert.deepEqual(await findPdfXmlAttachments(Buffer.from('%PDF-1.7\n garbage garbage')), []);

    const real = await readFile(path.join(CORPUS, 'facturx/XML-Rechnung__FX__EN16931_Einfach.pdf'));
    const truncated = await findPdfXmlAttachments(real.subarray(0, Math.floor(real.length / 3)));
    assert.ok(Array.isArray(truncated));

    const doc = await PDFDocument.create();
    doc.addPage();
    await doc.attach(Buffer.from(CII), 'factur-x.xml', { mimeType: 'text/xml' });
    doc.context.trailerInfo.Encrypt = doc.context.obj({ Filter: 'Standard', V: 1, R: 2, O: 'x', U: 'y', P: -4 });
    assert.deepEqual(await findPdfXmlAttachments(await doc.save()), []);
  });
});
