import { UBL_ROOTS } from './ubl.js';
import { readRootInfo } from './xml.js';

export type XmlKind = 'cii' | 'zugferd1' | 'ubl' | 'fatturapa' | 'cfdi';

const UBL_NAMESPACE = 'urn:oasis:names:specification:ubl:schema:xsd:';

/**
 * The e-invoice format of an XML document, from its root element: the local name, plus the namespace where the
 * name alone is too generic ("Invoice", "Order", "Comprobante"). Reads only the start of the document.
 */
export function detectXmlKind(xml: string): XmlKind | null {
  const root = readRootInfo(xml);
  if (!root) return null;
  switch (root.localName) {
    case 'CrossIndustryInvoice':
      return 'cii';
    case 'CrossIndustryDocument':
      return 'zugferd1';
    case 'FatturaElettronica':
      return 'fatturapa';
    case 'Comprobante':
      return root.namespace?.includes('sat.gob.mx/cfd') ? 'cfdi' : null;
    default:
      return UBL_ROOTS.has(root.localName) && root.namespace?.startsWith(UBL_NAMESPACE) ? 'ubl' : null;
  }
}
