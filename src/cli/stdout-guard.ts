// The OCR engine (Emscripten in worker threads) prints diagnostics such as "Image too small to scale!!" with
// console.log, which lands on our stdout. stdout carries only results (JSON Lines are parsed by scripts), so
// everything else written to it is moved to stderr; the returned function writes real results.
export function reserveStdout(): (text: string) => void {
  const writeResult = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) =>
    (process.stderr.write as (...args: unknown[]) => boolean)(chunk, ...rest)) as typeof process.stdout.write;
  return (text) => {
    writeResult(text);
  };
}
