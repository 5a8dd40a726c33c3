// A decoded QR symbol → the payment code it carries (Swiss QR-bill, EPC GiroCode, CFDI SAT), or null for any
// other QR code (a web link, a vCard, …), which is none of ours.
import { epcText, looksEpc, parseEpcQr } from './epc.js';
import { looksSat, parseSatQr } from './sat.js';
import { looksSwiss, parseSwissQr } from './swiss.js';
import type { PaymentCode, RawCode } from './types.js';

export function parsePaymentCode(raw: RawCode): PaymentCode | null {
  // the service tags are ASCII: look at the bytes, whatever text ZXing made of them
  const head = raw.bytes.length ? new TextDecoder('latin1').decode(raw.bytes.subarray(0, 8)) : raw.text;
  if (looksSwiss(head)) return parseSwissQr(utf8(raw), raw.page);
  if (looksEpc(head)) return parseEpcQr(epcText(raw.bytes, raw.text), raw.page);
  if (looksSat(raw.text)) return parseSatQr(raw.text, raw.page);
  return null;
}

/** Swiss QR-bills are UTF-8 by definition (coding type 1). */
function utf8(raw: RawCode): string {
  try {
    return raw.bytes.length ? new TextDecoder('utf-8', { fatal: true }).decode(raw.bytes) : raw.text;
  } catch {
    return raw.text;
  }
}

/** The same code printed twice (receipt and payment part, or on two pages) counts once. */
export function parsePaymentCodes(raws: RawCode[]): PaymentCode[] {
  const seen = new Set<string>();
  const out: PaymentCode[] = [];
  for (const raw of raws) {
    if (seen.has(raw.text)) continue;
    seen.add(raw.text);
    const code = parsePaymentCode(raw);
    if (code) out.push(code);
  }
  return out;
}
