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

  /** The model a page's first reading uses: English for the document's first page, then the language it told. */
  firstModel(): string {
    return this.guess;
  }

  /** Keeps `first` when it was read in the page's language (or the language is unclear), else reads the page again
   * with the right model; the document's next pages are first read in that language. */
  async settle(first: ModelReading, readAgain: (model: string) => Promise<OcrOutput>): Promise<ModelReading> {
    const model = modelForText(first.output.text);
    if (!model) return first;
    this.guess = model;
    if (model === first.model) return first;
    return { output: await readAgain(model), model };
  }
}
