import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EInvoiceError } from '../../../src/pipeline/einvoice/errors.js';
import { detectXmlKind, parseEInvoice } from '../../../src/pipeline/einvoice/index.js';

interface CiiOptions {
  typeCode?: string;
  summation?: string;
  sellerTax?: string;
  extraLine?: string;
  dateFormat?: string;
}

/** A small Factur-X EN 16931 invoice; the prefixes deliberately differ from the usual rsm/ram/udt. */
function cii(o: CiiOptions = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<inv:CrossIndustryInvoice xmlns:inv="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
  xmlns:a="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
  xmlns:u="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <inv:ExchangedDocumentContext><a:GuidelineSpecifiedDocumentContextParameter><a:ID>urn:cen.eu:en16931:2017</a:ID></a:GuidelineSpecifiedDocumentContextParameter></inv:ExchangedDocumentContext>
  <inv:ExchangedDocument>
    <a:ID>INV-2024-007</a:ID>
    <a:TypeCode>${o.typeCode ?? '380'}</a:TypeCode>
    <a:IssueDateTime><u:DateTimeString format="${o.dateFormat ?? '102'}">20240229</u:DateTimeString></a:IssueDateTime>
  </inv:ExchangedDocument>
  <inv:SupplyChainTradeTransaction>
    <a:IncludedSupplyChainTradeLineItem>
      <a:AssociatedDocumentLineDocument><a:LineID>1</a:LineID></a:AssociatedDocumentLineDocument>
      <a:SpecifiedTradeProduct><a:Name>Screws
        M4 x 20</a:Name></a:SpecifiedTradeProduct>
      <a:SpecifiedLineTradeAgreement><a:NetPriceProductTradePrice><a:ChargeAmount>12.50</a:ChargeAmount><a:BasisQuantity unitCode="C62">100</a:BasisQuantity></a:NetPriceProductTradePrice></a:SpecifiedLineTradeAgreement>
      <a:SpecifiedLineTradeDelivery><a:BilledQuantity unitCode="C62">400</a:BilledQuantity></a:SpecifiedLineTradeDelivery>
      <a:SpecifiedLineTradeSettlement>
        <a:ApplicableTradeTax><a:TypeCode>VAT</a:TypeCode><a:CategoryCode>S</a:CategoryCode><a:RateApplicablePercent>19.00</a:RateApplicablePercent></a:ApplicableTradeTax>
        <a:SpecifiedTradeSettlementLineMonetarySummation><a:LineTotalAmount>50.00</a:LineTotalAmount></a:SpecifiedTradeSettlementLineMonetarySummation>
      </a:SpecifiedLineTradeSettlement>
    </a:IncludedSupplyChainTradeLineItem>${o.extraLine ?? ''}
    <a:ApplicableHeaderTradeAgreement>
      <a:SellerTradeParty>
        <a:Name>Schrauben  &amp;
          Muttern GmbH</a:Name>
        ${o.sellerTax ?? '<a:SpecifiedTaxRegistration><a:ID schemeID="FC">201/113/40209</a:ID></a:SpecifiedTaxRegistration><a:SpecifiedTaxRegistration><a:ID schemeID="VA">DE123456789</a:ID></a:SpecifiedTaxRegistration>'}
      </a:SellerTradeParty>
      <a:BuyerTradeParty><a:Name>Buyer AG</a:Name><a:SpecifiedTaxRegistration><a:ID schemeID="VA">DE999999999</a:ID></a:SpecifiedTaxRegistration></a:BuyerTradeParty>
      <a:BuyerOrderReferencedDocument><a:IssuerAssignedID>PO-77</a:IssuerAssignedID></a:BuyerOrderReferencedDocument>
    </a:ApplicableHeaderTradeAgreement>
    <a:ApplicableHeaderTradeDelivery/>
    <a:ApplicableHeaderTradeSettlement>
      <a:InvoiceCurrencyCode>EUR</a:InvoiceCurrencyCode>
      <a:SpecifiedTradePaymentTerms><a:Description>sofort</a:Description></a:SpecifiedTradePaymentTerms>
      <a:SpecifiedTradePaymentTerms><a:DueDateDateTime><u:DateTimeString format="102">20240330</u:DateTimeString></a:DueDateDateTime></a:SpecifiedTradePaymentTerms>
      <a:SpecifiedTradeSettlementHeaderMonetarySummation>
        ${o.summation ?? `<a:LineTotalAmount>50.00</a:LineTotalAmount>
        <a:TaxBasisTotalAmount>50.00</a:TaxBasisTotalAmount>
        <a:TaxTotalAmount currencyID="CHF">9.20</a:TaxTotalAmount>
        <a:TaxTotalAmount currencyID="EUR">9.50</a:TaxTotalAmount>
        <a:GrandTotalAmount>59.50</a:GrandTotalAmount>
        <a:DuePayableAmount>59.50</a:DuePayableAmount>`}
      </a:SpecifiedTradeSettlementHeaderMonetarySummation>
    </a:ApplicableHeaderTradeSettlement>
  </inv:SupplyChainTradeTransaction>
</inv:CrossIndustryInvoice>`;
}

describe('CII (Factur-X / ZUGFeRD 2 / XRechnung CII)', () => {
  test('reads every field whatever the namespace prefixes', () => {
    const xml = cii();
    assert.equal(detectXmlKind(xml), 'cii');
    const r = parseEInvoice(xml, 'file')!;
    assert.equal(r.source, 'einvoice:cii');
    const values = Object.fromEntries(Object.entries(r.fields).map(([k, f]) => [k, f.value]));
    assert.deepEqual(values, {
      doc_type: 'invoice', vendor_name: 'Schrauben & Muttern GmbH', vendor_vat: 'DE123456789',
      invoice_number: 'INV-2024-007', date: '2024-02-29', due_date: '2024-03-30', currency: 'EUR',
      amount_total: 59.5, amount_untaxed: 50, amount_tax: 9.5, po_number: 'PO-77',
    });
    for (const f of Object.values(r.fields)) assert.equal(f.confidence, 1);
    assert.equal(r.invoiceCount, 1);
  });

  test('reads line items, with the price per unit when the price is per 100', () => {
    const [line] = parseEInvoice(cii(), 'file')!.lines;
    assert.deepEqual(line, { description: 'Screws M4 x 20', quantity: 400, unit_price: 0.125, amount: 50, tax_rate: 19 });
  });

  test('embedded in a PDF the source is einvoice:facturx', () => {
    assert.equal(parseEInvoice(cii(), 'pdf-attachment')!.source, 'einvoice:facturx');
  });

  test('type code 381 is a credit note and negative amounts on it are made positive', () => {
    const summation = `<a:TaxBasisTotalAmount>-50.00</a:TaxBasisTotalAmount><a:TaxTotalAmount currencyID="EUR">-9.50</a:TaxTotalAmount><a:GrandTotalAmount>-59.50</a:GrandTotalAmount>`;
    const r = parseEInvoice(cii({ typeCode: '381', summation }), 'file')!;
    assert.equal(r.fields.doc_type.value, 'credit_note');
    assert.equal(r.fields.amount_total.value, 59.5);
    assert.equal(r.fields.amount_untaxed.value, 50);
    assert.equal(r.fields.amount_tax.value, 9.5);
  });

  test('a corrected invoice (384) keeps its negative amounts: it is an invoice', () => {
    const summation = `<a:TaxBasisTotalAmount>-50.00</a:TaxBasisTotalAmount><a:GrandTotalAmount>-59.50</a:GrandTotalAmount>`;
    const r = parseEInvoice(cii({ typeCode: '384', summation }), 'file')!;
    assert.equal(r.fields.doc_type.value, 'invoice');
    assert.equal(r.fields.amount_total.value, -59.5);
  });

  test('missing optional totals are null with confidence 0', () => {
    const r = parseEInvoice(cii({ summation: '<a:GrandTotalAmount>59.50</a:GrandTotalAmount>' }), 'file')!;
    assert.equal(r.fields.amount_total.value, 59.5);
    assert.deepEqual(r.fields.amount_untaxed, { value: null, confidence: 0 });
    assert.deepEqual(r.fields.amount_tax, { value: null, confidence: 0 });
  });

  test('without a VAT number the first tax registration is the seller id', () => {
    const r = parseEInvoice(cii({ sellerTax: '<a:SpecifiedTaxRegistration><a:ID schemeID="FC">201/113/40209</a:ID></a:SpecifiedTaxRegistration>' }), 'file')!;
    assert.equal(r.fields.vendor_vat.value, '201/113/40209');
    const none = parseEInvoice(cii({ sellerTax: '' }), 'file')!;
    assert.deepEqual(none.fields.vendor_vat, { value: null, confidence: 0 });
  });

  test('a date without a day (format 610) is not invented', () => {
    assert.equal(parseEInvoice(cii({ dateFormat: '610' }), 'file')!.fields.date.value, null);
  });

  test('a truncated document is CORRUPT_FILE, not a crash', () => {
    const xml = cii();
    assert.throws(
      () => parseEInvoice(xml.slice(0, Math.floor(xml.length / 2)), 'pdf-attachment'),
      (e: unknown) => e instanceof EInvoiceError && e.code === 'CORRUPT_FILE',
    );
  });

  test('a CII root without the invoice parts is CORRUPT_FILE', () => {
    const xml = '<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"/>';
    assert.throws(() => parseEInvoice(xml, 'file'), (e: unknown) => e instanceof EInvoiceError && /ExchangedDocument/.test(e.message));
  });
});

describe('ZUGFeRD 1.0 (CrossIndustryDocument)', () => {
  const v1 = `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryDocument xmlns:rsm="urn:ferd:CrossIndustryDocument:invoice:1p0"
  xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:12"
  xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:15">
  <rsm:HeaderExchangedDocument>
    <ram:ID>RE-1/2014</ram:ID><ram:TypeCode>380</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">20141008</udt:DateTimeString></ram:IssueDateTime>
  </rsm:HeaderExchangedDocument>
  <rsm:SpecifiedSupplyChainTradeTransaction>
    <ram:ApplicableSupplyChainTradeAgreement>
      <ram:SellerTradeParty><ram:Name>Bei Spiel GmbH</ram:Name>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">DE136695976</ram:ID></ram:SpecifiedTaxRegistration></ram:SellerTradeParty>
      <ram:BuyerOrderReferencedDocument><ram:ID>ORDER-9</ram:ID></ram:BuyerOrderReferencedDocument>
    </ram:ApplicableSupplyChainTradeAgreement>
    <ram:ApplicableSupplyChainTradeSettlement>
      <ram:InvoiceCurrencyCode/>
      <ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime><udt:DateTimeString format="102">20141029</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>
      <ram:SpecifiedTradeSettlementMonetarySummation>
        <ram:TaxBasisTotalAmount currencyID="EUR">496.00</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="EUR">75.04</ram:TaxTotalAmount>
        <ram:GrandTotalAmount currencyID="EUR">571.04</ram:GrandTotalAmount>
      </ram:SpecifiedTradeSettlementMonetarySummation>
    </ram:ApplicableSupplyChainTradeSettlement>
    <ram:IncludedSupplyChainTradeLineItem>
      <ram:SpecifiedSupplyChainTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount currencyID="EUR">160.0000</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedSupplyChainTradeAgreement>
      <ram:SpecifiedSupplyChainTradeDelivery><ram:BilledQuantity unitCode="HUR">1.0000</ram:BilledQuantity></ram:SpecifiedSupplyChainTradeDelivery>
      <ram:SpecifiedSupplyChainTradeSettlement>
        <ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:ApplicablePercent>7.00</ram:ApplicablePercent></ram:ApplicableTradeTax>
        <ram:SpecifiedTradeSettlementMonetarySummation><ram:LineTotalAmount currencyID="EUR">160.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementMonetarySummation>
      </ram:SpecifiedSupplyChainTradeSettlement>
      <ram:SpecifiedTradeProduct><ram:Name>Beratung</ram:Name></ram:SpecifiedTradeProduct>
    </ram:IncludedSupplyChainTradeLineItem>
  </rsm:SpecifiedSupplyChainTradeTransaction>
</rsm:CrossIndustryDocument>`;

  test('reads the 1.0 element names, taking the currency from the amounts when the code is empty', () => {
    assert.equal(detectXmlKind(v1), 'zugferd1');
    const r = parseEInvoice(v1, 'pdf-attachment')!;
    assert.equal(r.source, 'einvoice:facturx');
    assert.equal(r.fields.invoice_number.value, 'RE-1/2014');
    assert.equal(r.fields.date.value, '2014-10-08');
    assert.equal(r.fields.due_date.value, '2014-10-29');
    assert.equal(r.fields.vendor_name.value, 'Bei Spiel GmbH');
    assert.equal(r.fields.vendor_vat.value, 'DE136695976');
    assert.equal(r.fields.po_number.value, 'ORDER-9');
    assert.equal(r.fields.currency.value, 'EUR');
    assert.equal(r.fields.amount_total.value, 571.04);
    assert.equal(r.fields.amount_untaxed.value, 496);
    assert.equal(r.fields.amount_tax.value, 75.04);
    assert.deepEqual(r.lines, [{ description: 'Beratung', quantity: 1, unit_price: 160, amount: 160, tax_rate: 7 }]);
    assert.equal(parseEInvoice(v1, 'file')!.source, 'einvoice:cii');
  });
});
