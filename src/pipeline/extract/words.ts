// Words that several rules read off invoices and till slips, one list each: the totals' labels, the evidence read off
// the whole page and the slip's classification each used to write their own copy, and a word added to one copy was
// missing from the others. Each is a regular-expression source (case-insensitive; those with \p{L} need the u flag),
// for a rule to put in its own frame (where on the line, what follows).

/** The names a sales tax is printed under beside "incl." or "included": VAT, GST, MwSt, USt, Steuer, IVA, TVA, BTW. */
export const TAX_NAME = 'gst|vat|tax|mwst|ust|steuer|iva|tva|btw';

/** An Estonian till's "Netosumma": the untaxed amount under "Vahesumma", but on a slip with a discount the sum after
 * it ("Brutosumma 12,00 / Allahindlus 1,00 / Netosumma 11,00 / Kokku 11,00"): totals.ts takes it as the untaxed amount
 * only when it is not the total read on another row. */
export const ET_NET_SUM = 'netosumma';

/** A tax's name as a till's tax table heads or labels its rows, TAX_NAME and the national short names: Estonian
 * "KM", Polish "PTU", Croatian/Bosnian "PDV", Latvian "PVN", Lithuanian "PVM", Finnish "ALV", Czech/Slovak "DPH",
 * Nordic "MOMS"/"MVA", Hungarian "ÁFA", Slovenian "DDV", Bulgarian "DDS", Turkish "KDV" (totals.ts: a one-row tax table). */
export const TAX_SHORT_NAMES = ['km', 'ptu', 'pdv', 'pvn', 'pvm', 'alv', 'dph', 'moms', 'mva', 'áfa', 'afa', 'ddv', 'dds', 'kdv'] as const;
export const TAX_TABLE_WORD = String.raw`(?<![\p{L}])(?:${TAX_NAME}|${TAX_SHORT_NAMES.join('|')})(?![\p{L}])`;

/** A charge added to the bill that is no tax, though its row has a tax row's shape ("Servicio 10%  100,00  10,00
 * 110,00"): a service charge, a cover charge, a tip, a card surcharge, in the bundled languages (totals.ts); not a
 * "Service Tax", Malaysia's and India's tax. */
export const SERVICE_CHARGE_WORDS = String.raw`(?<![\p{L}])(?:servizio|servicio|service(?!\s*tax)|coperto|propina|trinkgeld|bedienung|pourboire|fooi|recargo|surcharge|supplement|suppl[ée]ment|tip|gratuity)(?![\p{L}])`;

/** The word that says an amount holds the tax: "incl.", "inkl.", "inclusive", "including", "inklusive" (also glued to
 * the word before it, as OCR reads "TOTALINCL.GST"). */
export const INCL = String.raw`(?:incl|inkl)\w*`;

/** A tax rate: "19%", "6 %", "19,00%". */
const RATE = String.raw`\d{1,2}(?:[.,]\d+)?\s*%`;

/** A tax line that names the base it is levied on, after its rate: "IVA 22% (su imponibile di euro 87,18)  19,18 €",
 * "VAT @ 0% on 80.65", "TVA 20 % sur 100,00", "MwSt 19 % auf 100,00", "IVA 21% sobre 100,00", "BTW 21% over 100,00"
 * (totals.ts: the amount after the preposition is the base, the one after it the tax). Needs the 'u' flag. */
export const TAX_ON_BASE = String.raw`(?<![\p{L}])(?:${TAX_NAME}|imposta|impuesto|imposto)(?![\p{L}])[^\d\n]{0,20}?${RATE}\s*\)?\s*\(?\s*(?:on|su|sur|auf|sobre|over|op)(?![\p{L}])`;

/** "incl." and a rate: "incl. 19,00%", "INC 6%", "inc1. 19%" as OCR reads it ("inc…" counts only before a rate:
 * elsewhere "Inc." is a company's legal form, and "(INC. GST)" after a rate's total is no tax line). */
export const INCL_RATE = String.raw`(?:inc|inkl)\w*[.,]?\s*${RATE}`;

/** A line opening with "incl.", a rate and the tax's name: "incl. 19,00% MwSt 13,95", "INC 6% GST 1.62". */
export const INCL_RATE_TAX_LINE = String.raw`^\W*${INCL_RATE}\s*\p{L}*(?:${TAX_NAME})`;

/** "incl. 19% MwSt", "Incl. GST", "Inclusive of GST", "inkl. Mehrwertsteuer", "Included VAT". */
export const INCL_TAX = String.raw`${INCL}[.,]?\s*(?:of\s*)?(?:${RATE}\s*)?\p{L}*(?:${TAX_NAME})`;

/** What follows "Subtotal" when the subtotal holds the tax: "c/IVA", "con IVA", "com IVA", "incl. VAT", "(incl. 19%
 * MwSt)" — such a subtotal is no untaxed amount (totals.ts); the tax's name as a whole word ("incl. Zustellung" holds
 * "ust" and is a delivery). Needs the 'u' flag. */
export const WITH_TAX_AFTER_SUBTOTAL = String.raw`\s*\(?\s*(?:(?:c\/|con|com)\s*(?:${TAX_NAME})|${INCL_TAX})(?:es)?(?![\p{L}])`;

/** "included in (the) total": a line that names a part of the total, not the total. */
export const INCLUDED_IN_TOTAL = String.raw`inclu\w*\s+in\s+(?:the\s+)?total`;

/** "GST 6% included in total", "*GST @ 6% INCLUDED IN TOTAL". */
export const TAX_INCLUDED_IN_TOTAL = String.raw`(?:${TAX_NAME})\b.{0,12}${INCLUDED_IN_TOTAL}`;

/** The tax a gross amount holds, "of which": "darin enthaltene MwSt", "in diesem Beitrag enthaltene Versicherungsteuer",
 * "MwSt. im Betrag enthalten", "davon 19% MwSt", "dont TVA 20 %", "di cui IVA 22%". */
export const TAX_OF_WHICH = String.raw`enthaltene?\s+\p{L}*(?:steuer|mwst|ust)|darin\s+enthalten\w*|(?:steuer|mwst|ust)\.?\s.{0,20}\benthalten|davon\s+(?:${RATE}\s*)?\p{L}*(?:steuer|mwst|ust)|dont\s+(?:${RATE}\s*)?tva|di\s+cui\s+(?:${RATE}\s*)?iva`;

/** The tax's name and "included", either way round: "IVA incluido", "TVA incluse", "BTW inbegrepen", "VAT included",
 * "Included VAT" — but not after a total word: "TOTAL (IVA INCLUIDO) 12,10" is the total, saying it includes the tax. */
export const TAX_INCLUDED = String.raw`(?<!(?:total\p{L}*|totaal|importe|importo|montant|betrag)\s*\(?\s*)\b(?:${TAX_NAME})\s+(?:incluid[oa]|inclus[ea]?|inbegrepen|included)|\bincluded\s+(?:${TAX_NAME})`;

/** Every phrase saying that an amount includes the tax ("included in total" with the tax's name or without it: OCR
 * garbles the name of "GST @6% included in total" into "68T", "Ll"). */
export const INCLUDED_TAX = [INCL_RATE_TAX_LINE, INCL_TAX, INCLUDED_IN_TOTAL, TAX_OF_WHICH, TAX_INCLUDED].join('|');

/** A slip saying that all its prices include the tax ("*GST @ 6% INCLUDED IN TOTAL", "(Price Inclusive Of GST)",
 * "Prices include VAT", "alle Preise inkl. MwSt.", "GST inclusive price"). */
export const PRICES_INCLUDE_TAX = String.raw`${TAX_INCLUDED_IN_TOTAL}|(?:price\w*|preise)\s+(?:are\s+|is\s+)?${INCL}[.,]?\s+(?:of\s+)?(?:${TAX_NAME})|(?:${TAX_NAME})\s+inclusive\s+price`;

/** A discount or a cash-discount term: its percentage is no tax rate ("Rabatt 10 %", "Skonto 2 %", "remise 5 %"). */
export const DISCOUNT_WORDS = String.raw`discount|rabatt|skonto|nachlass|remise|escompte|sconto|descuento|desconto|korting`;

/** Cash handed over at the till: "CASH 50.00", "TUNAI", "Bar 20,00", "Barzahlung", "Gegeben", "Efectivo", "Entregado"
 * (Spanish tills print what was handed over so; "Entregado a:" is a delivery), "Contanti", "Espèces", "Contant", "Dinheiro", "Numerário" (Portugal). */
export const CASH_WORDS = String.raw`cash|tunai|bar(?:zahlung|geld)?\b|gegeben|efectivo|entregad[oa](?!\s+(?:a|al|en|por)\b)|contant[ei]|contant|esp[èe]ces|dinheiro|numer[áa]rio`;

/** What a line says was handed over at the till, its first words: cash ("CASH", "Bar", "Efectivo"…), "TENDER(ED)",
 * "Paid", "Paid Amount", "Amount paid", "Amount tendered". totals.ts reads the cash paid from such lines; page-evidence.ts
 * finds the total paid exactly by one. */
export const CASH_HANDED = String.raw`${CASH_WORDS}|tender(?:ed)?|paid(?:\s*amount)?|amount\s*(?:paid|tendered)`;

/** Cash rounding's own line, opening it: "Rounding (Adj.)", "Round off" (India's bills round to the rupee: "Round off
 * 0.50" above "Total 557"), "Rundung", "Arrondi", "Arrotondamento", "Redondeo", the Dutch and Belgian "Afronding"
 * (5 cents), Danish "Afrunding", Swedish "(Öres)avrundning", Finnish "Pyöristys", Czech "Zaokrouhlení". totals.ts. */
export const ROUNDING_WORDS = String.raw`rounding(?:\s*adj\w*)?|round(?:ing)?\s*adj\w*|round(?:ed)?[\s-]*off|rundung|arrondi|arrotondamento|redondeo|afronding|afrunding|(?:[öo]res)?avrundning|py[öo]ristys|zaokrouhlen[íi]`;

/** A withholding deducted from what is paid, opening its line: "Withholding (tax)", the Italian "Ritenuta (d'acconto)",
 * the Spanish "Retención (IRPF)", "IRPF". memory/page-arithmetic.ts: the total then is not untaxed + tax. */
export const WITHHOLDING_WORDS = String.raw`withholding|ritenuta|retenci[óo]n|irpf`;

/** The change handed back: "CHANGE" (OCR reads its n as "ri" or "rn": "CHARIGE"), a common English word too ... */
export const CHANGE_WORD_EN = String.raw`cha(?:n|ri|rn)[gq][ez3]`;
/** ... and in the other languages: "BAKI", "Rückgeld" (also as a till without umlauts prints it, "Rueckgeld", and as
 * OCR misreads its umlaut, the letter it errs on most: "Rusckgeld", "Rnckgeld"), "Resto", "Cambio", "Monnaie rendue",
 * "Rendu", "Wisselgeld", "Troco" ("Monnaie" alone is the currency). */
export const CHANGE_WORDS_OTHER = String.raw`baki|r(?:ü|[a-z]{1,2})ckgeld|resto|cambio|monnaie\s*rendue|rendu|wisselgeld|troco`;
export const CHANGE_WORDS = `${CHANGE_WORD_EN}|${CHANGE_WORDS_OTHER}`;
/** A line giving the change back, its word opening it: "CHANGE 5.00", "CASH CHANGE 56.10", "Change due", "Changes RM
 * 50.00", "YOUR CHANGE RM3.80" (OCR: "Y OUR CHANGE"; the plural is the English word's only: "Cambios y devoluciones" is a
 * return policy) — not a word inside another ("RESTORAN", "Tipo de cambio": not opening, or a longer word). totals.ts and page-evidence.ts. */
export const CHANGE_LINE_RE = new RegExp(String.raw`^\W*(cash\s*|y\s?our\s*)?(?:${CHANGE_WORD_EN}s?|${CHANGE_WORDS_OTHER})(\s*due)?\b`, 'i');

/** A card payment under a name only a payment prints: "VISA", "Mastercard", "EC-Karte" / "EC Karte", "EC-Cash" and
 * "electronic cash" (German debit cards' payment line), "V PAY", "girocard", "Pinbetaling", "Bancontact" (Belgium's). */
export const CARD_BRANDS = String.raw`visa|master\s*card|maestro|amex|ec[\s-]?karte|ec[\s-]?cash|electronic\s*cash|v\s?pay|girocard|kartenzahlung|bancomat|bancontact|pinpas|pinnen|pinbetaling|multibanco`;

/** ... and under a common word, a payment's only at the head of a till's payment line: "CARD", "Credit", "Debit",
 * "Carte", "CB" (France's carte bancaire), "Tarjeta", "Carta", "PIN", "Kredit…". */
export const CARD_WORDS = String.raw`${CARD_BRANDS}|master|credit\s*card|credit|debit|card|kredit\w*|carte|cb\b|tarjeta|carta|pin\b`;

/** The two money columns of an account's ledger, headed side by side on one row: a hotel folio's or a statement's
 * "Debit | Credit" (French "Débit | Crédit", Dutch "Debet | Credit", German "Soll | Haben", Spanish "Debe | Haber",
 * Italian "Dare | Avere"). Such a row is a table's heading: its "Credit" names a column, not a card payment. Each word
 * is a heading cell of its own: in one cell with other words they name a payment ("DEBIT/CREDIT CARD 45.00"). */
const LEDGER_DEBIT_CELL_RE = /^\W*(?:d[ée]bit|debet|soll|debe|dare)\W*$/iu;
const LEDGER_CREDIT_CELL_RE = /^\W*(?:cr[ée]dit|haben|haber|avere)\W*$/iu;
/** Whether a row of these cells heads a ledger: a debit heading cell, then a credit heading cell right of it. */
export function headsLedger(cells: readonly { text: string }[]): boolean {
  const debit = cells.findIndex((c) => LEDGER_DEBIT_CELL_RE.test(c.text));
  return debit >= 0 && cells.slice(debit + 1).some((c) => LEDGER_CREDIT_CELL_RE.test(c.text));
}

/** The days of the week, in full and as their first three letters ("Samstag", "Sam", "Sunday", "Sun", "Fri", "Tues",
 * "Thurs"), in English, German, French, Italian, Spanish, Dutch and Portuguese: a date's day, printed before it
 * ("Samstag, 20.03.2021", "Mon, 14-03-21") — no place (keydates.ts: a dateline's place is no weekday). */
const WEEKDAYS_FULL = [
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonnabend', 'sonntag',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
  'lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'lunedi', 'martedi', 'mercoledi', 'giovedi', 'venerdi', 'sabato', 'domenica',
  'lunes', 'martes', 'miércoles', 'miercoles', 'jueves', 'viernes', 'sábado', 'sabado', 'domingo',
  'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag',
  'segunda', 'terça', 'terca', 'quarta', 'quinta', 'sexta',
];
/** Needs the 'u' flag; matches a whole word only when anchored by the caller. */
export const WEEKDAY = [...new Set([...WEEKDAYS_FULL, ...WEEKDAYS_FULL.map((d) => d.slice(0, 3)), 'tues', 'thur', 'thurs'])].join('|');

/** The preposition a letter's dateline puts between its place and its date: "Berlin, den 12.03.2019", "Paris, le 4
 * mars 2019", "Roma, il 3 marzo 2019", "Madrid, el 5 de mayo de 2019", "Amsterdam, op 11-10-19" (keydates.ts). */
export const DATELINE_PREPOSITION = String.raw`den|le|il|el|op`;

/** Every word of a till's payment lines: cash, change, card, and "paid", "tendered", "received". */
export const PAYMENT_WORDS = String.raw`${CASH_WORDS}|${CHANGE_WORDS}|${CARD_WORDS}|paid|payment|tender(?:ed)?|received|bezahlt|bayar`;

/** A line opening with a payment word: where a till's summary ends (what is owed is printed above it). */
export const PAYMENT_LINE_START = new RegExp(String.raw`^\W*(?:${PAYMENT_WORDS})\b`, 'i');

/** "To pay", which labels a till's or a bill's total on its own in each language: "zu zahlen" ("Zu zahlender Betrag"),
 * "à payer" ("A PAYER", "Total à payer", "Reste à payer", "Solde à payer"), "da pagare", "a pagar" (Spanish and
 * Portuguese), "a abonar" (Spanish tills' "IMPORTE A ABONAR"), "te betalen", "te voldoen", "(net) to pay". Not after
 * another letter ("para pagar" is no label). totals.ts (a total's label) and classify.ts (a page that sums up). */
export const TO_PAY = String.raw`(?<![a-zà-ÿ])(?:zu\s*zahlen(?:der\s*betrag)?|[àa]\s*payer|da\s*pagare|a\s*pagar|a\s*abonar|te\s*betalen|te\s*voldoen|nett?o?\s*to\s*pay)`;

/** A voucher or gift card redeemed at the till (totals.ts: a prepayment), in the bundled languages: "Gutschein",
 * "voucher", "gift card", "bon d'achat", "bon immédiat", "buono acquisto", "vale de compra", "tarjeta regalo",
 * "cadeaubon", "tegoedbon", "cartão oferta" (a discount coupon — an item's "Coupon -1,00" above the total, a "bon de
 * réduction", a "Rabattgutschein" — lowers what is owed: no payment). */
export const VOUCHER = String.raw`(?<!rabatt)(?:wert)?gutschein\w*|(?:gift\s*)?voucher|gift\s*card|bons?\s+(?:d['’]achat|imm[ée]diats?|cadeau)|buono\s+(?:acquisto|regalo)|vale\s+(?:de\s+compra|regalo)|tarjeta\s+regalo|cadeaubon|tegoedbon|waardebon|cart[ãa]o\s+(?:oferta|presente)`;

/** A subtotal's label: "SUB TOTAL", "Sub-total", "Subtotale", "Subtotaal", "SUBTOTA" (its last letter lost),
 * "Zwischensumme", "Sous-total", "Total parcial", "Totale parziale", Estonian "Vahesumma". */
export const SUBTOTAL = String.raw`sub\s*-?\s*tota\w*|zwischensumme|sous[\s-]*total|total\s*parcial|totale\s+parziale|vahesumma`;

/** Italian split payment ("scissione dei pagamenti", art. 17-ter DPR 633/72): a public body pays the VAT of its bills
 * to the state, not to the vendor, so what the bill asks to pay is its taxable amount. Its Italian words, not a bare
 * English "split payment" (a till's or a hotel folio's split bill); not negated in its clause ("Operazione non soggetta
 * a scissione dei pagamenti", "Scissione pagamenti: NO"). Needs the 'u' flag. */
export const SPLIT_PAYMENT = String.raw`(?<!(?<![\p{L}])(?:non|no|senza|esclus[ao]|esente)(?![\p{L}])[^.;:|\n]{0,40})(?:scissione\s+(?:dei\s+)?pagamenti|art\.?\s*17[\s-]*ter(?![\p{L}\d]))(?![^.;|\n]{0,3}[:=]?\s*(?:no|non)(?![\p{L}]))`;

/** A balance carried over from earlier bills, its label naming them as earlier (anterior, previo, vorig, précédent,
 * precedente, Vor-): "Saldo bollette precedenti non pagate", "Saldo pendiente de facturas anteriores", "Solde
 * antérieur", "Previous balance", "Vorsaldo". A bare "saldo pendiente" or "openstaand saldo" is what is still owed,
 * often this bill's own amount. */
export const CARRIED_BALANCE = String.raw`saldo\s*(?:precedente|anterior|previo|vorperiode|vorig\w*)|(?:bollette|fatture)\s*precedenti|(?:facturas|recibos)\s*(?:anteriores|previ[oa]s|pendientes\s+anteriores)|solde\s*(?:ant[ée]rieur|pr[ée]c[ée]dent)|previous\s*balance|balance\s*(?:brought\s*)?forward|vorsaldo|saldovortrag|vorig\w*\s*saldo`;

/** A delivery note's name in the bundled languages (its number's label, order.ts; a line quoting one, totals.ts; no
 * invoice number's label, references.ts): "Delivery note", "Lieferschein", "DDT", "Documento di trasporto", "Doc. di
 * trasp.", "Bon de livraison", "Albarán", "Pakbon", "Guia de remessa". */
export const DELIVERY_NOTE_WORDS =
  String.raw`(delivery\s*note|packing\s*slip|despatch\s*advice|dispatch\s*note|lieferschein|ddt|doc(?:umento|\.)?\s+di\s+trasp(?:orto|\.)?|bon\s+de\s+livraison|albar[aá]n|pakbon|guia\s+de\s+remessa)`;

/** A third party's role on a bill, its name printed after it (vendor.ts: no issuer): an energy bill's distribution
 * operator ("Distributore di riferimento: E-DISTRIBUZIONE S.P.A.", "Empresa distribuidora", "Netzbetreiber",
 * "Netbeheerder"), a goods invoice's carrier or forwarder ("Vettore", "Transportista", "Spediteur"). */
export const THIRD_PARTY_ROLE =
  String.raw`(distributore\s+(locale|di\s+riferimento|competente)|impresa\s+distributrice|gestore\s+(della\s+)?rete|(empresa\s+)?distribuidora|gestionnaire\s+(du\s+)?r[ée]seau|(verteil)?netzbetreiber|netbeheerder|distribution\s+(network\s+)?operator|vettore|spedizioniere|transportista|spediteur|transportadora)`;

/** A till slip's title in the bundled languages: "Receipt", "Tax receipt", "Cash bill", "Kassenbon", "Kassenbeleg",
 * "Quittung", "Scontrino", "Ricevuta", "Documento commerciale" (Italy's since 2020), "Ticket", "Recibo", "Reçu",
 * "Kassabon", "Kasticket", "Talão de compra", "Cupom fiscal", "NFC-e", "Nota fiscal de consumidor" (classify.ts: a
 * receipt's title; vendor.ts: a title is no shop's name, and ends a slip's header). */
export const RECEIPT_TITLES = String.raw`\breceipt\b|kassenbon|kassenbeleg|quittung|scontrino|ricevuta|documento\s+commerciale|\bticket\b|\brecibo\b|re[çc]u\b|cash\s*(bill|sale)|tax\s+receipt|kassabon|kas(sa)?ticket|tal[ãa]o\s*de\s*compra|\bcupom\s+fiscal\b|\bnfc-?e\b|nota\s+fiscal\s+(de\s+)?consumidor`;

/** A simplified invoice, Spain's and Portugal's till slip: "Factura simplificada", "Fatura Simplificada" (classify.ts: a
 * receipt's title; references.ts: its number follows it, "Fatura Simplificada FS 0489/040546"). */
export const SIMPLIFIED_INVOICE = String.raw`factura\s+simplificada|fatura\s+simplificada`;

/** A till slip's own number under its receipt's name, in the bundled languages and two neighbours' (references.ts: the
 * receipt's number): German and Dutch "Bon-Nr.", "Bonnr", "Bonnummer", "Kassenbon-Nr.", "Kassabon nr"; Italian
 * "Scontrino n.", "N. scontrino"; Portuguese "Talão n.º", "N.º do talão"; Estonian "Kviitung nr", "Tšekk nr";
 * Romanian "Număr bon", "Nr. bon"; "Ticket #", "Ticket nº", "N° de ticket", "Número de tique", "Ticketnummer". A "no",
 * "nr" or "num" is the number's sign only before a dot, colon, # or digit ("Ticket no válido como factura" is a
 * sentence), a deposit's "Leergutbon Nr." or "Pfandbon Nr." numbers a voucher, and "Bon de commande n°" an order. */
const RECEIPT_NO_SIGN = String.raw`(?:n\.?\s*[°º]\.?|#|(?:nr|no|num|n[úu]m|nummer|number|numero|n[úu]mero|num[ée]ro|n)(?=\s*[.:#]|\s*\d)\.?)`;
export const RECEIPT_NUMBER_LABEL =
  String.raw`(?<![\p{L}])(?:(?:kassen|kassa)?bon\s*-?\s*(?:nr\.?|nummer)(?![\p{L}])|scontrino\s*${RECEIPT_NO_SIGN}|(?:n\.|nr\.?|numero|num\.)\s*(?:dello\s+|di\s+)?scontrino|tal[ãa]o\s*${RECEIPT_NO_SIGN}|n\.?\s*[ºo°]\.?\s*(?:do\s+)?tal[ãa]o|kviitung(?:i)?\s*(?:nr|number)\.?|t[šs]ek(?:k|i)\s*nr\.?|num[aă]r(?:ul)?\s+bon(?:\s+fiscal)?(?![\p{L}])|nr\.?\s*bon(?:\s+fiscal)?(?![\p{L}])|(?:ticket|tique)\s*-?\s*${RECEIPT_NO_SIGN}|ticketnummer|(?:n\.?\s*[°º]\.?|num[ée]ro|n[úu]mero|nr\.?|n[úu]m\.)\s*(?:de\s+|du\s+|del\s+|do\s+)?(?:ticket|tique)(?![\p{L}]))`;

/** A credit note's name in the bundled languages: "Credit note", "Credit memo", "Gutschrift" ("Rechnungsgutschrift"),
 * "Stornorechnung", "Nota di credito", "Nota de crédito", "Note de crédit", "Avoir" ("Facture d'avoir"), "Abono",
 * "Factura rectificativa", "Creditnota", "Creditfactuur", Polish "Faktura korygująca" (classify.ts: the document's type; references.ts: a title
 * before the document's number, "Gutschrift Nr. 55", "Nota di credito n. 4"). */
export const CREDIT_NOTE_WORDS = String.raw`credit\s*note|credit\s*memo|gutschrift|rechnungsgutschrift|nota\s+(?:di|de)\s+cr[eé]dito|(?:facture\s+d['’])?avoir\b|note\s+de\s+cr[eé]dit|abono\b|factura\s+rectificativa|stornorechnung|creditnota|creditfactuur|nota\s+de\s+cr[ée]dito|faktura\s+koryguj[ąa]ca|korekta\b|kreditnota|kreditfaktura|hyvityslasku|dobropis|opravn[ýy]\s+da[ňn]ov[ýy]\s+doklad`;

/** A quotation's name, which no invoice numbers: "Angebot", "Offerte", "Preventivo", "Presupuesto", "Orçamento",
 * "Devis" (classify.ts reads them as a document that is no bill; references.ts as another document's number label). */
export const QUOTATION_WORDS = String.raw`angebot|devis|preventivo|presupuesto|offerte|or[çc]amento\w*`;

/** An amount estimated or quoted before the work, not the one invoiced: the participles and adjectives (not a
 * quotation's name, QUOTATION_WORDS: "Gesamtbetrag gemäß Angebot 12" is the bill's total) that say "estimated",
 * "quoted", "budgeted" in the bundled languages: "Importe total presupuestado",
 * "Totale preventivato", "Montant estimé", "Estimated total", "Quoted total", "Veranschlagter Betrag", "Valor orçado",
 * "Geraamd bedrag" (totals.ts: a total so labelled is a repair order's or a quotation's quoted on the bill, no total
 * of it). Needs the 'u' flag. */
export const ESTIMATE_WORDS = String.raw`(?<![\p{L}])(?:presupuestad[oa]s?|preventivat[oa]|estim[ée]e?s?|estimated|quoted|veranschlagt\p{L}*|gesch[äa]tzt\p{L}*|or[çc]ad[oa]|geraamd\p{L}*|begroot)(?![\p{L}])`;

/** An account statement's title in the bundled languages: "Statement" ("Statement of account"), "Kontoauszug",
 * "Relevé de compte", "Estratto conto", "Extracto de cuenta", "Rekeningoverzicht", "Extrato de conta" (vendor.ts: a
 * document's title alone on its line, like an invoice's or a credit note's, names no issuer). */
export const STATEMENT_TITLES = String.raw`statement(?:\s+of\s+account)?|account\s+statement|kontoauszug|relev[ée](?:\s+de\s+compte)?|estratto\s+conto|extracto(?:\s+de\s+cuenta)?|rekeningoverzicht|extrato(?:\s+de\s+conta)?`;

/** What a footer names before a firm's seat or account, never a name: "Registered office, 12 High Street", "Head office",
 * "Siège social – 12 rue …", "Sitz:", "Sede legale", "Maatschappelijke zetel", "Domicilio social", "Bank:" (vendor.ts:
 * a sole trader's footer imprint). */
/** The words of SEAT_WORDS that name a firm's registered seat alone, no bank and no mere address: only a firm's own
 * register entry prints them after its name (vendor.ts: a footer imprint's entry). */
export const SEAT_ONLY_WORDS = String.raw`registered\s+office|head\s+office|si[èe]ge(?:\s+social)?|sitz(?:\s+der\s+gesellschaft)?|sede(?:\s+(?:legale|sociale|social))?|(?:maatschappelijke\s+)?zetel|domicilio(?:\s+social)?`;
export const SEAT_WORDS = String.raw`${SEAT_ONLY_WORDS}|bank\w*|banque|banca|address|adresse|anschrift|indirizzo|direcci[oó]n|adres|morada`;

/** A post-office box in an address, in the bundled languages: "Postfach 12 34", "Postbus 3101", "P.O. Box 77", "Boîte
 * postale 5", "Case postale 12", "Apartado de Correos 9", "Apdo. 9", "Casella postale 3", "Caixa Postal 12" (vendor.ts: no name, and the end of one). */
export const PO_BOX_WORDS = String.raw`postfach|postbus|p\.?\s?o\.?\s*box|bo[iî]te\s+postale|case\s+postale|apartado\s+(?:de\s+correos|postal)|apdo\.|casella\s+postale|caixa\s+postal`;

/** The trade or company register an issuer prints on its legal line: "HRB", "Handelsregister", "Amtsgericht", "KvK",
 * "RCS", the Maghreb's "RC" (registre de commerce) only before its number ("RC : B123456", "R.C. 12345": "RC AUTOMOBILES",
 * "Assurance RC Pro" are a name and a liability insurance), "SIRET", "REA", "KBO", "Company Reg. No", Poland's "KRS", "REGON", Estonia's "Registrikood", "Reg. kood", and
 * a register's number as Nordic, Dutch and German lines print it, "Org.nr.", "MVA-reg.nr.", "Reg.-Nr." (vendor.ts: the
 * legal line; references.ts: no invoice number). */
export const REGISTER_WORDS = String.raw`kvk|k\.v\.k|hrb|hra|handelsregister|registergericht|amtsgericht|rcs|r\.?\s?c\.?(?=\s*[:.°ºn]*\s*[A-Z]?\s?\d)|siret|siren|rea|kbo|company\s+reg\w*|krs|regon|registrikood|reg\.?\s*kood|(?:reg|org)\.?\s*-?\s*nr`;

/** The words that open a company register's entry as Spanish, Italian and Portuguese bills print it in their footer
 * ("Inscrita en el R.M. de Madrid, Tomo 6049, Libro 0, Folio 97, Hoja M-161884", "Iscritta al Registro delle Imprese",
 * "Matriculada na Conservatória"), and a register's volume with its number ("tomo 4911"): a "Folio" or a number later
 * in that clause numbers the register's page, not the bill (references.ts). A bare "Hoja", "Libro", "Tomo" is none: a
 * page counter's "Hoja 1 de 1", a "Libro de facturas". Needs the 'u' flag. */
export const REGISTER_ENTRY = String.raw`(?<![\p{L}])(?:inscrit[ao]|inscripci[óo]n|iscritt[ao]|iscrizione|registro\s+(?:mercantil|delle\s+imprese)|r\.\s?m\.|tomo\s+\d|matriculad[ao]|conservat[óo]ria)(?![\p{L}])`;
/** REGISTER_ENTRY compiled, as the vendor's footer and the invoice number's register clause read it. */
export const REGISTER_ENTRY_RE = new RegExp(REGISTER_ENTRY, 'iu');

/** Words that go on a total's label after "TOTAL" ("TOTAL INCL. GST", "TOTAL RM", "TOTAL DUE", "TOTAL QTY"): with one
 * of them after it, "TOTAL" inside a line is the label, not a word of a name (vendor.ts). Needs the 'u' flag. */
export const AFTER_TOTAL_WORDS = String.raw`${TAX_NAME}|incl\w*|excl\w*|inkl\w*|amount|amt|due|payable|qty|quantity|items?|sales|rounded|rounding|price|value|discount|saving|paid|nett?|rm|myr|eur|usd|sgd`;

/** Words that lead the company behind a shop, printed under or after the shop's own name ("Owned By :", "operated
 * by", "run by", "a member of"; till slips print it short, "OWN BY:", "Owner by"): vendor.ts. Needs the 'u' flag. */
export const OWNER_WORDS = String.raw`(?!issued)(?:\p{L}*ed|run|own(?:er)?)\s+by|a\s+(?:member|subsidiary|division)\s+of`;

/** Words that lead a firm other than the issuer on a footer line: its owner or parent, its host, the assignee of its
 * claims ("A member of …", "Part of the … Group", "Hosted by …", "Ein Unternehmen der …"): vendor.ts. Needs the 'u'
 * flag. */
export const OTHER_FIRM_LEAD = String.raw`${OWNER_WORDS}|part\s+of|member\s+of|unternehmen\s+der`;
/** Prepositions that, after a lower-case word, make a sentence lead a firm in ("… abgetreten an ABC GmbH", "operated
 * to …"), unlike a name's own "Bank of Ireland" (vendor.ts, case-sensitive). */
export const LEAD_PREPOSITIONS = String.raw`by|of|an|to`;

/** The roles a document names its staff by, a person's name after them (vendor.ts: no issuer's name): a till's
 * cashier or operator, a pharmacy's pharmacist, a bill's sales agent, representative or contact ("Cajero", "Le
 * atendió", "Farmacéutico titular", "Apotheker", "Agente", "Représentant", "Ansprechpartner", "Referente", "Attn."). */
export const STAFF_ROLES = String.raw`cashier|cajer[oa]|cassiere|caissi[eè]re?|kassierer(?:in)?|bediener(?:in)?|verk[äa]ufer(?:in)?|vendedor(?:a)?|vendeur|venditore|sales\s*(?:person|rep\w*|agent)|served\s+by|sold\s+by|atendido\s+por|le\s+atendi[oó]|operador(?:a)?|operatore|waiter|waitress|kellner(?:in)?|camarer[oa]|cameriere|serveur|mesero|pharmacist|farmac[ée]utic[oa](?:\s+titular)?|farmacista|pharmacien(?:ne)?|apotheker(?:in)?|agente|repr[ée]sentant(?:e)?|rappresentante|ansprechpartner(?:in)?|sachbearbeiter(?:in)?|bearbeiter(?:in)?|contact\s+person|persona\s+de\s+contacto|referente|interlocuteur|attn\.?|z\.\s?hd\.?`;
/** Latin American tax ids' labels: Argentina's CUIT/CUIL ("C.U.I.T."), El Salvador's NIT and DUI, Colombia's NIT,
 * Chile's RUT (vat.ts reads the ids): a VAT id's label to the vendor's VAT (vendor.ts), another party's id to the
 * invoice number (references.ts). */
export const LATAM_TAX_ID_LABEL = String.raw`c\.?\s?u\.?\s?i\.?\s?[tl]|n\.?\s?i\.?\s?t|dui|r\.?\s?u\.?\s?t`;

/** A page counter: "Pag.1/1", "Page 2 of 3", "Hoja 1 de 1", "Seite 1 von 2", "Página 1 de 2", "page 1 sur 2" — no
 * invoice number (references.ts), no vendor name (vendor.ts). */
export const PAGE_COUNTER = String.raw`(?:hoja|p[áa]g(?:ina)?|page|seite|blatt)\.?\s*\d+\s*(?:\/|of|de|di|von|sur)\s*\d+`;

/** An Italian tax code's label ("Codice Fiscale", "Cod. Fisc.", "C.F."): a person's or a company's tax code, not always its VAT id. */
export const IT_TAX_CODE_LABEL = String.raw`codice\s*fiscale|cod\.\s*fisc(ale)?|c\.\s?f(?=\.)`;

/** The headings of an item table's own columns, what is sold and how many, in the nine languages ("Description",
 * "Désignation", "Bezeichnung", "Artikel", "Qty", "Menge", "Cantidad", "Ilość", "Kogus"): a row that heads them heads the item lines,
 * and a "Total" beside them heads the line amounts (totals.ts), no summary; with the table's other headings, a row of
 * them is no name (vendor.ts). Space-separated words, lower case. */
export const ITEM_COLUMN_WORDS =
  'item items article articles artikel articolo artículo articulo artigo ' +
  'description descr designation désignation bezeichnung beschreibung omschrijving descrizione descripción descripcion descrição descricao ' +
  'produkt product produit prodotto producto produto ' +
  'qty quantity quantité quantite qté menge anzahl aantal quantità quantita qtà cantidad cant quantidade qtd qtde ' +
  // Polish and Estonian: "Nazwa towaru", "Ilość"; "Nimetus", "Kirjeldus", "Toode", "Kogus"
  'nazwa towar ilość ilosc nimetus kirjeldus toode kogus';

/** Every heading of an item table's or a summary's columns: the item's own (ITEM_COLUMN_WORDS), its code, unit, price,
 * amount, tax, discount and total, in the bundled languages, Spanish tills' abbreviations among them ("Und."/"Uds."
 * units, "Dto." discount, "PVP" retail price): a row of them is no name (vendor.ts isColumnHeading). Space-separated
 * words, lower case. */
export const COLUMN_HEADING_WORDS =
  `${ITEM_COLUMN_WORDS} ` +
  'pos position art code codice código codigo ref réf référence reference referentie ' +
  'concept concepto conceito prestation leistung ' +
  'unit units unité unite einheit eenheid unità unita unidad unidade um ue uom ud ' +
  'price prix preis prijs prezzo precio preço preco rate tarif tarief tariffa ' +
  'unitaire unitario unitário einzelpreis stückpreis stuksprijs ' +
  'amount montant betrag bedrag importo importe valor valore ' +
  'net netto nett ht hors taxe tax taxes tva vat mwst ust btw iva discount remise rabatt korting sconto descuento desconto ' +
  'total totale totaal gesamt summe hours stunden uren ore horas heures days tage dagen giorni días dias jours of de der the du per ' +
  'subtotal subtotaal lote lotto lot batch ean sku kg und uds dto dte pvp stuk stuks pcs excl incl nr no nº n';

/** A bill's title, in the bundled languages and as Polish, Czech and the Nordic languages ("Faktura") and Finnish
 * ("Lasku") print it, and the Czech VAT act's name for an invoice, "Daňový doklad" (tax document): with a number's label and a number after it ("Faktura nr FV 7/2021", "Invoice No. 12") a line
 * is the document's title and number, never its issuer's name; a line with a title word is no name, and a title after
 * a name is cut (vendor.ts). */
export const BILL_TITLE_WORDS = String.raw`tax\s+invoice|invoice|rechnung|facture|fattura|factura|factuur|fatura|faktura|lasku|da[ňn]ov[ýy]\s+doklad`;

/** The label "Address" in the bundled languages ("Adres" is Polish and Dutch, "Adresse" German, French and Nordic,
 * "Adress" Swedish): alone in its cell, its value on the next line, it is a label, never a name (vendor.ts). */
export const ADDRESS_LABEL = String.raw`address|adres|adresse|adress|anschrift|indirizzo|direcci[óo]n|endere[çc]o|morada`;

/** The word or sign for "number" beside a document's name, in the bundled languages: "No", "Nr", "N°", "Nº", "N.",
 * "Nro", "Núm", "Número", "Numéro", "Numero", "Nummer", "Number", Polish "Numer", Czech "Číslo" and its "č." (classify.ts: a title that labels a
 * field, "Invoice No:", or a cited document's number, "Nº Albarán"; keydates.ts: "Fattura n. 123 del"). Its dot, and
 * what may follow it, are each rule's frame. */
export const NUMBER_WORD = String.raw`n\s*[º°o]|nro|nr|n|num[ée]ro|n[úu]mero|n[úu]m|nummer|number|numer|[čc][íi]slo|č`;

/** A label of a count, a number or a code rather than of an amount of money: "No", "Nr", "#", "Kunden-Nr.",
 * "Rechnungsnummer" (NUMBER_WORD, alone or ending a compound), a quantity ("Qty", "Items", "Menge", "Stk", "Pax"), a
 * page, a telephone or fax, a postcode, a table or a room. A number beside one is no amount printed short
 * (confidence/evidence.ts printedWithoutCents). Needs the 'u' flag. */
export const COUNT_OR_ID_LABEL = String.raw`(?<![\p{L}])(?:${NUMBER_WORD})\.?(?![\p{L}])|(?<![\p{L}])\p{L}{0,40}(?:nr|nummer|number)\.?(?![\p{L}])|#|(?<![\p{L}])(?:qty|quantity|items?|menge|stk|pcs|pax|anzahl|page|seite|p[áa]g(?:ina)?|tel|phone|telefon|fax|mob(?:ile)?|post\s*code|postcode|zip|plz|table|tisch|mesa|tavolo|room|zimmer)\.?(?![\p{L}])`;

/** Text put literally into a pattern built from words: its regex metacharacters escaped ("S.A." matches only "S.A."). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Polish bill labels (Poland's "Faktura VAT"; the invoice's number, its dates and its summary), each in one place:
 * the number's label, "Faktura VAT nr FV/2024/118", "Faktura nr 7/2024", "Numer faktury", "Nr faktury" (BILL_LABELS.pl);
 * the issue date's, "Data wystawienia", "Wystawiona dnia", "Data faktury"; the due date's, "Termin płatności",
 * "Termin zapłaty", "Płatne do"; the other dates', the sale's or delivery's ("Data sprzedaży", "Data dostawy", "Data
 * wykonania usługi", BILL_LABELS.pl); the total's, "Do zapłaty", "Razem do zapłaty", "Wartość brutto", "Razem brutto"
 * (BILL_LABELS.pl; the untaxed amount's "Razem netto" and the tax's "Kwota VAT" are read by their words "netto" and "VAT");
 * "Razem" and "Ogółem" alone ("all together") open a tax table's sum row as "Summe" does. Needs the 'u' flag. */
export const PL_TOTAL_BARE = String.raw`(?<![\p{L}])(?:razem|og[óo][łl]em)(?![\p{L}])`;

// Labels in the words a general source gives them rather than a fitted document: Odoo's own invoice report and account
// module in each language (its translations of "Invoice Date", "Due Date", "Amount Due", "Untaxed Amount", "Customer",
// "Vendor") and the names of EN16931's business terms (BT-1 invoice number, BT-2 issue date, BT-9 payment due date,
// BT-13 purchase order reference, BT-10 buyer reference, BT-112/BT-115 total and amount due, BG-4 seller, BG-7 buyer).
// Each list holds the common forms the extractors' own lists lacked; the extractors put them in their frames.

/** A payment's due date in the forms the extractors lacked: "Payment due date" (read whole: "payment due" alone ends
 * before its "date", and a bare "date" after it read as the issue date's label), "Due by", "Due before", "Payment
 * until", "Zahlungsfrist", "Date limite de paiement", "Payable avant", "Da pagare entro", "Fecha límite de pago",
 * "Betalen vóór", "Vencimento", "Data limite de pagamento"; and as Nordic bills print it (bills of Nordic issuers reach
 * users of every bundled language): Norwegian "Forfallsdato", "Forfall", Danish "Forfaldsdato", "Sidste rettidige
 * betalingsdag", Swedish "Förfallodatum", "Förfallodag", Finnish "Eräpäivä" (keydates.ts: a due date's label). */
export const PAYMENT_DUE_BY = String.raw`payment\s*due\s*date|due\s*(?:by|before)|payment\s*until|forfall(?:sdato|sdag)?|forfaldsdato|sidste\s+rettidige\s+betalingsdag|f[öo]rfallo(?:datum|dag)|er[äa]p[äa]iv[äa]|zahlungsfrist|date\s*limite\s*de\s*(?:paiement|r[èe]glement)|payable\s*avant|(?:da\s*)?pagare\s*entro|fecha\s*l[íi]mite\s*de\s*pago|betalen\s*v[óo][óo]r|vencimento|data\s*limite\s*(?:de\s*|para\s*)?pagamento`;

/** The buyer's role (EN16931 BG-7 "Buyer"; Odoo's "Customer") in the words the extractors lacked: "Auftraggeber",
 * "Besteller", "Acquirente", "Comprador", "Adquiriente", "Debiteur", "Geadresseerde", Polish "Nabywca", "Odbiorca",
 * "Kupujący", "Płatnik", "Klient", Estonian "Klient", "Ostja", "Maksja", "Arve saaja", "Tellija" (blocks.ts: a buyer's
 * block header). Needs the 'u' flag. */
export const BUYER_ROLE_WORDS = String.raw`auftraggeber|besteller|acquirente|comprador|adquiriente|debiteur|geadresseerde|nabywc[ay]|odbiorc[ay]|kupuj[ąa]cy|p[łl]atnik|klient|ostja|maksja|arve\s+saaja|tellija`;

/** Words that label the supplier's party on a page its customer prints — a purchase order, a self-billed invoice: "TVA
 * Intracom Fournisseur", "Supplier VAT", "USt-IdNr. Lieferant", "NIF proveedor", "P.IVA fornitore" (confidence/vat-evidence.ts). */
export const SUPPLIER_LABEL_WORDS = String.raw`supplier|vendor|seller|fournisseur|vendeur|lieferant|verk[äa]ufer|proveedor|fornitore|leverancier|fornecedor`;

/** The seller's role (EN16931 BG-4 "Seller"; Odoo's "Vendor") in the words the extractors lacked: "Bill from",
 * "Invoice from", "Auftragnehmer", "Venditore", "Prestador (de serviços)", Polish "Sprzedawca", "Wystawca", "Dostawca",
 * Estonian "Müüja", "Tarnija", "Arve väljastaja", "Teenuse osutaja" (blocks.ts: a seller's block header). Needs the 'u' flag. */
export const SELLER_ROLE_WORDS = String.raw`bill(?:ed)?\s+from|invoice\s+from|auftragnehmer|venditore|prestador(?:\s+de\s+servi[çc]os)?|sprzedawca|wystawca|dostawca|m[üu][üu]ja|tarnija|arve\s+v[äa]ljastaja|teenuse\s+osutaja`;

/** The nouns a party's block header may follow its role word with, in English: "Vendor Details:", "Supplier
 * information", "Seller address" (blocks.ts: a seller's header; a buyer's header word is found anywhere in its text
 * already, "Customer Details"). Needs the 'u' flag. */
export const PARTY_DETAILS_WORDS = String.raw`details?|information|info|data|address|contact(?:\s+details)?`;

/** The buyer's order reference (EN16931 BT-13 "Purchase order reference", BT-10 "Buyer reference") in the words the
 * extractors lacked: "Buyer reference", "Käuferreferenz", "Ihre Referenz", "N° de commande", "Numéro de commande", "Numero ordine",
 * "Riferimento ordine", "Vs. ordine", "Su referencia", "Inkoopordernummer", "Requisição", Polish "Zamówienie nr", "Nr
 * zamówienia", Estonian "Tellimuse nr", "Tellimus", "Ostutellimus" (references.ts: a PO number's label). */
export const ORDER_REFERENCE = String.raw`buyer\s*reference|k[äa]uferreferenz|ihre\s*referenz|(?:n[°º]|num[ée]ro)\s*(?:de\s*)?commande|numero\s*(?:d['’]\s*|dell['’]\s*)?ordine|riferimento\s*ordine|vs\.?\s*ordine|vostro\s*ordine|su\s*referencia|inkoopordernummer|requisi[çc][ãa]o|zam[óo]wienie\s+nr|(?:nr|numer)\.?\s+zam[óo]wienia|(?:ostu)?tellimus(?:e\s*nr\.?)?`;

/** A reference word opening its cell, in each bundled language ("Reference", "Référence", "Riferimento", "Referencia",
 * "Referência", "Referentie", "Referenz"): on a bill whose number has no label of its own, the issuer's reference is
 * that number; the customer's or the order's says so in the words before it. */
export const REFERENCE_WORD = String.raw`r[ée]f[ée]rences?|riferimento|refer[êe]ncia|referencia|referentie|referenz`;
/** Estonian bill labels (Estonia's "Arve"; its number, dates, parties and summary), each in one place, as PL_* are:
 * the number's label "Arve nr", "Arve number"; the issue date's "Arve kuupäev", "Väljastamise kuupäev", "Dok kpv"
 * (kpv: kuupäev); the due date's "Maksetähtaeg", "Maksetähtpäev", "Tähtaeg", "Maksta hiljemalt"; other dates', a
 * stay's arrival and departure ("Saabumine", "Lahkumine"), a delivery's ("Tarneaeg"), a period's; the total's "Summa
 * kokku", "Arve kokku", "Kokku tasuda", "Tasuda", "Tasumisele kuulub", "Summa KM-ga"; the untaxed amount's "Summa
 * käibemaksuta", "Summa KM-ta", "Maksustatav summa", a till's "Netosumma" ("Vahesumma" is a subtotal: SUBTOTAL) —
 * these in BILL_LABELS.et;
 * here the bare words: "Kuupäev" alone as a bare "Date" (keydates.ts), a bare "Kokku" (as a bare "Total");
 * the tax's "Käibemaks", "KM 22%" (a bare "KM" is as often a road's kilometre: only before a rate) (totals.ts); "Käibemaks kokku" is the tax's total, no bill total. Needs the 'u' flag. */
export const ET_DATE_WORD = String.raw`kuup[äa]ev|kpv`;
export const ET_TOTAL_BARE = String.raw`(?<!(?:k[äa]ibemaks|km)\p{L}*\s*)(?<![\p{L}])kokku(?![\p{L}])(?!\s+(?:k[äa]ibemaksuta|km\s*-?\s*ta|ilma))`;
export const ET_TAX = String.raw`(?<![\p{L}])(?:k[äa]ibemaks\p{L}*|km\s*\d{1,2}(?:[.,]\d+)?\s*%)`;

// A bill's field labels in each language the corpus' bills are written in (en, de, fr, it, es, nl, pt; cs, pl, fi, sv,
// da, no, et; hu, ro, sk, sl, hr), from general sources, not from documents: Odoo's account module and invoice report as translated for each
// language ("Invoice Number", "Invoice Date", "Due Date", "Amount Due", "Total Amount", "Untaxed Amount", "Tax Amount",
// "Delivery Date"), the names of EN 16931's business terms (BT-1 invoice number, BT-2 issue date, BT-9 payment due date,
// BT-72 delivery date, BT-109/BT-110/BT-112/BT-115 the totals without VAT, of VAT, with VAT and due for payment), and
// their names in the national renderings of EN 16931 (XRechnung's German "Gesamtbetrag ohne Umsatzsteuer", "Summe
// Umsatzsteuer", "Zahlbetrag"; Factur-X's French "Montant total hors TVA", "Montant à payer"), the language's common
// abbreviation or compound of those words (Italian "Tot." for "Totale", Dutch "Factuurtotaal", "Rekeningbedrag"), and
// the words each country's VAT law prescribes for an invoice (Czech: "daňový doklad", "datum vystavení", "datum
// uskutečnění zdanitelného plnění" — DUZP, the taxable supply's date, no issue date —, "datum splatnosti"; Poland's
// KSeF invoice schema FA(2): "Kwota należności ogółem", the amount due; Danish, Norwegian, Swedish "moms", "mva";
// Finnish "ALV", "veroton", "eräpäivä"; Hungarian "számla sorszáma", "teljesítés dátuma", Slovak "dátum splatnosti",
// Croatian "valuta plaćanja"). Each is a regular-expression source, lower
// case, for the 'iu' flags; the extractors read them as explicit labels of their kind (billLabels joins them).

/** A Slovenian or Croatian "račun" after an account's word is a bank account, not the bill: "Žiro račun br.",
 * "Transakcijski račun št.", "Poslovni račun", "Tekući račun", "Devizni račun", "Plaćanje na račun broj". */
const ACCOUNT_RACUN = String.raw`(?<!(?:[žz]iro|transakcijski|poslovni|teko[čćc]i|devizni|na)[\s-]+)`;


/** One language's labels: the invoice number's, the issue date's, the due date's, another date's (delivery, taxable
 * supply), the total's (with tax, due for payment), the untaxed total's and the tax total's. */
export interface BillLabels {
  number?: string;
  issue?: string;
  due?: string;
  other?: string;
  total?: string;
  untaxed?: string;
  tax?: string;
}

export const BILL_LABELS: Record<'en' | 'de' | 'fr' | 'it' | 'es' | 'nl' | 'pt' | 'cs' | 'pl' | 'fi' | 'sv' | 'da' | 'no' | 'et' | 'hu' | 'ro' | 'sk' | 'sl' | 'hr', BillLabels> = {
  en: {
    number: String.raw`invoice\s+number`,
    issue: String.raw`invoice\s+(?:issue\s+)?date`,
    // (glued, as a generated PDF's field name prints it: "InvoiceDueDate", "PaymentDueDate")
    due: String.raw`(?:payment\s+)?due\s+date|(?:invoice|payment)?due\s*dates?|date\s*due|payment\s*due|due\s*on|pay(?:able)?\s*(?:by|before|until)`,
    other: String.raw`delivery\s+date|actual\s+delivery\s+date`,
    total: String.raw`amount\s+due(?:\s+for\s+payment)?|invoice\s+total\s+amount\s+with\s+vat|total\s+amount|invoice\s+amount`,
    untaxed: String.raw`untaxed\s+amount|invoice\s+total\s+amount\s+without\s+vat|sum\s+of\s+invoice\s+line\s+net\s+amounts?`,
    tax: String.raw`(?:invoice\s+)?total\s+vat\s+amount|tax\s+amount|vat\s+amount`,
  },
  de: {
    number: String.raw`rechnungsnummer`,
    issue: String.raw`rechnungsdatum`,
    // "Fällig am", "Zahlungsziel", "Zahlbar bis", "bis zum", "netto bis"; a compound ending in the due word, joined by
    // its "s" ("Zahlungsfälligkeit", "Rechnungsfälligkeit", "zahlungsfällig am"; not "auffällig")
    due: String.raw`f[äa]lligkeitsdatum|f[äa]llig\w*|\p{L}+sf[äa]llig(?:keit\p{L}*|\s+am)|zahlungsziel|zahlbar\s.*bis|bis\s*zum|netto\s*bis`,
    other: String.raw`liefertermin|lieferdatum|leistungsdatum`,
    total: String.raw`f[äa]lliger\s+(?:zahlungs)?betrag|f[äa]llige[rn]?\s+betrag|(?:gesamt|end|brutto)?rechnungssumme(?!\s*(?:ohne|netto|excl))|zahlbetrag|gesamtbetrag|rechnungsbetrag|rechnungsendbetrag`,
    untaxed: String.raw`nettobetrag|gesamtbetrag\s+netto|(?:gesamtbetrag|summe)\s+(?:der\s+rechnung\s+)?(?:ohne|exkl\.?)\s+(?:umsatzsteuer|ust\.?|mwst\.?)|summe\s+(?:der\s+)?nettobetr[äa]ge`,
    tax: String.raw`steuerbetrag|umsatzsteuerbetrag|mwst\.?\s*-?\s*betrag|(?:gesamtbetrag|summe)\s+(?:der\s+)?(?:umsatzsteuer|ust\.?|mwst\.?)`,
  },
  fr: {
    // (the common abbreviation "fact." of "facture", before or after the number's sign: "Fact. n°", "N° fact.")
    number: String.raw`num[ée]ro\s+de\s+(?:la\s+)?facture|fact\.\s*(?:n[°º]|num[ée]ro)|(?:n[°º]|num[ée]ro)\s*(?:de\s+)?fact\.`,
    issue: String.raw`date\s+de\s+(?:la\s+)?facture|date\s+de\s+facturation`,
    due: String.raw`date\s+d['’]\s*[ée]ch[ée]ance|[ée]ch[ée]ances?|[àa]\s*r[ée]gler\s*avant`,
    other: String.raw`date\s+de\s+livraison`,
    total: String.raw`montant\s+d[ûu](?!\s+\p{L})|montant\s+total(?:\s+ttc)?|total\s+ttc|montant\s+(?:net\s+)?[àa]\s+payer`,
    untaxed: String.raw`montant\s+(?:total\s+)?hors\s+(?:taxes?|tva)|total\s+(?:ht|hors\s+tva)`,
    tax: String.raw`montant\s+(?:total\s+)?(?:de\s+(?:la\s+)?)?tva|total\s+(?:de\s+(?:la\s+)?)?tva`,
  },
  it: {
    // (the common abbreviation "fatt." of "fattura", before or after the number's sign: "Fatt. n.", "N. fatt.")
    number: String.raw`numero\s+(?:della\s+)?fattura|fatt\.\s*(?:n(?:r|um)?\.?|numero|n[°º])|(?:n(?:r|um)?\.?|numero|n[°º])\s*fatt\.`,
    issue: String.raw`data\s+(?:della\s+)?fattura`,
    // (glued, as a generated PDF's field name prints it: "DataScadenza")
    due: String.raw`(?:data\s*(?:di\s*)?)?scadenza(?:\s+(?:fino\s+)?al)?|entro\s*il`,
    other: String.raw`data\s+(?:di\s+)?consegna`,
    total: String.raw`importo\s+dovuto|importo\s+totale|tot(?:ale|\.)\s*(?:documento|fattura)`,
    untaxed: String.raw`importo\s+imponibile|tot(?:ale|\.)\s*imponibile`,
    tax: String.raw`tot(?:ale|\.)\s*iva|importo\s+iva`,
  },
  es: {
    number: String.raw`n[úu]mero\s+de\s+(?:la\s+)?factura`,
    issue: String.raw`fecha\s+de\s+(?:la\s+)?factura|fecha\s+de\s+emisi[óo]n`,
    due: String.raw`fecha\s+de\s+vencimiento|vencimientos?(?:\s+hasta(?:\s+el)?)?|vence`,
    other: String.raw`fecha\s+de\s+entrega`,
    total: String.raw`importe\s+adeudado|importe\s+total|total\s+a\s+pagar`,
    // (and its common abbreviation on a summary table's heading, "Base Imp.")
    untaxed: String.raw`importe\s+base|base\s+imp(?:onible|\.)`,
    tax: String.raw`cuota\s+(?:de\s+)?iva|importe\s+(?:del\s+)?iva|total\s+iva`,
  },
  nl: {
    number: String.raw`factuurnummer`,
    issue: String.raw`factuurdatum`,
    due: String.raw`vervaldatum|vervaldag(?:en)?|te\s*betalen\s*voor|uiterste\s*betaaldatum`,
    other: String.raw`leverdatum|leveringsdatum`,
    total: String.raw`(?:openstaand|verschuldigd)\s+bedrag|totaalbedrag|te\s+betalen(?:\s+bedrag)?|factuurtotaal|rekenings?bedrag|totaal\s+(?:incl\.?|inclusief)\s+btw`,
    untaxed: String.raw`(?:totaal|bedrag)\s+(?:excl\.?|exclusief)\s+btw`,
    tax: String.raw`btw[\s-]*bedrag|totaal\s+btw`,
  },
  pt: {
    number: String.raw`n[úu]mero\s+da\s+fatura`,
    issue: String.raw`data\s+da\s+fatura|data\s+de\s+emiss[ãa]o`,
    due: String.raw`data\s*(?:de\s*)?vencimentos?|vencimentos|pagar\s*at[ée]`,
    other: String.raw`data\s+de\s+entrega`,
    total: String.raw`(?:valor|montante)\s+(?:em\s+d[íi]vida|devido)|montante\s+total|total\s+a\s+pagar`,
    untaxed: String.raw`valor\s+sem\s+impostos|total\s+sem\s+iva`,
    tax: String.raw`total\s+(?:do\s+)?iva|valor\s+do\s+iva`,
  },
  cs: {
    // "Číslo faktury"; a title and "č." (číslo): "Faktura č. 123", "Faktura - daňový doklad č. 123", "Daňový doklad č."
    number: String.raw`[čc][íi]slo\s+(?:faktury|dokladu)|(?:faktura|da[ňn]ov[ýy]\s+doklad)(?:\s*[-–]\s*da[ňn]ov[ýy]\s+doklad)?\s*(?:č\.?|[čc][íi]slo)`,
    issue: String.raw`datum\s+vystaven[íi]|datum\s+vyhotoven[íi]|datum\s+faktury`,
    due: String.raw`datum\s+splatnosti|splatnost|splatno`,
    other: String.raw`duzp|datum\s+(?:uskute[čc]n[ěe]n[íi]\s+)?zdaniteln[ée]ho\s+pln[ěe]n[íi]|datum\s+pln[ěe]n[íi]|datum\s+dod[áa]n[íi]`,
    total: String.raw`(?:celkem|[čc][áa]stka|zb[ýy]v[áa])\s+k\s+[úu]hrad[ěe]|k\s+[úu]hrad[ěe]|celkov[áa]\s+[čc][áa]stka|splatn[áa]\s+[čc][áa]stka|celkem\s+(?:s|v[čc]\.?|v[čc]etn[ěe])\s+dph`,
    untaxed: String.raw`(?:[čc][áa]stka|celkem)\s+bez\s+dph|z[áa]klad\s+dan[ěe]`,
    tax: String.raw`(?:celkem|v[ýy][šs]e|[čc][áa]stka)\s+dph`,
  },
  pl: {
    // "Faktura VAT nr FV/2024/118", "Faktura korygująca nr", "Faktura nr 7/2024", "Numer faktury", "Nr. faktury"
    number: String.raw`faktur[ay]\s+(?:vat\s+)?(?:koryguj[ąa]c[ay]\s+)?(?:nr|numer)\.?|(?:nr|numer)\.?\s+faktury`,
    issue: String.raw`data\s+wystawienia|wystawion[ay]\s+(?:dnia|w\s+dniu)|data\s+faktury`,
    due: String.raw`termin\s+(?:p[łl]atno[śs]ci|zap[łl]aty)|p[łl]atne\s+do`,
    // the VAT act's "data dokonania lub zakończenia dostawy towarów lub wykonania usługi" (art. 106e) is the delivery date
    other: String.raw`data\s+(?:sprzeda[żz]y|dostawy|wykonania|dokonania|zako[ńn]czenia)`,
    total: String.raw`nale[żz]no[śs][ćc]|kwota\s+nale[żz]no[śs]ci(?:\s+og[óo][łl]em)?|kwota\s+nale[żz]na|[łl][ąa]czna\s+kwota|(?:razem\s+)?do\s+zap[łl]aty|warto[śs][ćc]\s+brutto|razem\s+brutto|suma\s+brutto`,
    untaxed: String.raw`kwota\s+bez\s+podatku|(?:razem|warto[śs][ćc]|suma)\s+netto`,
    tax: String.raw`kwota\s+(?:vat|podatku)|(?:razem|warto[śs][ćc])\s+vat`,
  },
  fi: {
    number: String.raw`laskun\s*(?:numero|nro|nr)|laskunumero|lasku\s*(?:nro|nr)`,
    issue: String.raw`laskun\s+p[äa]iv[äa](?:ys|m[äa][äa]r[äa])|laskup[äa]iv[äa](?:m[äa][äa]r[äa])?`,
    due: String.raw`er[äa]p[äa]iv[äa]`,
    other: String.raw`toimitusp[äa]iv[äa](?:m[äa][äa]r[äa])?`,
    total: String.raw`maksettava(?:\s+(?:summa|yhteens[äa]))?|loppusumma|yhteens[äa]\s+verollinen|verollinen\s+yhteens[äa]`,
    untaxed: String.raw`veroton(?:\s+(?:summa|hinta|yhteens[äa]))?|verottamaton\s+summa|yhteens[äa]\s+veroton`,
    tax: String.raw`arvonlis[äa]vero(?:\s+yhteens[äa])?|alv\s+yhteens[äa]`,
  },
  sv: {
    // "Fakturanummer", "Fakturanr.", "Faktura-nr.", "Faktura nummer" ("Faktura nr." is Polish's, read once)
    number: String.raw`faktura(?:\s*-\s*(?:nummer|nr)|nummer|nr|\s+nummer)\.?`,
    issue: String.raw`fakturadatum`,
    due: String.raw`f[öo]rfallodatum|f[öo]rfallodag|betalas\s+senast|sista\s+betalningsdag`,
    other: String.raw`leveransdatum`,
    total: String.raw`(?:summa|belopp)\s+att\s+betala|att\s+betala|totalsumma|utest[åa]ende\s+belopp`,
    untaxed: String.raw`(?:summa|belopp|totalt)\s+exkl\.?\s+moms|exkl\.?\s+moms`,
    tax: String.raw`momsbelopp|(?:summa|totalt)\s+moms|moms\s+totalt`,
  },
  da: {
    // "Fakturanummer", "Fakturanr.", "Faktura-nr.", "Faktura nummer" ("Faktura nr." is Polish's, read once)
    number: String.raw`faktura(?:\s*-\s*(?:nummer|nr)|nummer|nr|\s+nummer)\.?`,
    issue: String.raw`fakturadato`,
    due: String.raw`forfaldsdato|betalingsfrist`,
    other: String.raw`leveringsdato`,
    total: String.raw`bel[øo]b\s+at\s+betale|^\W*at\s+betale|bel[øo]b\s+i\s+alt|(?:total|i\s+alt)\s+inkl\.?\s+moms|forfaldent\s+bel[øo]b`,
    untaxed: String.raw`bel[øo]b\s+f[øo]r\s+moms|(?:subtotal|total|bel[øo]b|i\s+alt)\s+ekskl\.?\s+moms|ekskl\.?\s+moms`,
    tax: String.raw`momsbel[øo]b|moms\s+i\s+alt|moms\s+udg[øo]r`,
  },
  no: {
    // "Fakturanummer", "Fakturanr.", "Faktura-nr.", "Faktura nummer" ("Faktura nr." is Polish's, read once)
    number: String.raw`faktura(?:\s*-\s*(?:nummer|nr)|nummer|nr|\s+nummer)\.?`,
    issue: String.raw`fakturadato`,
    due: String.raw`forfallsdato|betalingsfrist`,
    other: String.raw`leveringsdato`,
    total: String.raw`(?:sum|bel[øo]p)\s+[åa]\s+betale|^\W*[åa]\s+betale|totalbel[øo]p|skyldig\s+bel[øo]p`,
    untaxed: String.raw`(?:sum|bel[øo]p|totalt)\s+eks(?:kl)?\.?\s+mva|eks(?:kl)?\.?\s+mva|nettobel[øo]p`,
    tax: String.raw`mva[\s-]*bel[øo]p|merverdiavgift|(?:sum|totalt)\s+mva`,
  },
  et: {
    // "Arve nr", "Arve number", "Arve no."
    number: String.raw`arve\s*(?:nr|number|no)\.?`,
    issue: String.raw`arve\s+kuup[äa]ev|(?:v[äa]ljastamise|koostamise|esitamise)\s+kuup[äa]ev|dok(?:umendi)?\.?\s*kpv`,
    // (a compound of the payment's word: "Maksetähtaeg", "Tasumistähtaeg", "Maksmistähtpäev")
    due: String.raw`(?:makse|maksmis|tasumis)?t[äa]ht(?:aeg|p[äa]ev)|(?:maksta|tasuda)\s+hiljemalt`,
    other: String.raw`saabumine|lahkumine|tarne\p{L}*|periood`,
    total: String.raw`(?:summa|arve)\s+kokku|kokku\s+tasuda|tasumisele\s+kuulu\p{L}*|tasuda|(?:summa|kokku)\s+(?:km|k[äa]ibemaksu)\s*-?\s*ga`,
    untaxed: String.raw`(?:summa|kokku)\s+(?:k[äa]ibemaksuta|km\s*-?\s*ta|ilma\s+(?:k[äa]ibemaksuta|km\s*-?\s*ta))|maksustatav\s+summa|k[äa]ibemaksuta\s+summa|${ET_NET_SUM}`,
    // "Käibemaks kokku", the tax's total
    tax: String.raw`k[äa]ibemaks\p{L}*\s+kokku`,
  },
  hu: {
    // "Számla sorszáma" (not "Számla száma" nor "Számlaszám": a bank account's number as often as the invoice's,
    // "Kedvezményezett számla száma: 11773016-…")
    number: String.raw`sz[áa]mla\s+sorsz[áa]ma`,
    // "Számla kelte", "Kiállítás kelte" (not a bare "kelte", any paper's date: "Megrendelés kelte", "Szerződés kelte")
    issue: String.raw`sz[áa]mla\s+kelte|ki[áa]ll[íi]t[áa]s\s+(?:d[áa]tuma|kelte)`,
    due: String.raw`fizet[ée]si\s+hat[áa]rid[őo]|esed[ée]kess[ée]g(?:\s+d[áa]tuma)?`,
    // the VAT act's "teljesítés dátuma", the supply's date, printed on every bill beside the issue date
    other: String.raw`teljes[íi]t[ée]s\s+(?:d[áa]tuma|kelte|id[őo]pontja)`,
    total: String.raw`fizetend[őo](?:\s+(?:[öo]sszeg|v[ée]g[öo]sszeg))?|brutt[óo]\s+(?:[öo]sszeg|v[ée]g[öo]sszeg|[öo]sszesen)|v[ée]g[öo]sszeg|sz[áa]mla\s+[öo]sszesen`,
    untaxed: String.raw`nett[óo]\s+(?:[öo]sszeg|[ée]rt[ée]k|[öo]sszesen)`,
    tax: String.raw`[áa]fa\s+(?:[öo]sszeg|[ée]rt[ée]k|[öo]sszesen)`,
  },
  ro: {
    // "Număr factură", "Nr. factură", "Factura nr.", "Factură fiscală nr."
    number: String.raw`num[ăa]r\s+(?:de\s+)?factur[ăa]|nr\.?\s*factur[ăa]|factur[ăa]\s+(?:fiscal[ăa]\s+)?(?:nr\.?|num[ăa]r)`,
    issue: String.raw`data\s+(?:emiterii|emitere|factur(?:ii|[ăa]rii))`,
    due: String.raw`data\s+scaden[țţt]ei|scaden[țţt][ăa]|termen\s+de\s+plat[ăa]`,
    other: String.raw`data\s+livr[ăa]rii`,
    total: String.raw`total\s+(?:de\s+)?plat[ăa]|total\s+factur[ăa]|suma\s+de\s+plat[ăa]`,
    untaxed: String.raw`(?:total|valoare)\s+f[ăa]r[ăa]\s+tva|baz[ăa]\s+(?:de\s+)?impozitare`,
    tax: String.raw`valoare(?:a)?\s+tva|total\s+tva`,
  },
  sk: {
    // "Číslo faktúry", "Faktúra č.", "Faktúra - daňový doklad č."
    number: String.raw`[čc][íi]slo\s+fakt[úu]ry|fakt[úu]ra(?:\s*[-–]\s*da[ňn]ov[ýy]\s+doklad)?\s*(?:č\.?|[čc][íi]slo)`,
    issue: String.raw`d[áa]tum\s+(?:vystavenia|vyhotovenia)`,
    due: String.raw`d[áa]tum\s+splatnosti|splatnos[ťt]`,
    other: String.raw`d[áa]tum\s+(?:dodania(?:\s+tovaru)?|zdaniteľn[ée]ho\s+plnenia)`,
    total: String.raw`(?:celkom|suma)\s+(?:k|na)\s+[úu]hrad[eu]|k\s+[úu]hrade|celkov[áa]\s+suma|celkom\s+s\s+dph`,
    untaxed: String.raw`(?:celkom|suma)\s+bez\s+dph|z[áa]klad\s+dane`,
    tax: String.raw`(?:celkom|suma|v[ýy][šs]ka)\s+dph|dph\s+celkom`,
  },
  sl: {
    // "Številka računa", "Št. računa", "Račun št." ("račun" is a bank account too: not after an account's word,
    // "Poslovni račun št.", "Transakcijski račun št.", "na račun št."; ACCOUNT_RACUN)
    number: String.raw`[šs]tevilka\s+ra[čc]una|[šs]t\.\s*ra[čc]una|${ACCOUNT_RACUN}ra[čc]un\s*(?:[šs]t\.?|[šs]tevilka)`,
    issue: String.raw`datum\s+izdaje(?:\s+ra[čc]una)?`,
    due: String.raw`rok\s+pla[čc]ila|datum\s+zapadlosti|zapadlost`,
    other: String.raw`datum\s+(?:opravljene\s+storitve|opravljanja\s+storitve|dobave)`,
    // (a bare "za plačilo", "to pay", only where it opens the line: it is a phrase of running text too)
    total: String.raw`(?:skupaj|znesek)\s+za\s+pla[čc]ilo|^\W*za\s+pla[čc]ilo|skupaj\s+z\s+ddv`,
    untaxed: String.raw`(?:skupaj|znesek)\s+brez\s+ddv|osnova\s+za\s+ddv`,
    tax: String.raw`(?:znesek|skupaj)\s+ddv|ddv\s+skupaj`,
  },
  hr: {
    // "Broj računa", "Br. računa", "Račun br.", "Račun broj" (not "Žiro račun br.", "Plaćanje na račun broj": an
    // account's; ACCOUNT_RACUN)
    number: String.raw`broj\s+ra[čc]una|br\.\s*ra[čc]una|${ACCOUNT_RACUN}ra[čc]un\s*(?:br\.?|broj)`,
    issue: String.raw`datum\s+(?:i\s+vrijeme\s+)?izdavanja|datum\s+ra[čc]una`,
    // "Valuta plaćanja" is the payment's due date in Croatian
    due: String.raw`datum\s+dospije[ćc]a|dospije[ćc]e|rok\s+pla[ćc]anja|valuta\s+pla[ćc]anja`,
    other: String.raw`datum\s+isporuke`,
    total: String.raw`(?:ukupno|iznos)\s+za\s+pla[ćc]anje|ukupno\s+za\s+platiti|^\W*za\s+platiti|ukupan\s+iznos|sveukupno|ukupno\s+s\s+pdv-?om`,
    untaxed: String.raw`(?:iznos|ukupno)\s+bez\s+pdv-?a|ukupna\s+osnovica`,
    tax: String.raw`(?:iznos|ukupno)\s+pdv-?a|pdv\s+ukupno`,
  },
};

/** Every language's labels of one kind, as one source whose match is a whole word (not inside a longer word). */
export function billLabels(kind: keyof BillLabels): string {
  const sources = Object.values(BILL_LABELS).map((l) => l[kind]).filter((s): s is string => !!s);
  return String.raw`(?<![\p{L}])(?:${sources.join('|')})(?![\p{L}])`;
}

/** The date's bare word ("Date" alone) in the languages BILL_LABELS adds: Czech and Swedish "Datum", Danish and
 * Norwegian "Dato" (not after an article: Italian and Spanish "il dato", "el dato" is a datum), Finnish "Päivämäärä", "Päiväys",
 * "Pvm" — a weak issue-date label, as "Date" is (keydates.ts). */
export const DATE_WORD_NORDIC_CS = String.raw`(?<!(?:il|el|un|lo|del|al)\s+)dato|p[äa]iv[äa]m[äa][äa]r[äa]|p[äa]iv[äa]ys|pvm`;

/** A total's bare word in the languages BILL_LABELS adds: Czech "Celkem", Finnish "Yhteensä", Swedish and Norwegian
 * "Totalt", Danish "I alt" ("all together") — a weak total label, as a bare "Total" is (totals.ts). */
export const TOTAL_WORD_NORDIC_CS = String.raw`(?<![\p{L}])(?:celkem|yhteens[äa]|totalt|i\s+alt)(?![\p{L}])`;

/** The tax's bare name in the languages BILL_LABELS adds: Czech "DPH", Finnish "ALV", Danish and Swedish "Moms",
 * Norwegian "MVA" — a weak tax label, as a bare "VAT" is (totals.ts), but only where it opens the label: they are
 * words of other languages too ("Happy Moms Bakery", Italian "alv."). */
export const TAX_WORD_NORDIC_CS = String.raw`^\W*(?:dph|alv|moms|mva)(?![\p{L}])`;
