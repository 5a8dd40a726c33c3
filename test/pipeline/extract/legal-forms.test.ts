// The legal forms' two spellings agree (extract/legal-forms.ts): each form as printed is read whole by LEGAL_FORMS,
// and its words, dots and accents dropped, are LEGAL_FORM_WORDS — the name comparisons leave out what the vendor's
// rules read as a form.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasLegalForm } from '../../../src/pipeline/confidence/page-evidence.js';
import { COMPANY_FORMS, LEGAL_FORM_WORDS, LEGAL_FORMS } from '../../../src/pipeline/extract/legal-forms.js';

const PRINTED = ['GmbH', 'KGaA', 'e.K.', 'SARL', 'S.à r.l.', 'S.A.S.', 'SASU', 'S.A.', 'S.A.U.', 'S.r.l.', 'S.r.l.s.', 'S.p.A.', 'SNC', 'S.L.U.', 'Ltd.', 'Limited', 'LLC',
  'Inc.', 'Corp.', 'PLC', 'Sdn', 'Bhd', 'Berhad', 'B.V.', 'B.V.B.A.', 'SPRL', 'CVBA', 'ASBL', 'VZW', 'N.V.', 'V.O.F.', 'Lda', 'Ltda', 'EIRELI',
  'Unipessoal', 'Cia.', 'Oy', 'AB', 'OÜ', 'MTÜ', 'sp. z o.o.', 'ApS', 's.r.o.', 'Aktiengesellschaft', 'Kommanditgesellschaft',
  // as OCR and people print them: the last dot dropped, a space inside
  'S.A', 'S. A.', 'S.p.A', 'S.r.l', 'B.V', 'N.V', 'S.L', 'e.K', 'S.à.r.l.'];

test('every legal form printed is read whole by LEGAL_FORMS, and its words are LEGAL_FORM_WORDS', () => {
  const whole = new RegExp(String.raw`^(?:${LEGAL_FORMS})$`, 'iu');
  const words = new Set(LEGAL_FORM_WORDS);
  for (const form of PRINTED) {
    assert.ok(whole.test(form), `${form} is a legal form`);
    const plain = form.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[.\s]/g, '');
    assert.ok(words.has(plain), `${form} -> ${plain} is one of LEGAL_FORM_WORDS`);
  }
});

test('"AS" is a word of a name comparison, not a legal form the vendor rules read (an English word)', () => {
  assert.ok(!new RegExp(String.raw`^(?:${LEGAL_FORMS})$`, 'iu').test('AS'));
  assert.ok(LEGAL_FORM_WORDS.includes('as'));
});

test('a form printed without its last dot, and ApS, A/S, s.r.o., mark a name as a company\'s (the legal-form evidence)', () => {
  for (const name of ['MERCADONA S.A', 'ROSSI S.R.L', 'FOO B.V', 'ACME ApS', 'ACME A/S', 'ACME s.r.o.', 'Schmidt e.K']) assert.ok(hasLegalForm(name), name);
  assert.ok(!hasLegalForm('AS YOU LIKE IT'));
});

test('a form that is also a common word does not end a company name ("Zahlbar ab", "Big Co.")', () => {
  const whole = new RegExp(String.raw`^(?:${COMPANY_FORMS})$`, 'iu');
  for (const word of ['ab', 'Co.', 'Pvt', 'Companhia']) assert.ok(!whole.test(word), word);
  for (const form of ['GmbH', 'S.A', 'KG', 'Sdn']) assert.ok(whole.test(form), form);
});
