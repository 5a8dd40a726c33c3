// The order block of a result, or one made from the bill fields when the document was not read as an order (a
// result cached before, a document classified otherwise): its PO number and its issuer stand in.
import type { Field, OrderInfo, ScanResult } from '../../contract.js';

const none = (): Field<string> => ({ value: null, confidence: 0 });

export function orderOf(result: ScanResult): OrderInfo {
  if (result.order) return result.order;
  const f = result.fields;
  return {
    number: f?.po_number ? { ...f.po_number } : none(),
    delivery_number: none(),
    buyer_name: f?.vendor_name ? { ...f.vendor_name } : none(),
    buyer_vat: f?.vendor_vat ? { ...f.vendor_vat } : none(),
  };
}
