import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// tesseract.js answers a failed model initialisation twice from its worker thread: "reject", then "resolve" for the
// same job. Its main-thread handler then reads a promise it already deleted and throws inside the thread's message
// event, outside any caller's try: the whole process died on one document (seen: "Error opening data file
// ./ita.traineddata"). The thread therefore runs tesseract.js' own worker script behind this guard, which passes on
// only the first answer to each job. The guard is written next to the language links (a file path is what
// tesseract.js spawns; a generated file needs no build step and works from src/ and dist/ alike).

const require = createRequire(import.meta.url);

/** How many recent jobs the guard remembers: the second answer follows the first at once. */
const REMEMBERED_JOBS = 64;

function guardSource(workerScript: string): string {
  return `'use strict';
// Written by odoo-ocr-worker (src/pipeline/ocr/thread-guard.ts): one answer per tesseract.js job.
const { parentPort } = require('worker_threads');
const post = parentPort.postMessage.bind(parentPort);
const answered = [];
parentPort.postMessage = (message) => {
  if (message && (message.status === 'resolve' || message.status === 'reject')) {
    const job = message.action + '-' + message.jobId;
    if (answered.includes(job)) return;
    answered.push(job);
    if (answered.length > ${REMEMBERED_JOBS}) answered.shift();
  }
  post(message);
};
require(${JSON.stringify(workerScript)});
`;
}

/** The guarded worker script for tesseract.js' `workerPath`, written (atomically) into `dir`. */
export function guardedWorkerPath(dir: string): string {
  const workerScript = path.join(path.dirname(require.resolve('tesseract.js/package.json')), 'src', 'worker-script', 'node', 'index.js');
  const file = path.join(dir, 'tesseract-thread-guard.cjs');
  const source = guardSource(workerScript);
  let current: string | null = null;
  try {
    current = fs.readFileSync(file, 'utf8');
  } catch {
    /* not written yet */
  }
  if (current !== source) {
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, source);
    fs.renameSync(temp, file);
  }
  return file;
}
