import { createHash } from 'node:crypto';
import { untilAborted } from '../timeout.js';
import type { OcrOutput, OcrPool, Orientation, PageSegMode, RecognizeOptions } from './pool.js';

// One document's OCR calls. The same image read by the same engine with the same models and page segmentation gives
// the same reading (the OCR cache, ./cache.ts, rests on the same fact), so within a document each such call is made
// once and its reading handed to every caller that asks again. A bill's blank backs and repeated pages render to the
// same pixels, and so do their turned copies in the orientation check: a 34-page phone bill of tune read one
// logo-only page's image 40 times (≈100 s of CPU) for 10 distinct readings.

/** What reading a document needs of the OCR pool. */
export type DocumentOcr = Pick<OcrPool, 'engine' | 'defaultModels' | 'recognize' | 'detectOrientation'>;

/** `pool` with its readings kept for one document (create one per document: the readings are held until it is done). */
export function documentOcr(pool: DocumentOcr): DocumentOcr {
  const readings = new Map<string, Promise<OcrOutput>>();
  const orientations = new Map<string, Promise<Orientation | null>>();
  return {
    engine: pool.engine,
    defaultModels: pool.defaultModels,
    async recognize(image: Buffer, psm: PageSegMode = '3', opts: RecognizeOptions = {}) {
      const key = `${opts.engine ?? '-'} ${(opts.models ?? pool.defaultModels).join('+')} ${psm} ${digest(image)}`;
      // a caller gets its own copy: what one caller does with the lines is no other's
      return structuredClone(await once(readings, key, opts.signal, () => pool.recognize(image, psm, opts)));
    },
    detectOrientation(image: Buffer, signal?: AbortSignal) {
      return once(orientations, digest(image), signal, () => pool.detectOrientation(image, signal));
    },
  };
}

/** The call under `key`, made once: a call that failed is forgotten (a later caller calls again, as it would have
 * without this); a caller waiting on another's call stops when its own signal does, as its own call would have, and
 * does not inherit the failure of a call another caller's signal stopped. */
async function once<T>(held: Map<string, Promise<T>>, key: string, signal: AbortSignal | undefined, call: () => Promise<T>): Promise<T> {
  // after a failed call another waiter may already have made the next one: wait on that one rather than make a third
  for (let earlier = held.get(key); earlier; earlier = held.get(key)) {
    try {
      return await untilAborted(earlier, signal);
    } catch (err) {
      if (signal?.aborted) throw err;
      if (held.get(key) === earlier) break;
    }
  }
  const made = call();
  held.set(key, made);
  made.catch(() => {
    if (held.get(key) === made) held.delete(key);
  });
  return made;
}

const digest = (image: Buffer) => createHash('sha256').update(image).digest('hex');
