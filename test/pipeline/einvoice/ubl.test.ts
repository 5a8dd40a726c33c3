import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectXmlKind, parseEInvoice } from '../../../src/pipeline/einvoice/index.js';

const NS = (doc: string) =>
  `xmlns="urn:oasis:names:specification:ubl:schema:xsd:${doc}-2" ` +
  'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" ' +
  'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"';

const supplier = `<cac:AccountingSupplierParty><cac:Party>
    <cac:PartyName><cbc:Name>Fournisseur SARL</cbc:Name></cac:PartyName>
    <cac:PartyTaxScheme><cbc:CompanyID>12345678900011</cbc:CompanyID><cac:TaxScheme><cbc:ID>SIRET</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
    <cac:PartyTaxScheme><cbc:CompanyID>FR32123456789</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party><cac:PartyName><cbc:Name>Client SA</cbc:Name></cac:PartyName>
    <cac:PartyTaxScheme><cbc:CompanyID>FR99999999999</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:Party></cac:AccountingCustomerParty>`;

describe('UBL Invoice / CreditNote', () => {
  const invoice = `<?xml version="1.0" encoding="UTF-8"?>
<Invoice ${NS('Invoice')}>
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0</cbc:CustomizationID>
  <cbc:ID>F-2024-0042</cbc:ID>
  <cbc:IssueDate>2024-05-02</cbc:IssueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cbc:TaxCurrencyCode>SEK</cbc:TaxCurrencyCode>
  <cac:OrderReference><cbc:ID>PO 4711</cbc:ID></cac:OrderReference>
  ${supplier}
  <cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentDueDate>2024-06-01</cbc:PaymentDueDate></cac:PaymentMeans>
  <cac:TaxTotal><cbc:TaxAmount currencyID="SEK">228.00</cbc:TaxAmount></cac:TaxTotal>
  <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">20.00</cbc:TaxAmount></cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">100.00</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">120.00</cbc:TaxInclusiveAmount>
    <cbc:PrepaidAmount currencyID="EUR">20.00</cbc:PrepaidAmount>
    <cbc:PayableAmount currencyID="EUR">100.00</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
  <cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:InvoicedQuantity unitCode="H87">4</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount>
    <cac:Item><cbc:Description>long text</cbc:Description><cbc:Name>Widget</cbc:Name>
      <cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="EUR">25.00</cbc:PriceAmount></cac:Price></cac:InvoiceLine>
</Invoice>`;

  test('reads an XRechnung/Peppol invoice: VAT scheme over other ids, tax in the document currency', () => {
    assert.equal(detectXmlKind(invoice), 'ubl');
    const r = parseEInvoice(invoice, 'file')!;
    assert.equal(r.source, 'einvoice:ubl');
    const values = Object.fromEntries(Object.entries(r.fields).map(([k, f]) => [k, f.value]));
    assert.deepEqual(values, {
      doc_type: 'invoice', vendor_name: 'Fournisseur SARL', vendor_vat: 'FR32123456789', invoice_number: 'F-2024-0042',
      date: '2024-05-02', due_date: '2024-06-01', currency: 'EUR', amount_total: 120, amount_untaxed: 100,
      amount_tax: 20, po_number: 'PO 4711',
    });
    assert.deepEqual(r.lines, [{ description: 'Widget', quantity: 4, unit_price: 25, amount: 100, tax_rate: 20 }]);
    assert.match(r.text, /F-2024-0042/);
    assert.match(r.text, /Widget/);
  });

  test('a prefixed root element is recognised too', () => {
    const prefixed = invoice
      .replace('<Invoice xmlns=', '<ubl:Invoice xmlns:ubl=')
      .replace('</Invoice>', '</ubl:Invoice>')
      .replace(/<(\/?)cbc:/g, '<$1b:')
      .replace('xmlns:cbc=', 'xmlns:b=');
    assert.equal(detectXmlKind(prefixed), 'ubl');
    assert.equal(parseEInvoice(prefixed, 'file')!.fields.amount_total.value, 120);
  });

  test('type code 381 on an Invoice root is a credit note', () => {
    const r = parseEInvoice(invoice.replace('>380<', '>381<'), 'file')!;
    assert.equal(r.fields.doc_type.value, 'credit_note');
  });

  test('a CreditNote with negative amounts is reported with positive ones', () => {
    const note = `<CreditNote ${NS('CreditNote')}>
  <cbc:ID>CN-9</cbc:ID><cbc:IssueDate>2024-05-03</cbc:IssueDate><cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  ${supplier}
  <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">-2.00</cbc:TaxAmount></cac:TaxTotal>
  <cac:LegalMonetaryTotal><cbc:TaxExclusiveAmount currencyID="EUR">-10.00</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">-12.00</cbc:TaxInclusiveAmount><cbc:PayableAmount currencyID="EUR">-12.00</cbc:PayableAmount></cac:LegalMonetaryTotal>
  <cac:CreditNoteLine><cbc:ID>1</cbc:ID><cbc:CreditedQuantity>-1</cbc:CreditedQuantity><cbc:LineExtensionAmount currencyID="EUR">-10.00</cbc:LineExtensionAmount>
    <cac:Item><cbc:Name>Return</cbc:Name></cac:Item><cac:Price><cbc:PriceAmount currencyID="EUR">10.00</cbc:PriceAmount></cac:Price></cac:CreditNoteLine>
</CreditNote>`;
    const r = parseEInvoice(note, 'file')!;
    assert.equal(r.fields.doc_type.value, 'credit_note');
    assert.equal(r.fields.invoice_number.value, 'CN-9');
    assert.equal(r.fields.amount_total.value, 12);
    assert.equal(r.fields.amount_untaxed.value, 10);
    assert.equal(r.fields.amount_tax.value, 2);
    assert.deepEqual(r.lines[0], { description: 'Return', quantity: 1, unit_price: 10, amount: 10, tax_rate: null });
  });

  test('missing optional totals: PayableAmount stands in for the total, the rest is null', () => {
    const minimal = `<Invoice ${NS('Invoice')}><cbc:ID>7</cbc:ID><cbc:IssueDate>2024-01-31</cbc:IssueDate>
  <cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>Legal Name Ltd</cbc:RegistrationName>
  <cbc:CompanyID>GB123</cbc:CompanyID></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>
  <cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="GBP">5.00</cbc:PayableAmount></cac:LegalMonetaryTotal></Invoice>`;
    const r = parseEInvoice(minimal, 'file')!;
    assert.equal(r.fields.doc_type.value, 'invoice');
    assert.equal(r.fields.vendor_name.value, 'Legal Name Ltd');
    assert.equal(r.fields.vendor_vat.value, 'GB123');
    assert.equal(r.fields.amount_total.value, 5);
    assert.equal(r.fields.currency.value, 'GBP'); // no DocumentCurrencyCode: the amount's currencyID
    for (const f of ['amount_untaxed', 'amount_tax', 'due_date', 'po_number'] as const) {
      assert.deepEqual(r.fields[f], { value: null, confidence: 0 }, f);
    }
  });

  test('an Invoice root outside the UBL namespace is not UBL', () => {
    const other = '<Invoice xmlns="urn:example:not-ubl"><ID>1</ID></Invoice>';
    assert.equal(detectXmlKind(other), null);
    assert.equal(parseEInvoice(other, 'file'), null);
  });
});

describe('UBL ordering documents', () => {
  const seller = `<cac:SellerSupplierParty><cac:Party><cac:PartyName><cbc:Name>Supplies Ltd</cbc:Name></cac:PartyName>
    <cac:PartyTaxScheme><cbc:CompanyID>GB 111 2222 33</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:Party></cac:SellerSupplierParty>`;

  test('an Order is a purchase order whose number is the PO number, not an invoice number', () => {
    const order = `<Order ${NS('Order')}><cbc:ID>PO-1</cbc:ID><cbc:IssueDate>2024-02-01</cbc:IssueDate>${seller}
  <cac:AnticipatedMonetaryTotal><cbc:PayableAmount currencyID="GBP">99.90</cbc:PayableAmount></cac:AnticipatedMonetaryTotal>
  <cac:OrderLine><cac:LineItem><cbc:ID>1</cbc:ID><cbc:Quantity unitCode="EA">3</cbc:Quantity><cbc:LineExtensionAmount currencyID="GBP">99.90</cbc:LineExtensionAmount>
  <cac:Price><cbc:PriceAmount currencyID="GBP">33.30</cbc:PriceAmount></cac:Price><cac:Item><cbc:Name>Paper</cbc:Name></cac:Item></cac:LineItem></cac:OrderLine></Order>`;
    const r = parseEInvoice(order, 'file')!;
    assert.equal(r.fields.doc_type.value, 'purchase_order');
    assert.equal(r.fields.po_number.value, 'PO-1');
    assert.equal(r.fields.invoice_number.value, null);
    assert.equal(r.fields.vendor_name.value, 'Supplies Ltd');
    assert.equal(r.fields.vendor_vat.value, 'GB 111 2222 33');
    assert.equal(r.fields.currency.value, 'GBP');
    assert.equal(r.fields.amount_total.value, 99.9);
    // an order's lines also carry the article's codes (none given here)
    assert.deepEqual(r.lines, [{ description: 'Paper', quantity: 3, unit_price: 33.3, amount: 99.9, tax_rate: null, product_code: null, buyer_code: null, barcode: null }]);
  });

  test('a Quotation is "other", totalled by QuotedMonetaryTotal, its currency from PricingCurrencyCode', () => {
    const quotation = `<Quotation ${NS('Quotation')}><cbc:ID>Q-5</cbc:ID><cbc:IssueDate>2024-03-01</cbc:IssueDate>
  <cbc:PricingCurrencyCode>USD</cbc:PricingCurrencyCode>${seller}
  <cac:QuotedMonetaryTotal><cbc:PayableAmount currencyID="USD">10.00</cbc:PayableAmount></cac:QuotedMonetaryTotal></Quotation>`;
    const r = parseEInvoice(quotation, 'file')!;
    assert.equal(r.fields.doc_type.value, 'other');
    assert.equal(r.fields.currency.value, 'USD');
    assert.equal(r.fields.amount_total.value, 10);
    assert.equal(r.fields.invoice_number.value, null);
  });
});
