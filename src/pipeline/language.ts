// A document's language from its words: a small weighted vocabulary per language (function words, and the words
// invoices and till receipts are made of), matched without accents so that a first OCR pass with the English model
// ("Ruckgeld", "Emissao") still counts. Cheap and deterministic; it chooses the OCR model of scanned pages
// (./ocr/auto-language.ts) and is the `language` of a scan result. Polish has no bundled OCR model but is told
// apart (read with the previous page's model), so that a Polish invoice is not called Portuguese.

import { COUNTRY_LANGUAGES, type CountryClue } from './confidence/country-clues.js';
import { foldCase as fold } from './accents.js';

export type Language = 'en' | 'de' | 'fr' | 'it' | 'es' | 'nl' | 'pt' | 'pl';

const VOCABULARY: Record<Language, string> = {
  en: `the and of to for with your you our this from invoice total subtotal tax amount due date thank thanks please
    payment balance description qty quantity price receipt bill cash change item items order customer number paid
    account bank terms charges sales`,
  de: `der die das und für mit von bis nicht sie ihr ihre ihren wir uns bitte vielen dank rechnung rechnungsnummer
    rechnungsdatum betrag summe gesamt gesamtbetrag zwischensumme netto brutto mwst ust umsatzsteuer steuer steuernr
    datum uhrzeit zahlbar zahlung kartenzahlung bar rückgeld zurück gegeben kasse bon beleg filiale artikel menge
    stück stk preis pfand lieferung leistung kunde kundennummer bankverbindung geschäftsführer amtsgericht straße str`,
  fr: `le la les des du et pour avec vous votre nous sur une au aux par facture montant tva ht ttc échéance règlement
    paiement merci date prix quantité qté client numéro net payer espèces rendu carte bancaire total sous siret
    livraison désignation remise`,
  it: `il lo la di della del dei delle e per con che alla sono fattura importo totale iva imponibile aliquota data
    pagamento scadenza grazie scontrino documento commerciale contanti resto prezzo quantità cliente numero partita
    codice fiscale via spett descrizione ricevuta euro`,
  es: `el la los las de del y para con por una gracias factura simplificada importe total fecha iva base imponible
    cuota pago vencimiento ticket efectivo cambio precio cantidad cliente número nif cif calle descuento entregado
    tarjeta`,
  nl: `de het een en van voor met te op aan uw wij factuur factuurnummer factuurdatum vervaldatum totaal subtotaal btw
    bedrag datum betalen betaling omschrijving aantal prijs klant bedankt graag binnen dagen stuk korting levering
    kvk regeltotaal debiteurnummer`,
  pt: `de da do dos das e para com em uma fatura nota fiscal total valor data pagamento vencimento emissão cliente
    número descrição quantidade preço imposto icms cnpj cpf obrigado rua consumo referente mês conta período`,
  pl: `faktura sprzedawca nabywca odbiorca wystawienia sprzedaży termin płatności płatność sposób zapłaty zapłata
    przelew gotówka razem słownie stawka kwota ilość cena wartość nazwa towaru usługi szt nip regon konto bank numer
    oraz dla od na jest ul`,
};

/** Tesseract's model for each language. */
export const TESSERACT_MODEL: Record<Language, string> = { en: 'eng', de: 'deu', fr: 'fra', it: 'ita', es: 'spa', nl: 'nld', pt: 'por', pl: 'pol' };


/** word → the languages it belongs to; a word shared by k languages counts 1/k for each. */
const WEIGHTS: Map<string, { lang: Language; weight: number }[]> = (() => {
  const owners = new Map<string, Language[]>();
  for (const [lang, words] of Object.entries(VOCABULARY) as [Language, string][]) {
    for (const word of new Set(fold(words).split(/\s+/).filter(Boolean))) owners.set(word, [...(owners.get(word) ?? []), lang]);
  }
  return new Map([...owners].map(([word, langs]) => [word, langs.map((lang) => ({ lang, weight: 1 / langs.length }))]));
})();

/** Letters only one of the languages uses; worth a word each when OCR kept them. */
const LETTERS: [RegExp, Language][] = [[/ß/g, 'de'], [/[ãõ]/g, 'pt'], [/ñ/g, 'es'], [/ij\b/g, 'nl'], [/[łąęśźż]/g, 'pl']];

export interface LanguageScore {
  language: Language | null;
  /** Points of the best language and of the runner-up. */
  best: number;
  second: number;
}

/** Scores every language; `language` is null when the text is too short or no language stands out. */
export function scoreLanguages(text: string): LanguageScore {
  const scores = new Map<Language, number>();
  const add = (lang: Language, points: number) => scores.set(lang, (scores.get(lang) ?? 0) + points);
  for (const word of fold(text).match(/\p{L}+/gu) ?? []) for (const { lang, weight } of WEIGHTS.get(word) ?? []) add(lang, weight);
  const lower = text.toLowerCase();
  for (const [pattern, lang] of LETTERS) add(lang, Math.min(3, (lower.match(pattern) ?? []).length));
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  const [bestLang, best] = ranked[0] ?? [null, 0];
  const second = ranked[1]?.[1] ?? 0;
  const clear = best >= 2 && best >= second * 1.25 + 0.5;
  return { language: clear ? bestLang : null, best, second };
}

/** en, de, fr, it, es, nl, pt or pl; null when the text is too short or no language stands out. */
export function detectLanguage(text: string): Language | null {
  return scoreLanguages(text).language;
}

/** A line that is only a code (a country "DE", a currency "EUR", a unit "C62"): the values of an e-invoice's XML are
 * full of them, and "DE" would count as the Dutch/Spanish/Portuguese word "de". */
const CODE_LINE = /^[A-Z0-9]{1,3}$/;

/** An e-invoice's language: the one its XML states, else its words' (codes left out), else the one language of the
 * seller's country (a test invoice of a German seller whose only words are "Testprodukt" and "teststr" is German;
 * a Belgian or Swiss seller's is left to its words). */
export function einvoiceLanguage(stated: string | null, text: string, sellerCountry: string | null | undefined): string | null {
  if (stated) return stated;
  const words = detectLanguage(text.split('\n').filter((line) => !CODE_LINE.test(line.trim())).join('\n'));
  if (words) return words;
  const spoken = sellerCountry ? COUNTRY_LANGUAGES[sellerCountry.trim().toUpperCase()] : undefined;
  return spoken?.length === 1 ? spoken[0] : null;
}

const LANGUAGES = new Set(Object.keys(VOCABULARY));

/** The language that where a document is from says, when its words did not (a till slip of prices and a few brand
 * names): each clue votes for the languages written in every country it fits ("phone +49", "VAT id DE", "Straße" →
 * German; "SDN BHD" → English, the one of Malaysia's we read), split between them; a clue that fits countries of
 * different languages (a five-digit postcode) does not vote. Null unless one language has a whole vote and twice the
 * next one's. */
export function cluesLanguage(clues: readonly CountryClue[]): Language | null {
  const votes = new Map<Language, number>();
  for (const clue of clues) {
    const known = clue.countries.filter((c) => COUNTRY_LANGUAGES[c]);
    if (known.length === 0 || known.length < clue.countries.length) continue; // a country we know nothing of tells nothing
    const shared = known.map((c) => new Set(COUNTRY_LANGUAGES[c]!.filter((l) => LANGUAGES.has(l))))
      .reduce((a, b) => new Set([...a].filter((l) => b.has(l))));
    for (const lang of shared) votes.set(lang as Language, (votes.get(lang as Language) ?? 0) + 1 / shared.size);
  }
  const ranked = [...votes].sort((a, b) => b[1] - a[1]);
  const [best, second] = [ranked[0], ranked[1]?.[1] ?? 0];
  return best && best[1] >= 1 && best[1] >= 2 * second ? best[0] : null;
}
