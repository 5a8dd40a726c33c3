import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeXmlBytes } from '../../../src/pipeline/einvoice/encoding.js';
import { detectXmlKind, parseEInvoice } from '../../../src/pipeline/einvoice/index.js';

const header = (anagrafica: string, idFiscale = '<IdFiscaleIVA><IdPaese>IT</IdPaese><IdCodice>01234567890</IdCodice></IdFiscaleIVA>') => `
  <FatturaElettronicaHeader>
    <DatiTrasmissione><IdTrasmittente><IdPaese>IT</IdPaese><IdCodice>99999999999</IdCodice></IdTrasmittente><ProgressivoInvio>1</ProgressivoInvio>
      <FormatoTrasmissione>FPR12</FormatoTrasmissione><CodiceDestinatario>0000000</CodiceDestinatario></DatiTrasmissione>
    <CedentePrestatore><DatiAnagrafici>${idFiscale}<CodiceFiscale>RSSMRA80A01H501U</CodiceFiscale>
      <Anagrafica>${anagrafica}</Anagrafica><RegimeFiscale>RF01</RegimeFiscale></DatiAnagrafici></CedentePrestatore>
    <CessionarioCommittente><DatiAnagrafici><CodiceFiscale>BNCLRA80A41F205X</CodiceFiscale>
      <Anagrafica><Denominazione>Cliente Srl</Denominazione></Anagrafica></DatiAnagrafici></CessionarioCommittente>
  </FatturaElettronicaHeader>`;

interface BodyOptions { tipo?: string; numero?: string; totale?: string; divisa?: string }

const body = (o: BodyOptions = {}) => `
  <FatturaElettronicaBody>
    <DatiGenerali>
      <DatiGeneraliDocumento><TipoDocumento>${o.tipo ?? 'TD01'}</TipoDocumento><Divisa>${o.divisa ?? 'EUR'}</Divisa><Data>2024-04-15</Data>
        <Numero>${o.numero ?? '2024/15'}</Numero>${o.totale === undefined ? '<ImportoTotaleDocumento>135.30</ImportoTotaleDocumento>' : o.totale}</DatiGeneraliDocumento>
      <DatiOrdineAcquisto><RiferimentoNumeroLinea>1</RiferimentoNumeroLinea><IdDocumento>ORD-3</IdDocumento></DatiOrdineAcquisto>
      <DatiOrdineAcquisto><IdDocumento>ORD-4</IdDocumento></DatiOrdineAcquisto>
    </DatiGenerali>
    <DatiBeniServizi>
      <DettaglioLinee><NumeroLinea>1</NumeroLinea><Descrizione>Consulenza   tecnica</Descrizione><Quantita>2.00</Quantita>
        <PrezzoUnitario>50.00</PrezzoUnitario><PrezzoTotale>100.00</PrezzoTotale><AliquotaIVA>22.00</AliquotaIVA></DettaglioLinee>
      <DettaglioLinee><NumeroLinea>2</NumeroLinea><Descrizione>Libri</Descrizione><PrezzoUnitario>10.10</PrezzoUnitario>
        <PrezzoTotale>10.10</PrezzoTotale><AliquotaIVA>4.00</AliquotaIVA></DettaglioLinee>
      <DatiRiepilogo><AliquotaIVA>22.00</AliquotaIVA><ImponibileImporto>100.00</ImponibileImporto><Imposta>22.00</Imposta></DatiRiepilogo>
      <DatiRiepilogo><AliquotaIVA>4.00</AliquotaIVA><ImponibileImporto>10.10</ImponibileImporto><Imposta>0.40</Imposta></DatiRiepilogo>
      <DatiRiepilogo><AliquotaIVA>0.00</AliquotaIVA><Natura>N2.2</Natura><ImponibileImporto>0.20</ImponibileImporto><Imposta>0.00</Imposta></DatiRiepilogo>
    </DatiBeniServizi>
    <DatiPagamento><CondizioniPagamento>TP02</CondizioniPagamento>
      <DettaglioPagamento><ModalitaPagamento>MP05</ModalitaPagamento><DataScadenzaPagamento>2024-05-15</DataScadenzaPagamento><ImportoPagamento>135.30</ImportoPagamento></DettaglioPagamento>
      <DettaglioPagamento><ModalitaPagamento>MP05</ModalitaPagamento><DataScadenzaPagamento>2024-06-15</DataScadenzaPagamento></DettaglioPagamento>
    </DatiPagamento>
  </FatturaElettronicaBody>`;

const fattura = (inner: string, encoding = 'UTF-8') => `<?xml version="1.0" encoding="${encoding}"?>
<p:FatturaElettronica versione="FPR12" xmlns:p="http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2">${inner}
</p:FatturaElettronica>`;

describe('FatturaPA', () => {
  test('reads a single invoice: seller, sums of the VAT summaries, first order and first due date', () => {
    const xml = fattura(header('<Denominazione>Società Alpha Srl</Denominazione>') + body());
    assert.equal(detectXmlKind(xml), 'fatturapa');
    const r = parseEInvoice(xml, 'file')!;
    assert.equal(r.source, 'einvoice:fatturapa');
    assert.equal(r.language, 'it');
    assert.equal(r.invoiceCount, 1);
    const values = Object.fromEntries(Object.entries(r.fields).map(([k, f]) => [k, f.value]));
    assert.deepEqual(values, {
      doc_type: 'invoice', vendor_name: 'Società Alpha Srl', vendor_vat: 'IT01234567890', invoice_number: '2024/15',
      date: '2024-04-15', due_date: '2024-05-15', currency: 'EUR', amount_total: 135.3, amount_untaxed: 110.3,
      amount_tax: 22.4, po_number: 'ORD-3',
    });
    assert.deepEqual(r.lines, [
      { description: 'Consulenza tecnica', quantity: 2, unit_price: 50, amount: 100, tax_rate: 22 },
      { description: 'Libri', quantity: null, unit_price: 10.1, amount: 10.1, tax_rate: 4 },
    ]);
  });

  test('an ISO-8859-1 file decodes its accented names', () => {
    const xml = fattura(header('<Denominazione>Società Àlfa</Denominazione>') + body(), 'ISO-8859-1');
    const r = parseEInvoice(decodeXmlBytes(Buffer.from(xml, 'latin1')), 'file')!;
    assert.equal(r.fields.vendor_name.value, 'Società Àlfa');
  });

  test('a person as seller: Nome + Cognome; without IdFiscaleIVA the CodiceFiscale', () => {
    const xml = fattura(header('<Nome>Mario</Nome><Cognome>Rossi</Cognome>', '') + body());
    const r = parseEInvoice(xml, 'file')!;
    assert.equal(r.fields.vendor_name.value, 'Mario Rossi');
    assert.equal(r.fields.vendor_vat.value, 'RSSMRA80A01H501U');
  });

  test('TD04 is a credit note; ImportoTotaleDocumento is optional', () => {
    const r = parseEInvoice(fattura(header('<Denominazione>A</Denominazione>') + body({ tipo: 'TD04', totale: '' })), 'file')!;
    assert.equal(r.fields.doc_type.value, 'credit_note');
    assert.deepEqual(r.fields.amount_total, { value: null, confidence: 0 });
    assert.equal(r.fields.amount_untaxed.value, 110.3);
  });

  test('an unknown TipoDocumento gives no document type rather than a guess', () => {
    const r = parseEInvoice(fattura(header('<Denominazione>A</Denominazione>') + body({ tipo: 'TD99' })), 'file')!;
    assert.deepEqual(r.fields.doc_type, { value: null, confidence: 0 });
  });

  test('a lot of several invoices gives only what they share', () => {
    const xml = fattura(header('<Denominazione>Alpha</Denominazione>') + body({ numero: '1' }) + body({ numero: '2', tipo: 'TD04' }));
    const r = parseEInvoice(xml, 'file')!;
    assert.equal(r.invoiceCount, 2);
    assert.equal(r.fields.vendor_name.value, 'Alpha');
    assert.equal(r.fields.vendor_vat.value, 'IT01234567890');
    assert.equal(r.fields.currency.value, 'EUR');
    assert.equal(r.fields.doc_type.value, null); // an invoice and a credit note: no single type
    for (const f of ['invoice_number', 'date', 'amount_total', 'amount_untaxed', 'amount_tax', 'due_date', 'po_number'] as const) {
      assert.equal(r.fields[f].value, null, f);
    }
    assert.equal(r.lines.length, 4);
    assert.match(r.text, /Invoices in this file: 2/);
  });

  test('a FatturaPA without a body is CORRUPT_FILE', () => {
    assert.throws(() => parseEInvoice(fattura(header('<Denominazione>A</Denominazione>')), 'file'), { code: 'CORRUPT_FILE' });
  });
});
