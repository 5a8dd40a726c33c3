import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FIELD_NAMES } from '../../../src/contract.js';
import { detectXmlKind, EInvoiceError, parseEInvoice } from '../../../src/pipeline/einvoice/index.js';

const ubl = (root: string) =>
  `<${root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:${root}-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:ID>1</cbc:ID></${root}>`;

describe('detectXmlKind', () => {
  test('recognises each format by its root element', () => {
    assert.equal(detectXmlKind('<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"/>'), 'cii');
    assert.equal(detectXmlKind('<CrossIndustryInvoice xmlns="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"/>'), 'cii');
    assert.equal(detectXmlKind('<rsm:CrossIndustryDocument xmlns:rsm="urn:ferd:CrossIndustryDocument:invoice:1p0"/>'), 'zugferd1');
    for (const root of ['Invoice', 'CreditNote', 'Order', 'Quotation', 'RequestForQuotation']) {
      assert.equal(detectXmlKind(ubl(root)), 'ubl', root);
    }
    assert.equal(detectXmlKind('<ns2:FatturaElettronica xmlns:ns2="http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2"/>'), 'fatturapa');
    assert.equal(detectXmlKind('<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/3"/>'), 'cfdi');
  });

  test('ignores what precedes the root: BOM, declaration, comments', () => {
    assert.equal(detectXmlKind(`\uFEFF<?xml version="1.0" encoding="ISO-8859-1"?>\n<!-- <Invoice> -->\n${ubl('CreditNote')}`), 'ubl');
  });

  test('returns null for other XML and for non-XML', () => {
    for (const text of ['<html><body/></html>', '<notes/>', ubl('ReceiptAdvice'), 'Invoice 123', '', '%PDF-1.7']) {
      assert.equal(detectXmlKind(text), null, text);
    }
  });

  test('a UBL DespatchAdvice (delivery note) is read as UBL', () => {
    assert.equal(detectXmlKind(ubl('DespatchAdvice')), 'ubl');
  });
});

describe('parseEInvoice', () => {
  test('returns null for XML that is not an e-invoice, even malformed', () => {
    assert.equal(parseEInvoice('<html><body>', 'file'), null);
  });

  test('every contract field is present; read values have confidence 1, absent ones null/0', () => {
    const r = parseEInvoice(ubl('Invoice'), 'file')!;
    assert.deepEqual(Object.keys(r.fields).sort(), [...FIELD_NAMES].sort());
    for (const name of FIELD_NAMES) {
      const f = r.fields[name];
      assert.equal(f.confidence, f.value === null ? 0 : 1, name);
    }
    assert.equal(r.fields.invoice_number.value, '1');
    assert.deepEqual(r.fields.amount_total, { value: null, confidence: 0 });
  });

  test('the source follows the format and the origin', () => {
    const cii = '<rsm:CrossIndustryInvoice xmlns:rsm="urn:x" xmlns:ram="urn:y"><rsm:ExchangedDocument><ram:ID>9</ram:ID></rsm:ExchangedDocument><rsm:SupplyChainTradeTransaction/></rsm:CrossIndustryInvoice>';
    assert.equal(parseEInvoice(cii, 'pdf-attachment')!.source, 'einvoice:facturx');
    assert.equal(parseEInvoice(cii, 'file')!.source, 'einvoice:cii');
    assert.equal(parseEInvoice(cii, 'p7m')!.source, 'einvoice:cii');
    assert.equal(parseEInvoice(ubl('Invoice'), 'pdf-attachment')!.source, 'einvoice:ubl'); // XRechnung UBL inside a PDF
  });

  test('a known kind that is malformed throws EInvoiceError with CORRUPT_FILE', () => {
    const truncated = ubl('Invoice').slice(0, -12);
    assert.throws(() => parseEInvoice(truncated, 'file'), (e: unknown) => e instanceof EInvoiceError && e.code === 'CORRUPT_FILE');
  });
});
