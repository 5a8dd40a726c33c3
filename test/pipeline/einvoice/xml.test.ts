import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { decodeXmlBytes } from '../../../src/pipeline/einvoice/encoding.js';
import { EInvoiceError } from '../../../src/pipeline/einvoice/errors.js';
import { parseEInvoice } from '../../../src/pipeline/einvoice/index.js';
import { attr, parseXmlSafely, path as xpath, readRootInfo, textOf } from '../../../src/pipeline/einvoice/xml.js';

const corrupt = (err: unknown) => err instanceof EInvoiceError && err.code === 'CORRUPT_FILE';

describe('parseXmlSafely', () => {
  test('addresses elements and attributes by local name whatever the prefix', () => {
    const root = parseXmlSafely(
      '<x:Root xmlns:x="urn:a" xmlns:y="urn:b"><y:Child y:kind="k">one</y:Child><Child>two</Child></x:Root>',
    );
    assert.equal(root.name, 'Root');
    assert.equal(textOf(xpath(root, 'Child')), 'one');
    assert.equal(attr(xpath(root, 'Child'), 'kind'), 'k');
    assert.equal(root.children.length, 2);
    assert.deepEqual(Object.keys(root.attrs), []); // namespace declarations are not attributes
  });

  test('decodes predefined entities, character references and CDATA, and folds white space', () => {
    const root = parseXmlSafely('<a n="1 &amp; 2"><b>Caf&#233; &#x41;&lt;B&gt; <![CDATA[<raw> & co]]>\n   end</b></a>');
    assert.equal(textOf(xpath(root, 'b')), 'Café A<B> <raw> & co end');
    assert.equal(attr(root, 'n'), '1 & 2');
  });

  test('does not decode an escaped character reference twice', () => {
    assert.equal(textOf(parseXmlSafely('<a>&amp;#65;</a>')), '&#65;');
  });

  test('strips a byte-order mark', () => {
    assert.equal(parseXmlSafely('\uFEFF<?xml version="1.0"?><a>x</a>').name, 'a');
  });

  test('refuses truncated or malformed XML with CORRUPT_FILE', () => {
    assert.throws(() => parseXmlSafely('<a><b>text</b>'), corrupt);
    assert.throws(() => parseXmlSafely('<a><b>text</a></b>'), corrupt);
    assert.throws(() => parseXmlSafely(''), corrupt);
  });

  test('"<!DOCTYPE" inside a comment or CDATA is text, not a declaration', () => {
    const root = parseXmlSafely('<a><!-- <!DOCTYPE x> --><b><![CDATA[<!DOCTYPE y>]]></b></a>');
    assert.equal(textOf(xpath(root, 'b')), '<!DOCTYPE y>');
  });

  test('absurdly deep nesting is CORRUPT_FILE, not a stack overflow', () => {
    assert.throws(() => parseXmlSafely('<a>' + '<b>'.repeat(20000) + '</b>'.repeat(20000) + '</a>'), corrupt);
  });

  test('refuses any DOCTYPE, even a harmless one', () => {
    assert.throws(() => parseXmlSafely('<!DOCTYPE a><a/>'), (e: unknown) => corrupt(e) && /DOCTYPE/.test((e as Error).message));
  });
});

describe('XXE', () => {
  test('an external entity is never resolved', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'einvoice-xxe-'));
    try {
      const secretFile = path.join(dir, 'secret.txt');
      await writeFile(secretFile, 'TOP-SECRET-VALUE');
      const xml = `<?xml version="1.0"?>
<!DOCTYPE Invoice [ <!ENTITY xxe SYSTEM "file://${secretFile}"> ]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:ID>&xxe;</cbc:ID></Invoice>`;
      let thrown: unknown;
      try {
        parseEInvoice(xml, 'file');
      } catch (err) {
        thrown = err;
      }
      assert.ok(corrupt(thrown), 'a DOCTYPE in an e-invoice must be a CORRUPT_FILE error');
      assert.doesNotMatch(String((thrown as Error).message), /TOP-SECRET/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('an entity expansion bomb is refused before expansion', () => {
    const bomb = `<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<FatturaElettronica><FatturaElettronicaHeader>&c;</FatturaElettronicaHeader></FatturaElettronica>`;
    assert.throws(() => parseEInvoice(bomb, 'file'), corrupt);
  });
});

describe('readRootInfo', () => {
  test('skips the declaration, comments, processing instructions and a DOCTYPE with an internal subset', () => {
    const xml = '\uFEFF<?xml version="1.0"?>\n<!-- <NotRoot/> -->\n<?pi x?>\n<!DOCTYPE r [ <!ENTITY e "<Fake>"> ]>\n<ns:Real xmlns:ns="urn:real" xmlns="urn:default">';
    assert.deepEqual(readRootInfo(xml), { localName: 'Real', namespace: 'urn:real' });
  });

  test('uses the default namespace for an unprefixed root', () => {
    assert.deepEqual(readRootInfo("<Invoice xmlns:cbc='urn:cbc' xmlns='urn:inv'>"), { localName: 'Invoice', namespace: 'urn:inv' });
    assert.deepEqual(readRootInfo('<Invoice>'), { localName: 'Invoice', namespace: null });
  });

  test('returns null for text that is not XML', () => {
    assert.equal(readRootInfo('hello <a/>'), null);
    assert.equal(readRootInfo('<!-- never closed'), null);
    assert.equal(readRootInfo(''), null);
  });
});

describe('decodeXmlBytes', () => {
  const body = '<a>Società Àlpha €</a>';

  test('honours an ISO-8859-1 declaration', () => {
    const xml = `<?xml version="1.0" encoding="ISO-8859-1"?><a>Società</a>`;
    assert.equal(decodeXmlBytes(Buffer.from(xml, 'latin1')), xml);
  });

  test('reads UTF-8 with and without a BOM', () => {
    assert.equal(decodeXmlBytes(Buffer.from(body, 'utf8')), body);
    assert.equal(decodeXmlBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')])), body);
  });

  test('reads UTF-16 with a BOM', () => {
    assert.equal(decodeXmlBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')])), body);
    const be = Buffer.from(body, 'utf16le').swap16();
    assert.equal(decodeXmlBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), body);
  });

  test('falls back to windows-1252 when bytes declared UTF-8 are not UTF-8', () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?><a>Società</a>';
    assert.equal(decodeXmlBytes(Buffer.from(xml, 'latin1')), xml);
  });

  test('rejects an unknown encoding with a typed error', () => {
    assert.throws(() => decodeXmlBytes(Buffer.from('<?xml version="1.0" encoding="x-klingon"?><a/>')), corrupt);
  });
});
