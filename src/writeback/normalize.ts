// Normal forms used to compare what a document says with what Odoo holds: VAT numbers, company names, IBANs.
import { ibanChecksumOk } from '../pipeline/qr/checks.js';
import { editDistance } from '../pipeline/edit-distance.js';
import { plainLetters } from '../pipeline/accents.js';
import { LEGAL_FORM_WORDS } from '../pipeline/extract/legal-forms.js';

export interface VatForm {
  /** Upper case, separators removed, e.g. "DE123456789". */
  full: string;
  /** Two-letter country prefix if present ("DE"), else null. */
  prefix: string | null;
  /** The number without the prefix ("123456789"). */
  core: string;
}

export function normaliseVat(raw: string): VatForm | null {
  // a Swiss UID's VAT suffix names the tax in a language ("CHE-106.017.086 MWST" / "TVA" / "IVA"): not the number
  const full = raw.normalize('NFKC').toUpperCase().replace(/[^A-Z0-9]/g, '').replace(SWISS_VAT_SUFFIX, '$1');
  if (full.length < 4 || !/\d/.test(full)) return null;
  // A VAT prefix is two letters followed by the number; Greek VATs use EL in VIES but GR in ISO.
  const m = /^([A-Z]{2})(?=[0-9A-Z]*\d)(.+)$/.exec(full);
  if (m && /\d/.test(m[2].slice(0, 2))) {
    const prefix = m[1] === 'GR' ? 'EL' : m[1];
    // a Belgian number of before 2007 (nine digits) is today's with its leading 0, the form Odoo stores
    const core = prefix === 'BE' && /^\d{9}$/.test(m[2]) ? `0${m[2]}` : m[2];
    return { full: prefix + core, prefix, core };
  }
  return { full, prefix: null, core: full };
}

const SWISS_VAT_SUFFIX = /^(CHE\d{9})(?:MWST|TVA|IVA)$/;

/** A VAT id in the form Odoo's own check accepts: a Swiss UID needs its VAT suffix (base_vat's check_vat_ch), which
 * the extraction leaves out of the value; the German one is the most printed. */
export function odooVat(vat: string): string {
  return /^CHE\d{9}$/.test(vat) ? `${vat}MWST` : vat;
}

/** Same VAT: equal numbers, and equal countries when both sides carry a prefix. */
export function sameVat(a: VatForm, b: VatForm): boolean {
  if (a.core !== b.core) return false;
  return a.prefix === null || b.prefix === null || a.prefix === b.prefix;
}

// Words that say nothing about which company it is ("Lieferant GmbH" = "Lieferant"): legal forms (legal-forms.ts;
// "z.o.o." read without its "sp." too) and fillers.
const LEGAL_FORMS: ReadonlySet<string> = new Set([...LEGAL_FORM_WORDS, 'zoo', 'company', 'de', 'und', 'and', 'the']);

/** Lower-case words without accents, punctuation and legal forms. */
export function nameTokens(raw: string): string[] {
  // (the one folding rule: accents off, "ø" "æ" "ß" "ł" as plain letters, so "Elkjøp" is the domain's "Elkjop")
  const plain = plainLetters(raw)
    .toLowerCase()
    // "S.r.l." / "S.p.A." collapse to one word before splitting.
    .replace(/\b(\w)\.(?=\w\.)/g, '$1')
    .replace(/\.(?=\s|$)/g, '')
    .replace(/&/g, ' ');
  return plain
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '' && !LEGAL_FORMS.has(t));
}

export function normaliseName(raw: string): string {
  return nameTokens(raw).join(' ');
}

/** Similarity of two company names in [0, 1]: the better of edit distance on the whole name and word overlap. */
export function nameSimilarity(a: string, b: string): number {
  const ta = nameTokens(a);
  const tb = nameTokens(b);
  if (ta.length === 0 || tb.length === 0) return 0;
  const sa = ta.join(' ');
  const sb = tb.join(' ');
  if (sa === sb) return 1;
  const edit = 1 - editDistance(sa, sb) / Math.max(sa.length, sb.length);
  const setB = new Set(tb);
  const common = new Set(ta.filter((t) => setB.has(t))).size;
  const dice = (2 * common) / (new Set(ta).size + setB.size);
  return Math.max(edit, dice);
}

// IBAN: country, check digits, 11-30 alphanumerics, printed in groups of four.
const IBAN_RE = /\b([A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30})\b/g;

/** Valid IBANs in a text (mod-97 checked), without spaces, in order of appearance. */
export function findIbans(text: string): string[] {
  const found: string[] = [];
  for (const m of text.toUpperCase().matchAll(IBAN_RE)) {
    const compact = m[1].replace(/ /g, '');
    // The greedy match may swallow a following word; try the longest prefix that checks out.
    for (let len = Math.min(compact.length, 34); len >= 15; len--) {
      const candidate = compact.slice(0, len);
      if (ibanChecksumOk(candidate)) {
        if (!found.includes(candidate)) found.push(candidate);
        break;
      }
    }
  }
  return found;
}
