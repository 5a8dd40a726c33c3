// The legal forms of companies, one list for every rule that reads them: the vendor's name (vendor.ts: a name's mark,
// and where it ends), the `legal-form` evidence (../confidence/page-evidence.ts), the seller line of a till (blocks.ts),
// and the name comparisons that leave them out (../../memory/match.ts, ../../writeback/normalize.ts,
// bench/accuracy.ts). Each of them used to write its own copy, and a form added to one was missing from the others.

/** Legal forms of companies in the bundled countries' and a few others' laws, as printed: dots optional and a space
 * allowed between the letters of a dotted form, as OCR and people drop them ("S.A", "S. A.", "B.V", "s.r.o"), GmbH,
 * S.A.S., Spain's S.A.U., the German AG and KG spelled out ("BILLA Aktiengesellschaft") — not a bare "Sau", a German word —, Italy's S.r.l.s., Sdn Bhd, Estonia's OÜ and MTÜ,
 * Poland's sp. z o.o., Denmark's ApS and A/S, Czechia's s.r.o.; not Estonia's or Norway's "AS", an English word. */
const FORMS: readonly string[] = [
  'gmbh', 'ag', 'kg', 'ohg', 'kgaa', 'mbh', 'aktiengesellschaft', 'kommanditgesellschaft', String.raw`e\.\s?k\.?`, 'ug', String.raw`a\.\s?g\.`,
  String.raw`s\.?\s?[àa]\.?\s?r\.?\s?l\.?`, String.raw`s\.?\s?a\.?\s?s\.?(?:u\.?)?`, 'eurl', String.raw`s\.?\s?a\.?(?:\s?u\.?)?`,
  String.raw`s\.?\s?r\.?\s?l\.?(?:\s?s\.?)?`, String.raw`s\.?\s?p\.?\s?a\.?`, 'snc', String.raw`s\.?\s?l\.?(?:\s?u\.?)?`,
  String.raw`ltd\.?`, 'limited', 'llc', String.raw`inc\.?`, String.raw`corp\.?`, 'plc', 'pvt', String.raw`co\.`,
  String.raw`sdn\.?`, String.raw`b[hn]d\.?`, 'berhad', String.raw`s\.?\s?de\s?c\.?v\.?`,
  String.raw`b\.?\s?v\.?(?:\s?b\.?\s?a\.?)?`, String.raw`s\.?\s?p\.?\s?r\.?\s?l\.?`, 'cvba', 'scrl', 'asbl', 'vzw',
  String.raw`n\.?\s?v\.?`, String.raw`v\.?\s?o\.?\s?f\.?`, 'lda', 'ltda', 'eireli', 'unipessoal', 'companhia', String.raw`cia\.`,
  String.raw`s\/a`, String.raw`s\/b`, String.raw`c\.\s?b\.`, String.raw`s\.\s?coop\.?`, String.raw`soc\.\s?coop\.?`,
  'oy', 'ab', 'o[üÜ]', 'mt[üÜ]', 'aps', String.raw`a\/s`, String.raw`s\.?\s?r\.?\s?o\.?`, String.raw`sp\.\s?z\s?o\.\s?o\.?`, String.raw`sp\.\s?[jk]\.`,
];
/** Forms that are also a common word or a mere abbreviation ("ab", German "from": "Zahlbar ab Rechnungsdatum";
 * "Co.", "Pvt", "Companhia", "Cia."): they mark a name as a company's, but do not end one on their own. */
const ALSO_WORDS: ReadonlySet<string> = new Set(['ab', String.raw`co\.`, 'pvt', 'companhia', String.raw`cia\.`]);

/** Every form, a regular-expression source (case-insensitive, the 'u' flag), for a rule to put in its own frame. */
export const LEGAL_FORMS = FORMS.join('|');
/** The forms that end a company's name on a legal line or a salesperson's line ("MERCADONA, S.A", "Verkäufer: KG"
 * is no salesperson), without the ones that are also common words. */
export const COMPANY_FORMS = FORMS.filter((form) => !ALSO_WORDS.has(form)).join('|');

/** The same forms as a name's words, lower case, without their dots and accents ("S.r.l." -> "srl", "Sdn Bhd" ->
 * "sdn", "bhd", "sp. z o.o." -> "spzoo"), and the few that are a word of another language too ("as", Norway's and
 * Denmark's; "co", "cie"): a comparison of two names leaves them out, as it may a word that is also English. */
export const LEGAL_FORM_WORDS: readonly string[] = [
  'gmbh', 'mbh', 'ag', 'kg', 'ohg', 'kgaa', 'ug', 'ek', 'ev', 'gbr', 'aktiengesellschaft', 'kommanditgesellschaft',
  'sarl', 'sas', 'sasu', 'eurl', 'sa', 'sau', 'snc', 'sc', 'cie', 'srl', 'srls', 'spa', 'sapa', 'scarl', 'scrl', 'sl', 'slu',
  'ltd', 'limited', 'llc', 'llp', 'inc', 'incorporated', 'corp', 'corporation', 'plc', 'pvt', 'co',
  'sdn', 'bhd', 'berhad', 'bv', 'bvba', 'nv', 'vof', 'sprl', 'cvba', 'asbl', 'vzw',
  'lda', 'ltda', 'eireli', 'unipessoal', 'cia', 'cv',
  'ab', 'as', 'asa', 'oy', 'aps', 'sro', 'spzoo', 'kft', 'doo', 'ou', 'mtu',
];
/** Norway's and Estonia's AS (Norway's listed ASA), left out of FORMS as an English word: a company form where it ends
 * a name in capitals ("Elkjøp Norge AS"), to be matched case-sensitively at a name's end. Also Estonia's OÜ and MTÜ
 * without their umlaut, as a till whose font lacks Ü prints them (it prints "Rueckgeld" too) and OCR reads them
 * ("… Jaekaubanduse OU"): "ou" is French for "or", so only in capitals ending a name. */
export const CAPITALS_ONLY_FORMS = 'AS|ASA|OU|MTU';

/** Malaysia's private company form, "Sdn Bhd" (Sendirian Berhad), that ends every such company's name, read with one of
 * its two words misread or lost ("SON BHD", "SDN B D", "SDN BND", "GALER SDN" cut off): a sign the header line it ends
 * was read badly, its name too. Only the letters OCR confuses in it (D as O, 0 or Q; S as 5; N as M or H): "SUN BHD" is
 * a word and a public company's "BHD"; "SDN-BHD", "SDN B.H.D", "SDN (M) BHD" are whole. */
const SDN_BHD_MISREAD_RE = /\bSDN\b(?![-.\s]*(?:\(M\)[-.\s]*)?B\.?H\.?D\b|[-.\s]*BERHAD\b)|\b(?:S[O0Q]N|5DN|SD[MH])[-.\s]*B[HN]D\b/iu;

export function misreadSdnBhd(name: string): boolean {
  return SDN_BHD_MISREAD_RE.test(name);
}
