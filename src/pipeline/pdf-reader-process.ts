// The PDF reader process (forked by pdf-readers.ts): pdfjs and pdf-lib parse one PDF at a time here, so that a
// hostile PDF whose parsing never yields or eats gigabytes can be killed without taking the worker with it.
import { scanPdfAttachments } from './einvoice/pdf-attachments.js';
import { DocumentError } from './errors.js';
import { captureImageWarnings, loadPdfJs, openPdf, type OpenPdf } from './pdf.js';
import type { PdfOpened, PdfReply, PdfRequest } from './pdf-readers.js';

captureImageWarnings();
let doc: OpenPdf | null = null;

async function closeDoc(): Promise<void> {
  const open = doc;
  doc = null;
  await open?.close().catch(() => undefined);
}

async function handle(req: PdfRequest): Promise<unknown> {
  switch (req.op) {
    case 'open': {
      // One request reads what every PDF needs (a text-layer PDF is done in one round trip): the page count, and
      // unless there are too many pages, the attachments and every page's text layer.
      await closeDoc();
      doc = await openPdf(req.data, { maxImagePixels: req.maxImagePixels });
      const opened: PdfOpened = { pageCount: doc.pageCount, pages: [], attachments: { xml: [], truncated: false } };
      if (doc.pageCount > req.maxPages) return opened;
      if (req.attachments) opened.attachments = await scanPdfAttachments(req.data);
      if (req.textLayers !== false) for (let n = 1; n <= doc.pageCount; n++) opened.pages.push(await doc.textLayer(n));
      return opened;
    }
    case 'render':
      if (!doc) throw new Error('no PDF is open');
      return doc.render(req.page, req.dpi, req.maxPixels, req.opts);
    case 'close':
      await closeDoc();
      return null;
  }
}

process.on('message', (message: { id: number; req: PdfRequest }) => {
  const reply = (body: PdfReply) => process.send?.(body);
  handle(message.req).then(
    (value) => reply({ id: message.id, ok: true, value }),
    (err: unknown) =>
      reply({
        id: message.id,
        ok: false,
        // pdf.ts turns what pdfjs throws into DocumentErrors; anything else is a fault of ours
        error: err instanceof DocumentError ? { code: err.code, message: err.message } : { code: 'INTERNAL', message: `unexpected error: ${(err as Error)?.message ?? String(err)}` },
      }),
  );
});
process.on('disconnect', () => process.exit(0)); // the parent went away
// Ready once pdfjs and its worker code are loaded (pdfjs picks the latter up from globalThis.pdfjsWorker instead of
// importing it at the first document): step deadlines count from here, not from a slow start on a busy machine.
const WORKER_MODULE: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs'; // untyped: a variable keeps tsc from resolving it
void Promise.all([loadPdfJs(), import(WORKER_MODULE)]).then(
  ([, worker]) => {
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    process.send?.({ ready: true });
  },
  () => process.exit(1),
);
