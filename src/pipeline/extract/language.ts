// The document's language lives with the engine, which also uses it to choose the OCR model (../language.ts).
export { detectLanguage } from '../language.js';
