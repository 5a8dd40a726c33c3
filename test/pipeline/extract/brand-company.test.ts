// A till slip's brand and the company behind it (issue #13, European tills): a shop heads its slip with its brand (a
// logo, a word, its web domain) and prints the company that issues the slip elsewhere, the brand's words first and a
// company form after them; and a chain prints its own name again through the slip (its own-brand items, its loyalty
// scheme), which names it when the logo was read in small letters behind debris. Snippets written for these tests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractVendor } from '../../../src/pipeline/extract/vendor.js';
import { docFromLines } from './helpers.js';

const slipVendor = (lines: string[]) => extractVendor(buildRows(docFromLines(lines)), { tillSlip: true }).vendor_name.value;

test('receipt vendor: the company printed with the brand\'s words first and a company form is the issuer, not the brand alone', () => {
  const slip = ['FRESKO', 'Hauptstraße 12', '10115 Berlin', 'Brot  |  2,49', 'Milch  |  1,19', 'SUMME  |  3,68', 'Vielen Dank', 'Fresko Lebensmittel GmbH', 'Am Markt 3'];
  assert.equal(slipVendor(slip), 'Fresko Lebensmittel GmbH');
  // a brand that only the web domain names (the logo unread), its company spelt with a letter a domain cannot hold
  // and Norway's "AS" in capitals
  const noLogo = ['Kvittering', 'Brød  |  39,00', 'Totalt  |  39,00', 'Takk for handelen! www.skovbua.no', 'Skøvbua Norge AS', 'Org. nr. 912345678'];
  assert.equal(slipVendor(noLogo), 'Skøvbua Norge AS');
  // a company that does not begin with the brand (the card processor's) is no issuer of it
  const other = ['FRESKO', 'Hauptstraße 12', '10115 Berlin', 'Brot  |  2,49', 'SUMME  |  2,49', 'Zahlung über Kartenwelt Payments GmbH'];
  assert.equal(slipVendor(other), 'FRESKO');
});

test('receipt vendor: a logo word read in small letters behind debris names the shop when the slip prints it again on two rows', () => {
  const slip = ['¿a fresko', 'Tu tienda de barrio', '0214 - Mercado Central', 'TEL. 912 345 678', '1 LECHE FRESKO 1L  |  0,89', '1 PAN FRESKO 250G  |  1,20', 'TOTAL  |  2,09'];
  assert.equal(slipVendor(slip), 'FRESKO');
  // printed again once only: one item of that name says nothing of the shop
  const once = ['¿a fresko', 'Tu tienda de barrio', '0214 - Mercado Central', 'TEL. 912 345 678', '1 LECHE FRESKO 1L  |  0,89', '1 PAN BLANCO  |  1,20', 'TOTAL  |  2,09'];
  assert.notEqual(slipVendor(once), 'FRESKO');
  // a logo read clean (a word in capitals alone on its line) is the letterhead's already: the word printed again
  // adds nothing that would put the brand over its company
  const clean = ['NORDA', 'NORDA ELEKTRO HANDELSGES.MBH', 'Kamp 3', '33098 Paderborn', 'Summe  |  9,99', 'Noch keine NORDA CARD?', 'Jetzt NORDA CARD-Mitglied werden'];
  assert.equal(slipVendor(clean), 'NORDA ELEKTRO HANDELSGES.MBH');
});
