// A second test reporter: the TAP stream is long and CI keeps only its tail, so the failed tests are said again, last,
// each with its file and the first lines of its error.
export default async function* failuresReporter(source) {
  const failed = [];
  for await (const event of source) {
    if (event.type !== 'test:fail') continue;
    const { name, file, details } = event.data;
    const error = details?.error;
    if (error?.failureType === 'subtestsFailed') continue; // the suite of a failed test: the test itself is listed
    const cause = error?.cause ?? error;
    const message = String(cause?.message ?? cause ?? 'failed').split('\n').slice(0, 6).join('\n    ');
    failed.push(`not ok: ${name}\n  file: ${file ?? '?'}\n    ${message}`);
  }
  if (failed.length) yield `\n# ${failed.length} failed test(s), again:\n${failed.join('\n')}\n`;
}
