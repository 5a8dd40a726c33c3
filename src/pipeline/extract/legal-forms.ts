// The legal forms of companies, one list for every rule that reads them: the vendor's name (vendor.ts: a name's mark,
// and where it ends), the `legal-form` evidence (../confidence/page-evidence.ts), the seller line of a till (blocks.ts),
// and the name comparisons that leave them out (../../memory/match.ts, ../../writeback/normalize.ts,
// bench/accuracy.ts). Each of them used to write its own copy, and a form added to one was missing from the others.

/** Legal forms of companies in the bundled countries' and a few others' laws, as printed, dots and all (GmbH, SARL,
 * S.A.S., Spain's S.A.U. — not a bare "Sau", a German word —, Italy's S.r.l.s., B.V., Sdn Bhd, Estonia's OÜ and MTÜ,
 * Poland's sp. z o.o., sp.j., sp.k.; not Estonia's or Norway's "AS", an English word). A regular-expression source
 * (case-insensitive, the 'u' flag), for a rule to put in its own frame. */
export const LEGAL_FORMS = String.raw`gmbh|ag|kg|ohg|kgaa|mbh|e\.\s?k\.|ug|a\.\s?g\.|sarl|s\.a\.r\.l\.|s\.\s?[àa]\s?r\.\s?l\.|sas|s\.a\.s\.|sasu|eurl|sa|s\.a\.|s\.a\.u\.?|srl|s\.r\.l\.|srls|s\.r\.l\.s\.|spa|s\.p\.a\.|snc|sl|s\.l\.|ltd\.?|limited|llc|inc\.?|corp\.?|plc|pvt|co\.|sdn\.?|b[hn]d\.?|berhad|s\.?\s?de\s?c\.?v\.?|bv|b\.v\.|bvba|b\.v\.b\.a\.|sprl|s\.p\.r\.l\.|cvba|scrl|asbl|vzw|nv|n\.v\.|vof|v\.o\.f\.|lda|ltda|eireli|unipessoal|companhia|cia\.|s\/a|s\/b|c\.b\.|slu|s\.l\.u\.|s\.\s?coop\.?|soc\.\s?coop\.?|oy|ab|o[üÜ]|mt[üÜ]|sp\.\s?z\s?o\.\s?o\.?|sp\.\s?[jk]\.`;

/** The same forms as a name's words, lower case, without their dots and accents ("S.r.l." -> "srl", "Sdn Bhd" ->
 * "sdn", "bhd", "sp. z o.o." -> "spzoo"), and the few that are a word of another language too ("as", Norway's and
 * Denmark's; "co", "cie"): a comparison of two names leaves them out, as it may a word that is also English. */
export const LEGAL_FORM_WORDS: readonly string[] = [
  'gmbh', 'mbh', 'ag', 'kg', 'ohg', 'kgaa', 'ug', 'ek', 'ev', 'gbr',
  'sarl', 'sas', 'sasu', 'eurl', 'sa', 'sau', 'snc', 'sc', 'cie', 'srl', 'srls', 'spa', 'sapa', 'scarl', 'scrl', 'sl', 'slu',
  'ltd', 'limited', 'llc', 'llp', 'inc', 'incorporated', 'corp', 'corporation', 'plc', 'pvt', 'co',
  'sdn', 'bhd', 'berhad', 'bv', 'bvba', 'nv', 'vof', 'sprl', 'cvba', 'asbl', 'vzw',
  'lda', 'ltda', 'eireli', 'unipessoal', 'cia', 'cv',
  'ab', 'as', 'asa', 'oy', 'aps', 'sro', 'spzoo', 'kft', 'doo', 'ou', 'mtu',
];
