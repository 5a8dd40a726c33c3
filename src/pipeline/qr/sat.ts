// The SAT verification QR printed on a Mexican CFDI: a URL on verificacfdi.facturaelectronica.sat.gob.mx with
// id (folio fiscal, a UUID), re (issuer RFC), rr (receiver RFC), tt (total) and, since CFDI 3.3, fe (the last 8
// characters of the seal). CFDI 3.2 codes carry the same parameters, without the URL, after a "?".
import type { PaymentCode, PaymentCodeValues } from './types.js';
import { roundHundredths } from '../rounding.js';

const SAT_HOST = 'verificacfdi.facturaelectronica.sat.gob.mx';
const RFC_RE = /^[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}$/;
const UUID_RE = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

export const looksSat = (text: string): boolean => text.toLowerCase().includes(SAT_HOST) || /^\??re=[^&]+&rr=[^&]+&tt=/i.test(text.trim());

export function parseSatQr(text: string, page: number): PaymentCode {
  const problems: string[] = [];
  const values: PaymentCodeValues = {};
  const fail = (why: string) => problems.push(why);
  const trimmed = text.trim();
  let params: URLSearchParams;
  if (/^https?:\/\//i.test(trimmed)) {
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      return { type: 'sat', page, valid: false, problems: ['not a URL'], values };
    }
    if (url.hostname.toLowerCase() !== SAT_HOST) fail(`host ${url.hostname} is not the SAT's`);
    params = url.searchParams;
  } else {
    params = new URLSearchParams(trimmed.replace(/^\?/, ''));
  }
  const get = (k: string) => (params.get(k) ?? '').trim();
  const id = get('id').toUpperCase();
  const re = get('re').toUpperCase();
  const rr = get('rr').toUpperCase();
  const tt = get('tt');
  if (!UUID_RE.test(id)) fail('id is not a UUID (folio fiscal)');
  else values.uuid = id;
  if (!RFC_RE.test(re)) fail(`issuer RFC ${JSON.stringify(re)} is malformed`);
  else values.vat = re;
  if (!RFC_RE.test(rr)) fail(`receiver RFC ${JSON.stringify(rr)} is malformed`);
  else values.receiver_vat = rr;
  // tt: up to 18 integer and 6 decimal digits (3.2 pads with zeros: 0000001234.567800)
  if (!/^\d{1,18}(\.\d{1,6})?$/.test(tt)) fail(`total ${JSON.stringify(tt)} is not a number`);
  else values.amount = roundHundredths(Number(tt));
  return { type: 'sat', page, valid: problems.length === 0, problems, values };
}
