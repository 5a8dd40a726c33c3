import { detectLanguage, TESSERACT_MODEL, type Language } from '../language.js';
import type { OcrOutput } from './pool.js';
import { SUPPORTED_LANGS } from './tessdata.js';

// `--lang auto` (the default): a scanned page is read with the model of the language it is written in. Reading with
// every bundled model at once costs 2× (deu+eng) to 3.3× (all five) the time of one and reading with the wrong one
// loses umlauts and accents, so a page is read once in English (under OCR_ENGINE=auto: by Paddle), its words tell its
// language (../language.ts, which matches words without accents, so an English reading of a German page still says
// German), and only when that is another language is it read again with that language's model.
// One chooser per document: its first page is always read in English first, whatever was read before, so that a
// document's reading (and every field read from it) does not depend on the order documents arrive in; the document's
// other pages are then read in the language its first page told at once. (Until 2026-12 the first guess was the
// previous document's language: one read for a run of one language, but a result that changed with the order, and
// in a run of mixed languages two readings for most pages.)
// The document's first page is first looked at cheaply (./language-look.ts: its lower part, small, by Tesseract in
// English): when that look's words tell a language, the page is first read in it, so that a German page is read once
// (by Tesseract in German) and not first by Paddle in English too; when they tell none, it is read in English first.
// The reading kept is always one made with the model of the language it was found to be in.

export interface ModelReading {
  output: OcrOutput;
  model: string;
}

const INSTALLED = new Set<string>(SUPPORTED_LANGS);

function installedModel(language: string | null | undefined): string | null {
  const model = language ? TESSERACT_MODEL[language as Language] : undefined;
  return model && INSTALLED.has(model) ? model : null;
}

/** The bundled model of the language `text` is written in; null when its words do not tell. */
export function modelForText(text: string): string | null {
  return installedModel(detectLanguage(text));
}

/** The language every document's first page is first read in: English (under OCR_ENGINE=auto, Paddle's reading). */
export const FIRST_MODEL = 'eng';

/** One document's choice of models (see the file's head): create one per document. */
export class LanguageChooser {
  private guess = FIRST_MODEL;
  /** whether a page of the document has told its language (then no more looks) */
  private told = false;

  /** The model a page's first reading uses: until a page of the document has told its language, the one `look` (the
   * text of a cheap reading of the page, ./language-look.ts) tells, else English; then the language told. */
  async firstModel(look?: () => Promise<string | null>): Promise<string> {
    if (this.told || !look) return this.guess;
    const text = await look();
    return (text !== null && modelForText(text)) || this.guess;
  }

  /** Keeps `first` when it was read in the page's language (or the language is unclear), else reads the page again
   * with the right model; the document's next pages are first read in that language. */
  async settle(first: ModelReading, readAgain: (model: string) => Promise<OcrOutput>): Promise<ModelReading> {
    const model = modelForText(first.output.text);
    if (!model) return first;
    this.guess = model;
    this.told = true;
    if (model === first.model) return first;
    return { output: await readAgain(model), model };
  }
}
