import assert from 'node:assert/strict';
import { test } from 'node:test';
import { textSuggestsCode } from '../../../src/pipeline/qr/find.js';

test("a QR-bill's payment part is a cue in each language; a receipt's heading word alone is none", () => {
  // the payment part's title and its "Account / Payable to" heading, as a QR-bill prints them
  for (const page of ['Ricevuta\nConto / Pagabile a\nSezione pagamento', 'Empfangsschein\nZahlteil\nKonto / Zahlbar an', 'Récépissé\nSection paiement', 'Receipt\nPayment part\nAccount / Payable to']) {
    assert.equal(textSuggestsCode(page), true, page);
  }
  // everyday words of bills and till receipts: no page rendered for a code
  for (const page of ['Totale ricevuta | € 11,96', 'Ricevuta fiscale n. 12', 'Récépissé de dépôt', 'Empfangsschein für Ihre Unterlagen', 'Quittanza']) {
    assert.equal(textSuggestsCode(page), false, page);
  }
});
