import type { LineItem } from '../../contract.js';
import { EInvoiceError } from './errors.js';
import { attr, childrenNamed, path, pathAll, textOf, type XmlElement } from './xml.js';
import { payableOf } from './payable.js';
import { addressOf, docTypeFromUntdid, emptyValues, normaliseCurrency, parseDate, parseDecimal, type ParsedInvoice } from './values.js';

// UN/CEFACT Cross Industry Invoice: Factur-X / ZUGFeRD 2.x / XRechnung CII (root CrossIndustryInvoice) and
// ZUGFeRD 1.0 (root CrossIndustryDocument). Version 1 uses older element names for the same business terms;
// the table below maps each term to its name in both, so one reader handles both.

interface CiiNames {
  document: string;
  transaction: string;
  agreement: string;
  delivery: string;
  settlement: string;
  summation: string;
  orderId: string;
  lineAgreement: string;
  lineDelivery: string;
  lineSettlement: string;
  lineSummation: string;
  taxPercent: string;
}

const CII_V2: CiiNames = {
  document: 'ExchangedDocument',
  transaction: 'SupplyChainTradeTransaction',
  agreement: 'ApplicableHeaderTradeAgreement',
  delivery: 'ApplicableHeaderTradeDelivery',
  settlement: 'ApplicableHeaderTradeSettlement',
  summation: 'SpecifiedTradeSettlementHeaderMonetarySummation',
  orderId: 'IssuerAssignedID',
  lineAgreement: 'SpecifiedLineTradeAgreement',
  lineDelivery: 'SpecifiedLineTradeDelivery',
  lineSettlement: 'SpecifiedLineTradeSettlement',
  lineSummation: 'SpecifiedTradeSettlementLineMonetarySummation',
  taxPercent: 'RateApplicablePercent',
};

const ZUGFERD_V1: CiiNames = {
  document: 'HeaderExchangedDocument',
  transaction: 'SpecifiedSupplyChainTradeTransaction',
  agreement: 'ApplicableSupplyChainTradeAgreement',
  delivery: 'ApplicableSupplyChainTradeDelivery',
  settlement: 'ApplicableSupplyChainTradeSettlement',
  summation: 'SpecifiedTradeSettlementMonetarySummation',
  orderId: 'ID',
  lineAgreement: 'SpecifiedSupplyChainTradeAgreement',
  lineDelivery: 'SpecifiedSupplyChainTradeDelivery',
  lineSettlement: 'SpecifiedSupplyChainTradeSettlement',
  lineSummation: 'SpecifiedTradeSettlementMonetarySummation',
  taxPercent: 'ApplicablePercent',
};

/** A CII date element (`<IssueDateTime><DateTimeString format="102">20180305</...>`) as ISO. */
function ciiDate(el: XmlElement | undefined): string | null {
  const dts = path(el, 'DateTimeString') ?? path(el, 'DateString');
  if (dts) return parseDate(textOf(dts), attr(dts, 'format'));
  return parseDate(textOf(el)); // a few v1 producers write the date directly
}

/**
 * An amount in the invoice currency. BT-110 and BT-111 share the element name (the second is the tax amount in
 * the VAT accounting currency), so pick the one whose currencyID is the invoice currency, else one without.
 */
function amountIn(parent: XmlElement | undefined, name: string, currency: string | null): number | null {
  const candidates = childrenNamed(parent, name);
  if (candidates.length === 0) return null;
  const inCurrency = currency ? candidates.find((c) => normaliseCurrency(attr(c, 'currencyID')) === currency) : undefined;
  const chosen = inCurrency ?? candidates.find((c) => attr(c, 'currencyID') === null) ?? candidates[0];
  return parseDecimal(textOf(chosen));
}

function sellerVat(seller: XmlElement | undefined): string | null {
  const ids = pathAll(seller, 'SpecifiedTaxRegistration', 'ID');
  const vat = ids.find((id) => attr(id, 'schemeID')?.toUpperCase() === 'VA');
  return textOf(vat ?? ids[0]);
}

function readLine(item: XmlElement, n: CiiNames): LineItem {
  const product = path(item, 'SpecifiedTradeProduct');
  const netPrice = path(item, n.lineAgreement, 'NetPriceProductTradePrice');
  const price = parseDecimal(textOf(path(netPrice, 'ChargeAmount')));
  const basis = parseDecimal(textOf(path(netPrice, 'BasisQuantity')));
  const taxes = pathAll(item, n.lineSettlement, 'ApplicableTradeTax');
  const vatTax = taxes.find((t) => textOf(path(t, 'TypeCode')) === 'VAT') ?? taxes[0];
  return {
    description: textOf(path(product, 'Name')) ?? textOf(path(product, 'Description')) ?? '',
    quantity: parseDecimal(textOf(path(item, n.lineDelivery, 'BilledQuantity'))),
    // The net price may be given per BasisQuantity units (e.g. per 100); the line item wants it per unit.
    unit_price: price !== null && basis !== null && basis > 0 ? price / basis : price,
    amount: parseDecimal(textOf(path(item, n.lineSettlement, n.lineSummation, 'LineTotalAmount'))),
    tax_rate: parseDecimal(textOf(path(vatTax, n.taxPercent))),
  };
}

/** Reads a CII document (`root` is CrossIndustryInvoice or CrossIndustryDocument). */
export function parseCii(root: XmlElement): ParsedInvoice {
  const n = root.name === 'CrossIndustryDocument' ? ZUGFERD_V1 : CII_V2;
  const doc = path(root, n.document);
  const tx = path(root, n.transaction);
  if (!doc || !tx) throw new EInvoiceError(`CII document lacks ${doc ? n.transaction : n.document}`);
  const agreement = path(tx, n.agreement);
  const settlement = path(tx, n.settlement);
  const summation = path(settlement, n.summation);
  const seller = path(agreement, 'SellerTradeParty');

  const v = emptyValues();
  v.invoice_number = textOf(path(doc, 'ID'));
  v.doc_type = docTypeFromUntdid(textOf(path(doc, 'TypeCode')));
  v.date = ciiDate(path(doc, 'IssueDateTime'));
  v.vendor_name = textOf(path(seller, 'Name'));
  v.vendor_vat = sellerVat(seller);
  v.po_number = textOf(path(agreement, 'BuyerOrderReferencedDocument', n.orderId));
  // Version 1 files sometimes leave InvoiceCurrencyCode empty; the amounts' currencyID still says it.
  v.currency =
    normaliseCurrency(textOf(path(settlement, 'InvoiceCurrencyCode'))) ??
    normaliseCurrency(attr(path(summation, 'GrandTotalAmount'), 'currencyID'));
  v.amount_total = amountIn(summation, 'GrandTotalAmount', v.currency);
  v.amount_untaxed = amountIn(summation, 'TaxBasisTotalAmount', v.currency);
  v.amount_tax = amountIn(summation, 'TaxTotalAmount', v.currency);
  v.due_date = ciiDate(pathAll(settlement, 'SpecifiedTradePaymentTerms', 'DueDateDateTime')[0]);

  const lines = pathAll(tx, 'IncludedSupplyChainTradeLineItem').map((item) => readLine(item, n));
  const language = textOf(path(doc, 'LanguageID'))?.slice(0, 2).toLowerCase() ?? null;
  const postal = path(seller, 'PostalTradeAddress');
  const address = addressOf({
    street: [textOf(path(postal, 'LineOne')), textOf(path(postal, 'LineTwo'))],
    zip: textOf(path(postal, 'PostcodeCode')), city: textOf(path(postal, 'CityName')), country: textOf(path(postal, 'CountryID')),
  });
  // DuePayableAmount = GrandTotalAmount − TotalPrepaidAmount + RoundingAmount (EN 16931 BR-CO-16)
  const payable = payableOf({
    prepaid: amountIn(summation, 'TotalPrepaidAmount', v.currency), rounding: amountIn(summation, 'RoundingAmount', v.currency),
  }, { total: v.amount_total, untaxed: v.amount_untaxed, tax: v.amount_tax });
  return { values: v, lines, language, invoiceCount: 1, address, payable };
}
