import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeXmlBytes } from '../../../src/pipeline/einvoice/encoding.js';
import { detectXmlKind, parseEInvoice } from '../../../src/pipeline/einvoice/index.js';

const cfdi40 = (attrs: string, taxes = '<cfdi:Impuestos TotalImpuestosTrasladados="160.00" TotalImpuestosRetenidos="10.00"/>') => `<?xml version="1.0" encoding="UTF-8"?>
<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Version="4.0" ${attrs} Fecha="2024-03-09T10:11:12" LugarExpedicion="01000" Exportacion="01">
  <cfdi:Emisor Rfc="AAA010101AAA" Nombre="PROVEEDORA   DEL NORTE" RegimenFiscal="601"/>
  <cfdi:Receptor Rfc="XAXX010101000" Nombre="PUBLICO EN GENERAL" UsoCFDI="S01"/>
  <cfdi:Conceptos>
    <cfdi:Concepto ClaveProdServ="01010101" Cantidad="2" ClaveUnidad="H87" Descripcion="Servicio" ValorUnitario="500.00" Importe="1000.00" ObjetoImp="02">
      <cfdi:Impuestos><cfdi:Traslados>
        <cfdi:Traslado Base="1000.00" Impuesto="003" TipoFactor="Tasa" TasaOCuota="0.080000" Importe="80.00"/>
        <cfdi:Traslado Base="1000.00" Impuesto="002" TipoFactor="Tasa" TasaOCuota="0.160000" Importe="160.00"/>
      </cfdi:Traslados></cfdi:Impuestos>
    </cfdi:Concepto>
  </cfdi:Conceptos>
  ${taxes}
</cfdi:Comprobante>`;

describe('CFDI', () => {
  test('4.0 invoice: number is Serie + Folio, untaxed and tax from the summary when they add up', () => {
    const xml = cfdi40('Serie="FA" Folio="00123" SubTotal="1000.00" Descuento="50.00" Moneda="MXN" Total="1100.00" TipoDeComprobante="I"');
    assert.equal(detectXmlKind(xml), 'cfdi');
    const r = parseEInvoice(xml, 'file')!;
    assert.equal(r.source, 'einvoice:cfdi');
    assert.equal(r.language, 'es');
    const values = Object.fromEntries(Object.entries(r.fields).map(([k, f]) => [k, f.value]));
    assert.deepEqual(values, {
      doc_type: 'invoice', vendor_name: 'PROVEEDORA DEL NORTE', vendor_vat: 'AAA010101AAA', invoice_number: 'FA00123',
      date: '2024-03-09', due_date: null, currency: 'MXN', amount_total: 1100, amount_untaxed: 950, amount_tax: 150,
      po_number: null,
    });
    assert.deepEqual(r.lines, [{ description: 'Servicio', quantity: 2, unit_price: 500, amount: 1000, tax_rate: 16 }]);
  });

  test('when local taxes make the parts disagree with the total, untaxed and tax stay null', () => {
    const r = parseEInvoice(cfdi40('Folio="9" SubTotal="1000.00" Moneda="MXN" Total="1180.00" TipoDeComprobante="E"'), 'file')!;
    assert.equal(r.fields.doc_type.value, 'credit_note');
    assert.equal(r.fields.invoice_number.value, '9');
    assert.equal(r.fields.amount_total.value, 1180);
    assert.deepEqual(r.fields.amount_untaxed, { value: null, confidence: 0 });
    assert.deepEqual(r.fields.amount_tax, { value: null, confidence: 0 });
  });

  test('a payment receipt (P, currency XXX) is "other" with no currency and no tax split', () => {
    const r = parseEInvoice(cfdi40('SubTotal="0" Moneda="XXX" Total="0" TipoDeComprobante="P"', ''), 'file')!;
    assert.equal(r.fields.doc_type.value, 'other');
    assert.equal(r.fields.currency.value, null);
    assert.equal(r.fields.amount_total.value, 0);
    assert.equal(r.fields.amount_untaxed.value, null);
    assert.equal(r.fields.invoice_number.value, null);
  });

  test('3.2: lower-camel attributes, word document types, free-text currency, ISO-8859-1', () => {
    const xml = `<?xml version="1.0" encoding="ISO-8859-1"?>
<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/3" version="3.2" serie="B" folio="77" fecha="2016-11-30T09:00:00"
  tipoDeComprobante="traslado" formaDePago="PAGO EN UNA SOLA EXHIBICION" subTotal="100.00" total="116.00" Moneda="Pesos" metodoDePago="01" LugarExpedicion="México">
  <cfdi:Emisor rfc="BBB020202BBB" nombre="Comercializadora Peñasco"/>
  <cfdi:Receptor rfc="XAXX010101000"/>
  <cfdi:Conceptos><cfdi:Concepto cantidad="1" unidad="pieza" descripcion="Artículo" valorUnitario="100.00" importe="100.00"/></cfdi:Conceptos>
  <cfdi:Impuestos totalImpuestosTrasladados="16.00"><cfdi:Traslados><cfdi:Traslado impuesto="IVA" tasa="16.00" importe="16.00"/></cfdi:Traslados></cfdi:Impuestos>
</cfdi:Comprobante>`;
    const r = parseEInvoice(decodeXmlBytes(Buffer.from(xml, 'latin1')), 'file')!;
    assert.equal(r.fields.doc_type.value, 'delivery_note');
    assert.equal(r.fields.invoice_number.value, 'B77');
    assert.equal(r.fields.vendor_name.value, 'Comercializadora Peñasco');
    assert.equal(r.fields.currency.value, 'MXN');
    assert.equal(r.fields.amount_untaxed.value, 100);
    assert.equal(r.fields.amount_tax.value, 16);
    assert.deepEqual(r.lines, [{ description: 'Artículo', quantity: 1, unit_price: 100, amount: 100, tax_rate: null }]);
  });

  test('a Comprobante outside the SAT namespace is not a CFDI', () => {
    assert.equal(parseEInvoice('<Comprobante xmlns="urn:other"/>', 'file'), null);
  });

  test('a CFDI without Emisor is CORRUPT_FILE', () => {
    assert.throws(() => parseEInvoice('<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Total="1"/>', 'file'), { code: 'CORRUPT_FILE' });
  });
});
