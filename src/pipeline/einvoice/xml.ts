import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { EInvoiceError } from './errors.js';

// Safe XML reading for e-invoices. E-invoices never need a DTD, so any DOCTYPE is refused outright: that closes
// XXE (external entities) and entity-expansion bombs without relying on parser options. Elements are addressed by
// local name, because every producer picks its own namespace prefixes (rsm:, ram:, cbc:, p:, cfdi:, none...).

export interface XmlElement {
  name: string; // local name, prefix removed
  attrs: Record<string, string>; // local names, xmlns declarations dropped
  children: XmlElement[];
  text: string; // the element's own character data (CDATA included), entities decoded, untrimmed
}

/** Inputs larger than this are not e-invoices we can reasonably hold in memory as a tree. */
export const MAX_XML_CHARS = 50 * 1024 * 1024;

const parser = new XMLParser({
  preserveOrder: true,
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Entities are decoded below in one pass; the parser's own handling would expand DOCTYPE entities.
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const PREDEFINED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five predefined entities and numeric character references in a single pass. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return PREDEFINED_ENTITIES[ref] ?? whole;
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const DOCTYPE = /<!DOCTYPE/i;
/** Text that may legitimately spell "<!DOCTYPE" without declaring anything. */
const CDATA_AND_COMMENTS = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g;

/** Drops a leading byte-order mark that survived decoding. */
export function stripBom(xml: string): string {
  return xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
}

type OrderedNode = Record<string, unknown>;

function toElement(node: OrderedNode, name: string): XmlElement {
  const rawAttrs = (node[':@'] ?? {}) as Record<string, unknown>;
  const attrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(rawAttrs)) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
    attrs[key] = decodeEntities(String(value));
  }
  const children: XmlElement[] = [];
  let text = '';
  for (const item of (node[name] ?? []) as OrderedNode[]) {
    if ('#text' in item) {
      text += decodeEntities(String(item['#text']));
      continue;
    }
    const childName = Object.keys(item).find((k) => k !== ':@');
    if (childName) children.push(toElement(item, childName));
  }
  return { name, attrs, children, text };
}

/**
 * Parses an XML document into a tree of local-named elements.
 * Throws EInvoiceError (CORRUPT_FILE) for a DOCTYPE, a malformed or truncated document, or one too large.
 */
export function parseXmlSafely(input: string): XmlElement {
  const xml = stripBom(input);
  if (xml.length > MAX_XML_CHARS) throw new EInvoiceError(`XML too large (${xml.length} characters)`);
  if (DOCTYPE.test(xml.replace(CDATA_AND_COMMENTS, ''))) throw new EInvoiceError('XML with a DOCTYPE declaration is refused (DTDs and entities are not allowed)');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new EInvoiceError(`malformed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  }
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(xml) as OrderedNode[];
  } catch (err) {
    // The parser's own limits (nesting depth and the like) guard against hostile input.
    throw new EInvoiceError(`unreadable XML: ${(err as Error).message}`, { cause: err });
  }
  const rootNode = nodes.find((n) => Object.keys(n).some((k) => k !== ':@' && k !== '#text'));
  if (!rootNode) throw new EInvoiceError('XML has no root element');
  const rootName = Object.keys(rootNode).find((k) => k !== ':@' && k !== '#text')!;
  return toElement(rootNode, rootName);
}

export interface RootInfo {
  localName: string;
  namespace: string | null;
}

/**
 * The root element's local name and namespace, read from the start tag without parsing the whole document
 * (type detection runs on every file). Skips the declaration, comments, processing instructions and a DOCTYPE.
 */
export function readRootInfo(input: string): RootInfo | null {
  const xml = stripBom(input);
  const limit = Math.min(xml.length, 64 * 1024);
  let pos = 0;
  while (pos >= 0 && pos < limit) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0 || lt >= limit) return null;
    if (/\S/.test(xml.slice(pos, lt))) return null; // text before the root: not XML
    if (xml.startsWith('<?', lt)) pos = skipPast(xml, lt, '?>');
    else if (xml.startsWith('<!--', lt)) pos = skipPast(xml, lt, '-->');
    else if (xml.startsWith('<!', lt)) pos = skipDeclaration(xml, lt);
    else return parseStartTag(xml.slice(lt, lt + 16384));
  }
  return null;
}

function parseStartTag(head: string): RootInfo | null {
  const tag = /^<([A-Za-z_][\w.-]*)(?::([A-Za-z_][\w.-]*))?([^>]*)>/.exec(head);
  if (!tag) return null;
  const [, first, second, rest] = tag;
  const localName = second ?? first;
  const nsAttr = second ? `xmlns:${first}` : 'xmlns';
  for (const m of rest.matchAll(/\s(xmlns(?::[\w.-]+)?)\s*=\s*(["'])(.*?)\2/g)) {
    if (m[1] === nsAttr) return { localName, namespace: m[3] };
  }
  return { localName, namespace: null };
}

/** Skips `<!DOCTYPE ... [ internal subset ] >` as a whole, so detection still finds the root behind it. */
function skipDeclaration(xml: string, from: number): number {
  const bracket = xml.indexOf('[', from);
  const close = xml.indexOf('>', from);
  if (bracket >= 0 && close >= 0 && bracket < close) {
    const subsetEnd = xml.indexOf(']', bracket);
    return subsetEnd < 0 ? -1 : skipPast(xml, subsetEnd, '>');
  }
  return close < 0 ? -1 : close + 1;
}

function skipPast(xml: string, from: number, end: string): number {
  const at = xml.indexOf(end, from);
  return at < 0 ? -1 : at + end.length;
}

// ---- navigation helpers (all by local name) ----

export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** The first element at the end of a path of local names, e.g. path(root, 'ExchangedDocument', 'ID'). */
export function path(el: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let cur = el;
  for (const name of names) {
    cur = cur?.children.find((c) => c.name === name);
    if (!cur) return undefined;
  }
  return cur;
}

/** Every element reached by a path, following all matching children at each step. */
export function pathAll(el: XmlElement | undefined, ...names: string[]): XmlElement[] {
  let level: XmlElement[] = el ? [el] : [];
  for (const name of names) level = level.flatMap((e) => childrenNamed(e, name));
  return level;
}

/** Whole text of an element and its descendants, white space folded; null when empty. */
export function textOf(el: XmlElement | undefined): string | null {
  if (!el) return null;
  const folded = allText(el).replace(/\s+/g, ' ').trim();
  return folded === '' ? null : folded;
}

function allText(el: XmlElement): string {
  return el.children.length === 0 ? el.text : el.text + ' ' + el.children.map(allText).join(' ');
}

/** An attribute by local name; `anyCase` also matches e.g. `total` for `Total` (CFDI 3.2 vs 3.3). */
export function attr(el: XmlElement | undefined, name: string, anyCase = false): string | null {
  if (!el) return null;
  const direct = el.attrs[name];
  if (direct !== undefined) return direct.trim() === '' ? null : direct.trim();
  if (!anyCase) return null;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(el.attrs)) {
    if (key.toLowerCase() === lower) return value.trim() === '' ? null : value.trim();
  }
  return null;
}
