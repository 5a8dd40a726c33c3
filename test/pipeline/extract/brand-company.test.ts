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
  const once = ['¿a fresko', 'Tu tienda de barrio', 'Supermercados del Sol S.L.', '0214 - Mercado Central', 'TEL. 912 345 678', '1 LECHE FRESKO 1L  |  0,89', '1 PAN BLANCO  |  1,20', 'TOTAL  |  2,09'];
  assert.equal(slipVendor(once), 'Supermercados del Sol S.L.');
  // a logo read clean (a word in capitals alone on its line) is the letterhead's already: the word printed again
  // adds nothing that would put the brand over its company
  const clean = ['NORDA', 'NORDA ELEKTRO HANDELSGES.MBH', 'Kamp 3', '33098 Paderborn', 'Summe  |  9,99', 'Noch keine NORDA CARD?', 'Jetzt NORDA CARD-Mitglied werden'];
  assert.equal(slipVendor(clean), 'NORDA ELEKTRO HANDELSGES.MBH');
});

test('receipt vendor: the brand\'s bank, a sentence about the brand, or its network operator is no company behind it', () => {
  // a bank named after the brand (its card's issuer) prints the brand's word first and a company form
  const bank = ['FRESKO', 'Hauptstraße 12', '10115 Berlin', 'Brot  |  2,49', 'Milch  |  1,19', 'SUMME  |  3,68', 'Vielen Dank', 'Fresko Bank AG, Bonn'];
  assert.equal(slipVendor(bank), 'FRESKO');
  // a sentence that begins with the brand and ends in a company: words in small letters no name holds
  const sentence = ['HOLIDAY', 'Hauptstraße 12', '10115 Berlin', 'Zimmer  |  92,00', 'SUMME  |  92,00', 'Holiday Inn is a brand of IHG Hotels Limited'];
  assert.equal(slipVendor(sentence), 'HOLIDAY');
  // the network operator's role on the row above its name
  const operator = ['Stadtwerke Musterstadt', 'Hauptstraße 12', '10115 Berlin', 'Rechnung', 'Summe  |  92,00', 'Ihr Netzbetreiber', 'Stadtwerke Musterstadt Netz GmbH'];
  assert.equal(slipVendor(operator), 'Stadtwerke Musterstadt');
  assert.equal(extractVendor(buildRows(docFromLines(operator))).vendor_name.value, 'Stadtwerke Musterstadt');
});

test('receipt vendor: a table\'s number at the top, printed again on the orders, is no logo', () => {
  // (the letterhead still reads the table's row as a name on a header this short: left to the letterhead's rules)
  const slip = ['Tisch 12', 'Gasthaus zur Linde', 'Tel. 0711 123456', 'Bedienung: Anna, Tisch 12', 'Schnitzel  |  12,50', 'Summe  |  12,50', 'Bezahlt Tisch 12'];
  const { explain } = extractVendor(buildRows(docFromLines(slip)), { tillSlip: true });
  const why = [...(explain.vendor_name.winner?.why ?? []), ...(explain.vendor_name.runner_up?.why ?? [])];
  assert.deepEqual(why.filter((w) => w.startsWith('logo-repeated')), []);
  assert.notEqual(explain.vendor_name.winner?.value, 'Tisch');
  const withAddress = ['Tisch 12', 'Gasthaus zur Linde', 'Lindenstraße 5', '70173 Stuttgart', 'Tisch 12 Bed. 3', 'Schnitzel  |  12,50', 'Summe  |  12,50', 'Tisch 12 bezahlt'];
  assert.equal(slipVendor(withAddress), 'Gasthaus zur Linde');
});
