// Language by stop words: cheap, deterministic and good enough to pick date order and keyword sets.

const STOP_WORDS: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'for', 'invoice', 'total', 'date', 'amount', 'please', 'thank', 'you', 'with', 'due', 'payment', 'tax', 'qty', 'description'],
  de: ['der', 'die', 'das', 'und', 'für', 'mit', 'rechnung', 'betrag', 'datum', 'von', 'bis', 'nicht', 'sie', 'zahlbar', 'steuer', 'menge', 'bitte', 'ihre', 'wir', 'ust'],
  fr: ['le', 'la', 'les', 'des', 'du', 'et', 'pour', 'facture', 'montant', 'total', 'date', 'paiement', 'tva', 'vous', 'sur', 'une', 'au', 'règlement', 'échéance'],
  it: ['il', 'di', 'della', 'del', 'e', 'per', 'fattura', 'importo', 'totale', 'data', 'iva', 'pagamento', 'che', 'con', 'alla', 'sono', 'dei', 'scadenza'],
  es: ['el', 'la', 'los', 'las', 'de', 'del', 'y', 'para', 'factura', 'importe', 'total', 'fecha', 'iva', 'pago', 'con', 'por', 'una', 'vencimiento'],
};

/** en/it/es/de/fr, or null when the text is too short or no language stands out. */
export function detectLanguage(text: string): string | null {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 3) return null;
  const sets = Object.entries(STOP_WORDS).map(([lang, list]) => [lang, new Set(list)] as const);
  const scores = sets.map(([lang, set]) => [lang, words.filter((w) => set.has(w)).length] as const);
  scores.sort((a, b) => b[1] - a[1]);
  const [bestLang, best] = scores[0];
  const second = scores[1][1];
  if (best < 2 || best < second * 1.2) return best >= 2 && best > second ? bestLang : null;
  return bestLang;
}
