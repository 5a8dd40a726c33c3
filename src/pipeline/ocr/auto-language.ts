import { detectLanguage, TESSERACT_MODEL, type Language } from '../language.js';
import type { OcrOutput } from './pool.js';
import { SUPPORTED_LANGS } from './tessdata.js';

// `--lang auto` (the default): a scanned page is read with the model of the language it is written in. Reading with
// every bundled model at once costs 2× (deu+eng) to 3.3× (all five) the time of one and reading with the wrong one
// loses umlauts and accents, so a page is read once with a guess, its words tell its language (../language.ts, which
// matches words without accents, so an English reading of a German page still says German), and only when that is
// another language is it read again with that language's model. The guess is the language of the last page read:
// documents arrive in runs of one language (one company, its suppliers), so most pages are read once.
// The reading kept is always one made with the model of the language it was found to be in; the guess only decides
// whether that took one read or two.

export interface ModelReading {
  output: OcrOutput;
  model: string;
}

const INSTALLED = new Set<string>(SUPPORTED_LANGS);

function installedModel(language: string | null | undefined): string | null {
  const model = language ? TESSERACT_MODEL[language as Language] : undefined;
  return model && INSTALLED.has(model) ? model : null;
}

export class LanguageChooser {
  private guess = 'eng';

  /** The model a page's first reading uses. */
  firstModel(): string {
    return this.guess;
  }

  /** The bundled model of the language `text` is written in; null when its words do not tell. */
  modelFor(text: string): string | null {
    return installedModel(detectLanguage(text));
  }

  /** A document's language, however it was read: the next page is first read in it (an unknown or unbundled
   * language leaves the guess as it was). */
  observe(language: string | null | undefined): void {
    this.guess = installedModel(language) ?? this.guess;
  }

  /** Keeps `first` when it was read in the page's language (or the language is unclear), else reads the page again
   * with the right model. */
  async settle(first: ModelReading, readAgain: (model: string) => Promise<OcrOutput>): Promise<ModelReading> {
    const model = this.modelFor(first.output.text);
    if (!model) return first;
    this.guess = model;
    if (model === first.model) return first;
    return { output: await readAgain(model), model };
  }
}
