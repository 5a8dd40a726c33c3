// A credit note cites the invoice it cancels or corrects ("Gutschrift zu Rechnung Nr. …", "Annulation de la facture
// n° …"): that number, after an explicit invoice label, is the cited invoice's, never the credit note's own
// (words.ts CITED_INVOICE). Made-up documents.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractInvoiceNumber } from '../../../src/pipeline/extract/references.js';
import { docFromLines } from './helpers.js';

const numberOf = (lines: string[]) => extractInvoiceNumber(buildRows(docFromLines(lines))).value;

test('the cancelled or corrected invoice\'s number is not the credit note\'s, in each bundled language', () => {
  const cases: [string[], string][] = [
    [['GUTSCHRIFT', 'Gutschrift Nr. GS-2024-0007', 'Gutschrift zu Rechnung Nr. RE-2024-0118 vom 02.03.2024'], 'GS-2024-0007'],
    [['Storno der Rechnung Nr. RE-2024-0118', 'Beleg-Nr. ST-2024-5'], 'ST-2024-5'],
    [['Korrektur zur Rechnung Nr. RE-2024-0118', 'Belegnummer KR-77'], 'KR-77'],
    [['Annulation de la facture n° FA-2024-118', 'AVOIR AV-2024-12'], 'AV-2024-12'],
    [['Avoir n° AV-2024-12', 'Avoir sur facture n° FA-2024-118'], 'AV-2024-12'],
    [['Nota di credito relativa alla fattura n. 118/2024 del 02/03/2024', 'Numero documento 12/2024'], '12/2024'],
    [['Cancellation of invoice no. INV-0118', 'CREDIT NOTE CN-0012'], 'CN-0012'],
    [['Credit note for invoice no. INV-0118', 'Credit note no. CN-0012'], 'CN-0012'],
    [['Factura rectificativa nº R-2024-5', 'Rectifica a la factura nº F-2024-118'], 'R-2024-5'],
    [['Nota de crédito nº NC-12', 'Anulación de la factura nº F-2024-118'], 'NC-12'],
    [['Nota de crédito n.º NC-12', 'Referente à fatura n.º FT 2024/118'], 'NC-12'],
    [['Creditnota nummer CN-12', 'Creditering van factuur nr. F-2024-118'], 'CN-12'],
  ];
  for (const [lines, want] of cases) assert.equal(numberOf(lines), want, lines.join(' / '));
});

test('a title naming the document itself, or a sentence before the label, cites no other invoice', () => {
  // a word right before the invoice's name is the document's title: a correction invoice, a credit note with its label
  assert.equal(numberOf(['Correction invoice no. KR-2024-5']), 'KR-2024-5');
  assert.equal(numberOf(['CREDIT NOTE / Invoice No. CN-0012']), 'CN-0012');
  // a sentence's full stop ends the clause: the label after it is the bill's own
  assert.equal(numberOf(['Merci de nous avoir choisis. Facture n° FA-2024-300']), 'FA-2024-300');
  assert.equal(numberOf(['Rechnung Nr. RE-2024-0200', 'Bitte bei Zahlung angeben']), 'RE-2024-0200');
});
