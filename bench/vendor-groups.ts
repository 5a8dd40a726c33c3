// Which documents of the corpus are one vendor's, for bench:memory ("documents grouped by vendor", issue #16). A
// corpus family is a vendor or one template: a template family (a generator's QR bills, a standard's sample
// renderings) holds several vendors, and one vendor's first document there is not another's second. Within a
// family, documents are split by the truth's vendor:
//  - a VAT id (compared without its EU country prefix) is one vendor; two VAT ids are two vendors, whatever their
//    names ("Lidl" of Germany and of Ireland, a chain and its franchisee);
//  - a document without a VAT id joins the one VAT group whose names share a distinctive word with its name (none
//    or several: it stays on its own), else the other documents without a VAT id whose names do;
//  - names share a distinctive word (3+ letters, legal forms dropped: "TEO HENG STATIONERY" and "TED HENG
//    STATIONERY", a chain's stations "BHPETROL PALEKBANG" and "BHPETROL PERMAS JAYA 2") or are the same letters
//    without their bracketed branch and legal form ("MR.D.I.Y(M)SDN BHD", "MR. D.I.Y. (KUCHAI) SDN BHD");
//  - a document whose truth names no vendor belongs to its family's only vendor; in a family of several, to none.
// A family of one vendor keeps its name as the vendor's; the vendors of a family of several are `family~1`, `~2`…
// in the order of their first document (no document text in the id). The split stays the family's.
import { alnum, nameTokens } from './accuracy.js';
import { vatKey } from '../src/pipeline/extract/vat.js';

export interface VendorDoc {
  rel: string;
  family: string;
  truth: { vendor_name?: unknown; vendor_vat?: unknown };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** The distinctive words of a vendor name (3+ letters, legal forms dropped). */
function distinctive(name: string): string[] {
  return nameTokens(name).filter((t) => t.length >= 3);
}

/** The name's letters without bracketed parts (a branch) and legal forms: "MR.D.I.Y(M)SDN BHD" is MRDIY. */
function bareLetters(name: string): string {
  return alnum(nameTokens(name.replace(/\([^)]*\)?/g, ' ')).join(''));
}

/** Whether two vendor names name one vendor: a distinctive word in common, or the same bare letters. */
export function relatedNames(a: string, b: string): boolean {
  const wa = new Set(distinctive(a));
  if (distinctive(b).some((w) => wa.has(w))) return true;
  const [la, lb] = [bareLetters(a), bareLetters(b)];
  return la.length >= 3 && la === lb;
}

/** The vendor id of each document (same order), or null for a document whose vendor cannot be told. */
export function vendorIds(docs: VendorDoc[]): (string | null)[] {
  const ids: (string | null)[] = docs.map(() => null);
  const byFamily = new Map<string, number[]>();
  for (const [i, d] of docs.entries()) (byFamily.get(d.family) ?? byFamily.set(d.family, []).get(d.family)!).push(i);
  for (const [family, members] of byFamily) {
    // clusters of document indices: VAT groups first, then the documents without a VAT id
    const clusters: { vat: string | null; names: string[]; docs: number[] }[] = [];
    const nameless: number[] = [];
    const vatOf = (i: number) => {
      const v = str(docs[i]!.truth.vendor_vat);
      return v ? vatKey(v) : null;
    };
    for (const i of members) {
      const vat = vatOf(i);
      if (!vat) continue;
      const c = clusters.find((x) => x.vat === vat) ?? (clusters.push({ vat, names: [], docs: [] }), clusters[clusters.length - 1]!);
      c.docs.push(i);
      const name = str(docs[i]!.truth.vendor_name);
      if (name) c.names.push(name);
    }
    const vatClusters = clusters.length;
    for (const i of members) {
      if (vatOf(i)) continue;
      const name = str(docs[i]!.truth.vendor_name);
      if (!name) {
        nameless.push(i);
        continue;
      }
      const related = (c: (typeof clusters)[number]) => c.names.some((n) => relatedNames(n, name));
      const withVat = clusters.slice(0, vatClusters).filter(related);
      if (withVat.length === 1) {
        withVat[0]!.docs.push(i);
        continue;
      }
      if (withVat.length > 1) {
        clusters.push({ vat: null, names: [], docs: [i] }); // several vendors share its name: none is surely its
        continue;
      }
      // the clusters without a VAT id it relates to become one
      const others = clusters.slice(vatClusters).filter((c) => c.names.length && related(c));
      const merged = { vat: null, names: [name, ...others.flatMap((c) => c.names)], docs: [...others.flatMap((c) => c.docs), i] };
      for (const c of others) clusters.splice(clusters.indexOf(c), 1);
      clusters.push(merged);
    }
    if (clusters.length <= 1) {
      for (const i of members) ids[i] = family;
      continue;
    }
    const first = (c: (typeof clusters)[number]) => c.docs.map((i) => docs[i]!.rel).sort()[0]!;
    clusters.sort((a, b) => first(a).localeCompare(first(b)));
    for (const [n, c] of clusters.entries()) for (const i of c.docs) ids[i] = `${family}~${n + 1}`;
    // documents naming no vendor: in a family of several vendors, nobody's
    for (const i of nameless) ids[i] = null;
  }
  return ids;
}
