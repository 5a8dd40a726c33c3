// OCR reads the round O of till and letterhead type as a zero: "Sc0op", "S0ON FATT", "0ct 3, 2016". Inside a word of
// letters a zero is that O (a name or a month holds no digit between its letters); the text's length is kept, so
// indexes into it stand.

/** Words of letters and zeros, with at least one zero and two letters: "Sc0op", "0ct", "N0V" (not "10", "A0"). */
const LETTERS_AND_ZEROS_RE = /(?<![\p{L}\d])(?=(?:[\p{L}0]*\p{L}){2})[\p{L}0]*0[\p{L}0]*(?![\p{L}\d])/gu;

/** `text` with the zeros of its words of letters read as O — in the letters' case ("Sc0op" -> "Scoop", "S0ON" ->
 * "SOON") — where `accept` takes the word so read (a month's name), or everywhere. */
export function zerosAsO(text: string, accept: (word: string) => boolean = () => true): string {
  return text.replace(LETTERS_AND_ZEROS_RE, (word) => {
    const read = word.replace(/0/g, (_zero, at: number) => (/\p{Ll}/u.test(word[at - 1] ?? '') || /\p{Ll}/u.test(word[at + 1] ?? '') ? 'o' : 'O'));
    return accept(read) ? read : word;
  });
}
