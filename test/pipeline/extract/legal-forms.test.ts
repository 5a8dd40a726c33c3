// The legal forms' two spellings agree (extract/legal-forms.ts): each form as printed is read whole by LEGAL_FORMS,
// and its words, dots and accents dropped, are LEGAL_FORM_WORDS — the name comparisons leave out what the vendor's
// rules read as a form.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LEGAL_FORM_WORDS, LEGAL_FORMS } from '../../../src/pipeline/extract/legal-forms.js';

const PRINTED = ['GmbH', 'KGaA', 'e.K.', 'SARL', 'S.à r.l.', 'S.A.S.', 'SASU', 'S.A.', 'S.A.U.', 'S.r.l.', 'S.r.l.s.', 'S.p.A.', 'SNC', 'S.L.U.', 'Ltd.', 'Limited', 'LLC',
  'Inc.', 'Corp.', 'PLC', 'Sdn', 'Bhd', 'Berhad', 'B.V.', 'B.V.B.A.', 'SPRL', 'CVBA', 'ASBL', 'VZW', 'N.V.', 'V.O.F.', 'Lda', 'Ltda', 'EIRELI',
  'Unipessoal', 'Cia.', 'Oy', 'AB', 'OÜ', 'MTÜ', 'sp. z o.o.'];

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
