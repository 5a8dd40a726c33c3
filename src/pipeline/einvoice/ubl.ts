import type { DocType, LineItem } from '../../contract.js';
import { EInvoiceError } from './errors.js';
import { attr, childrenNamed, path, pathAll, textOf, type XmlElement } from './xml.js';
import { payableOf } from './payable.js';
import { addressOf, docTypeFromUntdid, emptyValues, normaliseCurrency, parseDate, parseDecimal, type OrderValues, type ParsedInvoice } from './values.js';

// OASIS UBL 2.x business documents: Invoice and CreditNote (EN 16931, Peppol BIS, XRechnung UBL), and the
// ordering documents Order, Quotation and RequestForQuotation, which share the party and amount components, and the
// DespatchAdvice (delivery note). Order and DespatchAdvice also give the order's number, its buyer and per line the
// article's codes (seller's, buyer's, GTIN): what the order write-back matches products by.

/** Per root element: where the seller, the totals and the lines live. */
interface UblLayout {
  supplier: string;
  total: string;
  lineContainer: string;
  lineItem: string | null; // Order/Quotation lines wrap the item in a LineItem
  quantity: string;
  currency: string[];
  /** the party that placed the order (Order: the customer), when the document names one */
  buyer?: string;
}

const LAYOUTS: Record<string, UblLayout> = {
  Invoice: {
    supplier: 'AccountingSupplierParty', total: 'LegalMonetaryTotal', lineContainer: 'InvoiceLine', lineItem: null,
    quantity: 'InvoicedQuantity', currency: ['DocumentCurrencyCode'],
  },
  CreditNote: {
    supplier: 'AccountingSupplierParty', total: 'LegalMonetaryTotal', lineContainer: 'CreditNoteLine', lineItem: null,
    quantity: 'CreditedQuantity', currency: ['DocumentCurrencyCode'],
  },
  Order: {
    supplier: 'SellerSupplierParty', total: 'AnticipatedMonetaryTotal', lineContainer: 'OrderLine', lineItem: 'LineItem',
    quantity: 'Quantity', currency: ['DocumentCurrencyCode', 'PricingCurrencyCode'], buyer: 'BuyerCustomerParty',
  },
  // a despatch advice has no amounts; its lines carry the quantity delivered (and, optionally, outstanding)
  DespatchAdvice: {
    supplier: 'DespatchSupplierParty', total: 'LegalMonetaryTotal', lineContainer: 'DespatchLine', lineItem: null,
    quantity: 'DeliveredQuantity', currency: ['DocumentCurrencyCode'], buyer: 'BuyerCustomerParty',
  },
  Quotation: {
    supplier: 'SellerSupplierParty', total: 'QuotedMonetaryTotal', lineContainer: 'QuotationLine', lineItem: 'LineItem',
    quantity: 'Quantity', currency: ['DocumentCurrencyCode', 'PricingCurrencyCode'],
  },
  RequestForQuotation: {
    supplier: 'SellerSupplierParty', total: 'AnticipatedMonetaryTotal', lineContainer: 'RequestForQuotationLine',
    lineItem: 'LineItem', quantity: 'Quantity', currency: ['DocumentCurrencyCode', 'PricingCurrencyCode'],
  },
};

export const UBL_ROOTS: ReadonlySet<string> = new Set(Object.keys(LAYOUTS));

function docType(root: XmlElement): DocType | null {
  switch (root.name) {
    case 'CreditNote':
      return 'credit_note';
    case 'Invoice':
      return docTypeFromUntdid(textOf(path(root, 'InvoiceTypeCode')));
    case 'Order':
      return 'purchase_order';
    case 'DespatchAdvice':
      return 'delivery_note';
    default:
      return 'other';
  }
}

/** The VAT registration: the PartyTaxScheme whose TaxScheme is VAT, else the first CompanyID given. */
function partyVat(party: XmlElement | undefined): string | null {
  const schemes = childrenNamed(party, 'PartyTaxScheme');
  const vat = schemes.find((s) => textOf(path(s, 'TaxScheme', 'ID'))?.toUpperCase() === 'VAT');
  const companyIds = [...schemes, ...childrenNamed(party, 'PartyLegalEntity')].map((s) => path(s, 'CompanyID'));
  return textOf(path(vat, 'CompanyID')) ?? textOf(companyIds.find((c) => textOf(c) !== null));
}

/** The document's tax total: one TaxTotal per currency may appear (BT-110 / BT-111); take the document's. */
function taxTotal(root: XmlElement, currency: string | null): number | null {
  const amounts = pathAll(root, 'TaxTotal', 'TaxAmount');
  if (amounts.length === 0) return null;
  const chosen =
    (currency ? amounts.find((a) => normaliseCurrency(attr(a, 'currencyID')) === currency) : undefined) ?? amounts[0];
  return parseDecimal(textOf(chosen));
}

function readLine(container: XmlElement, layout: UblLayout): LineItem {
  const line = layout.lineItem ? path(container, layout.lineItem) : container;
  const item = path(line, 'Item');
  const price = parseDecimal(textOf(path(line, 'Price', 'PriceAmount')));
  const base = parseDecimal(textOf(path(line, 'Price', 'BaseQuantity')));
  const taxCategory = path(item, 'ClassifiedTaxCategory') ?? path(line, 'TaxTotal', 'TaxSubtotal', 'TaxCategory');
  const line_: LineItem = {
    description: textOf(path(item, 'Name')) ?? textOf(path(item, 'Description')) ?? '',
    quantity: parseDecimal(textOf(path(line, layout.quantity))),
    // PriceAmount is per BaseQuantity units; the line item wants the price of one unit.
    unit_price: price !== null && base !== null && base > 0 ? price / base : price,
    amount: parseDecimal(textOf(path(line, 'LineExtensionAmount'))),
    tax_rate: parseDecimal(textOf(path(taxCategory, 'Percent'))),
  };
  if (layout.buyer) Object.assign(line_, itemCodes(item));
  return line_;
}

/** The article's identifiers on an ordering line (Order, DespatchAdvice): the order write-back's product keys. */
function itemCodes(item: XmlElement | undefined): Pick<LineItem, 'product_code' | 'buyer_code' | 'barcode'> {
  const gtin = textOf(path(item, 'StandardItemIdentification', 'ID'));
  return {
    product_code: textOf(path(item, 'SellersItemIdentification', 'ID')),
    buyer_code: textOf(path(item, 'BuyersItemIdentification', 'ID')),
    barcode: gtin && /^\d{8,14}$/.test(gtin) ? gtin : null,
  };
}

/** Order number, delivery note number and buyer of an Order or a DespatchAdvice (null for other documents). */
function orderValues(root: XmlElement, layout: UblLayout): OrderValues | null {
  if (!layout.buyer) return null;
  const buyer = path(root, layout.buyer, 'Party') ?? path(root, 'DeliveryCustomerParty', 'Party');
  const id = textOf(path(root, 'ID'));
  const isDespatch = root.name === 'DespatchAdvice';
  // a despatch advice cites its order once in the header, or per line (OrderLineReference)
  const cited = textOf(path(root, 'OrderReference', 'ID')) ??
    textOf(pathAll(root, 'DespatchLine', 'OrderLineReference', 'OrderReference', 'ID')[0]);
  return {
    number: isDespatch ? cited : id,
    delivery_number: isDespatch ? id : null,
    buyer_name: textOf(path(buyer, 'PartyName', 'Name')) ?? textOf(path(buyer, 'PartyLegalEntity', 'RegistrationName')),
    buyer_vat: partyVat(buyer),
  };
}

/** Reads a UBL document whose root is one of UBL_ROOTS. */
export function parseUbl(root: XmlElement): ParsedInvoice {
  const layout = LAYOUTS[root.name];
  if (!layout) throw new EInvoiceError(`unsupported UBL document ${root.name}`);
  const isBill = root.name === 'Invoice' || root.name === 'CreditNote';
  const party = path(root, layout.supplier, 'Party');
  const totals = path(root, layout.total);
  const totalEl = path(totals, 'TaxInclusiveAmount') ?? path(totals, 'PayableAmount');

  const v = emptyValues();
  const id = textOf(path(root, 'ID'));
  v.doc_type = docType(root);
  v.invoice_number = isBill ? id : null;
  const order = orderValues(root, layout);
  v.po_number = order ? order.number : textOf(path(root, 'OrderReference', 'ID'));
  v.date = parseDate(textOf(path(root, 'IssueDate')));
  v.due_date =
    parseDate(textOf(path(root, 'DueDate'))) ?? parseDate(textOf(pathAll(root, 'PaymentMeans', 'PaymentDueDate')[0]));
  v.vendor_name =
    textOf(path(party, 'PartyName', 'Name')) ?? textOf(path(party, 'PartyLegalEntity', 'RegistrationName'));
  v.vendor_vat = partyVat(party);
  const postal = path(party, 'PostalAddress');
  const address = addressOf({
    street: [textOf(path(postal, 'StreetName')), textOf(path(postal, 'BuildingNumber')), textOf(path(postal, 'AdditionalStreetName'))],
    zip: textOf(path(postal, 'PostalZone')), city: textOf(path(postal, 'CityName')),
    country: textOf(path(postal, 'Country', 'IdentificationCode')),
  });
  v.currency =
    layout.currency.map((name) => normaliseCurrency(textOf(path(root, name)))).find((c) => c !== null) ??
    normaliseCurrency(attr(totalEl, 'currencyID'));
  v.amount_total = parseDecimal(textOf(totalEl));
  v.amount_untaxed = parseDecimal(textOf(path(totals, 'TaxExclusiveAmount')));
  v.amount_tax = taxTotal(root, v.currency);

  // PayableAmount = TaxInclusiveAmount − PrepaidAmount + PayableRoundingAmount (EN 16931 BR-CO-16)
  const payable = isBill ? payableOf({
    prepaid: parseDecimal(textOf(path(totals, 'PrepaidAmount'))), rounding: parseDecimal(textOf(path(totals, 'PayableRoundingAmount'))),
  }, { total: v.amount_total, untaxed: v.amount_untaxed, tax: v.amount_tax }) : null;

  const lines = childrenNamed(root, layout.lineContainer).map((c) => readLine(c, layout));
  return { values: v, lines, language: null, invoiceCount: 1, address, payable, ...(order ? { order } : {}) };
}
