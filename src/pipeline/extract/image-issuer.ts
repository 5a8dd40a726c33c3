// The issuer printed only in an image. Many bills carry their own name, address and VAT id only in a letterhead
// logo; their text layer then holds the customer's block alone, and the rules take the customer for the vendor or
// find none. When the text layer names no issuer the write policy would trust (the caller decides: scan.ts), the top
// of the first page is OCRed with the text layer masked out (../image-band.ts) and the rules run again over the
// text layer plus what the images say. Only the vendor's name and VAT id are taken from that reading, and only when
// they come from the images (what the text layer prints was weighed already); a text-layer VAT id printed beside the
// name the image replaced is the customer's, and is dropped.
import type { ExtractedFields, Field, FieldSource } from '../../contract.js';
import type { PageText, ReadDocument, TextLine } from '../document.js';
import type { OcrEngineName } from '../ocr/cache.js';
import type { Explanation } from './explain.js';
import { nameKey } from './vendor.js';
import { alnumKey, validateVat, vatKey } from './vat.js';

/** A text-layer vendor name calibrated at least this sure (right 9 times in 10 on tune) is an issuer of adequate
 * confidence: no look, even when the write policy does not write it. (Tune: the names the look mended were at 0, 0.65
 * and 0.81; 17 of 85 text-layer documents are at 0.98, and were all right.) */
export const ISSUER_LOOK_BELOW = 0.9;

/** Where the text layer names its issuer itself (confidence/evidence.ts): after an issuer's own label, in its sender or
 * legal line, beside its VAT id, as the payee (`issuer-named`), or in the page's footer imprint (`name-in-footer`). A
 * customer's block is printed in none of these places, so the logo names the same party: the look is not run. (Tune
 * text-layer bills, auto: none of the 4 names the look mended had either; 5 of the 30 it ran on had one, and it
 * changed nothing there.) */
const ISSUER_NAMED_ITSELF = new Set(['issuer-named', 'name-in-footer']);

/**
 * Whether the issuer is settled without a look at the letterhead's images: the text layer's name is written or sure
 * enough (ISSUER_LOOK_BELOW), or printed where an issuer names itself. (A payment code's creditor does not settle it:
 * the look also takes the issuer's VAT id from the letterhead and drops a customer's printed under a replaced name,
 * which no payment code gives.)
 */
export function issuerSettled(name: Field<string>): boolean {
  if (name.write === true || name.confidence >= ISSUER_LOOK_BELOW) return true;
  return name.value !== null && (name.evidence ?? []).some((e) => ISSUER_NAMED_ITSELF.has(e));
}

/** The letterhead: the top quarter of the first page, at most 300 pt (10.6 cm) tall: a till roll or a utility bill
 * 3,600 pt long has its letterhead at the top too, not in its first quarter (and OCR of that much costs). */
export const LETTERHEAD_BAND = 0.25;
export const LETTERHEAD_MAX_PT = 300;
/** An OCR line under this confidence is logo artwork read as letters, not text. */
const MIN_LINE_CONFIDENCE = 0.55;

export interface IssuerLook {
  /** the fields the look replaced (the vendor's name, VAT id), each with `source` image:<engine> */
  replaced: Partial<Pick<ExtractedFields, 'vendor_name' | 'vendor_vat'>>;
  explain: Explanation['fields'];
  /** lines the images gave */
  lines: number;
}

export interface IssuerLookOptions {
  models: string[];
  engine: OcrEngineName;
  /** the rules over a variant of the document: its fields and their explanation */
  read: (variant: ReadDocument) => { fields: ExtractedFields; explain: Explanation };
}

export async function imageIssuerLook(doc: ReadDocument, first: ExtractedFields, opts: IssuerLookOptions): Promise<IssuerLook | null> {
  const page = doc.pages[0];
  if (!doc.readImageBand || !page || page.source !== 'pdf-text' || !(page.height > 0)) return null;
  const read = await doc.readImageBand(page.page, 0, Math.min(page.height * LETTERHEAD_BAND, LETTERHEAD_MAX_PT), { models: opts.models });
  const lines = read.filter((l) => l.confidence >= MIN_LINE_CONFIDENCE && /\p{L}{2}/u.test(l.text));
  if (!lines.length) return { replaced: {}, explain: {}, lines: 0 };
  const variant = withImageLines(doc, lines);
  const again = opts.read(variant);
  const source: FieldSource = `image:${opts.engine}`;
  const layerText = doc.text;
  const replaced: IssuerLook['replaced'] = {};
  const vat = again.fields.vendor_vat;
  // an id read from pixels only when its check digits hold: one digit misread off a text-layer id is no new id
  if (vat.value !== null && validateVat(vat.value)?.checksum === true && vat.value !== first.vendor_vat.value && !alnumKey(layerText).includes(vatKey(vat.value))) {
    replaced.vendor_vat = withSource(vat, source);
  }
  const name = again.fields.vendor_name;
  if (name.value !== null && takesName(name.value, first.vendor_name.value, {
    layer: ` ${nameKey(layerText)} `, lines, why: again.explain.fields.vendor_name?.winner?.why ?? [], vatFromImage: replaced.vendor_vat !== undefined,
  })) {
    replaced.vendor_name = withSource(name, source);
    // the text layer's name was the customer's, then: the VAT id printed beside it is the customer's too
    const firstVat = first.vendor_vat.value;
    if (!replaced.vendor_vat && firstVat !== null && first.vendor_name.value !== null && printedUnder(doc.pages, first.vendor_name.value, firstVat)) {
      replaced.vendor_vat = { value: null, confidence: 0 };
    }
  }
  const explain: Explanation['fields'] = {};
  if (replaced.vendor_name) explain.vendor_name = again.explain.fields.vendor_name;
  if (replaced.vendor_vat) {
    const ranked = again.explain.fields.vendor_vat ?? { winner: null, runner_up: null };
    explain.vendor_vat = replaced.vendor_vat.value === null ? { ...ranked, replaced_by: null } : ranked;
  }
  return { replaced, explain, lines: lines.length };
}

/** What speaks for a name by itself, wherever it stands: a legal form, the printed domain, a registration number,
 * several routes finding it (vendor.ts chooseName's `why`). A slogan or a logo's tagline has none of them. */
const SUPPORT_RE = /^(legal-form|own-domain|registration-no|routes\+\d)$/;
/** With no name at all from the text layer, an image line read this surely is taken without such support. */
const SURE_LINE = 0.85;

/**
 * Whether the rules' name over text + images replaces the text layer's `first`: it was read from the images alone
 * (one image line holds it, the text layer does not print it), it is not the text layer's name with the image's
 * words around it ("NOUS SOMMES LES CITOYENS DE LA BIO EKIBIO SAS" for "EKIBIO SAS"), and something speaks for it:
 * its own support, the VAT id read beside it in the image, or (no name in the text layer) a surely read line.
 */
function takesName(
  value: string, first: string | null, ctx: { layer: string; lines: TextLine[]; why: string[]; vatFromImage: boolean },
): boolean {
  const key = nameKey(value);
  if (key === '' || ctx.layer.includes(` ${key} `)) return false;
  const line = ctx.lines.find((l) => ` ${nameKey(l.text)} `.includes(` ${key} `));
  if (!line) return false;
  const firstKey = nameKey(first ?? '');
  if (firstKey !== '' && (key === firstKey || ` ${key} `.includes(` ${firstKey} `))) return false;
  if (ctx.why.some((w) => SUPPORT_RE.test(w)) || ctx.vatFromImage) return true;
  return firstKey === '' && line.confidence >= SURE_LINE;
}

const withSource = <T>(field: Field<T>, source: FieldSource): Field<T> => ({ value: field.value, confidence: field.confidence, source });

/** Lines of an address block under its name (name, street, town, country, VAT id). */
const BLOCK_LINES = 5;

/** Whether the VAT id is printed in the name's block: below it, left-aligned with it, within a few lines (a
 * customer's block: "Tasca Barea, S.L." / "B87760575" / "Rodas, 2"); an id elsewhere on the page is not. */
function printedUnder(pages: readonly PageText[], name: string, vat: string): boolean {
  const id = vatKey(vat);
  const key = nameKey(name);
  for (const page of pages) {
    const named = page.lines.filter((l) => ` ${nameKey(l.text)} `.includes(` ${key} `));
    const ids = page.lines.filter((l) => alnumKey(l.text).includes(id));
    for (const n of named) {
      const height = Math.max(1, n.bbox.y1 - n.bbox.y0);
      if (ids.some((v) => v.bbox.y0 > n.bbox.y0 && v.bbox.y0 - n.bbox.y1 <= BLOCK_LINES * height * 1.5 && Math.abs(v.bbox.x0 - n.bbox.x0) <= 2 * height)) return true;
    }
  }
  return false;
}

/** The document with the image lines added to its first page, in reading order. */
function withImageLines(doc: ReadDocument, lines: TextLine[]): ReadDocument {
  const [first, ...rest] = doc.pages;
  const merged: PageText = { ...first, lines: [...first.lines, ...lines].sort((a, b) => a.bbox.y0 - b.bbox.y0 || a.bbox.x0 - b.bbox.x0) };
  merged.text = merged.lines.map((l) => l.text).join('\n');
  const pages = [merged, ...rest];
  return { ...doc, pages, text: pages.map((p) => p.text).join('\f') };
}
