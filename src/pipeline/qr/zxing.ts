// QR code detection with zxing-wasm (ZXing-C++ compiled to WebAssembly, from npm: no system package).
// zxing-wasm fetches its .wasm from a CDN (jsDelivr) by default; here the bytes are read from node_modules and
// handed over as `wasmBinary`, so nothing is ever downloaded (a test scans inside a network namespace).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { DEFAULT_LIMITS } from '../limits.js';

type ZxingReader = typeof import('zxing-wasm/reader');

const require = createRequire(import.meta.url);

let readerPromise: Promise<ZxingReader> | null = null;

/** The reader module, its WASM instantiated once per process from the package's own file. */
export function loadZxing(): Promise<ZxingReader> {
  readerPromise ??= (async () => {
    const reader = await import('zxing-wasm/reader');
    const wasmBinary = await readFile(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
    await reader.prepareZXingModule({
      overrides: {
        wasmBinary: wasmBinary.buffer.slice(wasmBinary.byteOffset, wasmBinary.byteOffset + wasmBinary.byteLength) as ArrayBuffer,
        // never a URL: if the binary were somehow not taken, the module must fail rather than fetch
        locateFile: (file: string) => `file-not-fetched:${file}`,
      },
      fireImmediately: true,
    });
    return reader;
  })();
  readerPromise.catch(() => {
    readerPromise = null; // a failed load may be retried by the next document
  });
  return readerPromise;
}

/**
 * The most pixels handed to ZXing at once: an A4 page at 200 dpi (3.7 MP). A QR-bill's code (46 mm) is then
 * ≈360 px wide, ≥3 px per module; larger images are scaled down. Bounds both time (ZXing's cost grows with
 * pixels: measured ≈40-120 ms at this size, see docs/qr.md) and the WASM heap (≈2 bytes per pixel).
 */
export const QR_MAX_PIXELS = 4_000_000;

export interface DecodedSymbol {
  text: string;
  bytes: Uint8Array;
}

/** Raw pixels, 8 bits per channel (grey, grey+alpha, RGB or RGBA). */
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/** QR codes in an encoded image (PNG, JPEG, …) or raw pixels; [] when there are none. `maxPixels`: the image is scaled
 * down to at most this many pixels first (default QR_MAX_PIXELS). */
export async function decodeQrCodes(image: Buffer | RawImage, opts: { tryHarder?: boolean; maxPixels?: number } = {}): Promise<DecodedSymbol[]> {
  const rgba = await toRgba(image, opts.maxPixels ?? QR_MAX_PIXELS);
  const reader = await loadZxing();
  const results = await reader.readBarcodes(
    { data: new Uint8ClampedArray(rgba.data.buffer, rgba.data.byteOffset, rgba.data.byteLength), width: rgba.width, height: rgba.height, colorSpace: 'srgb' } as ImageData,
    {
      formats: ['QRCode'],
      tryHarder: opts.tryHarder ?? true,
      tryRotate: true,
      tryInvert: false,
      tryDownscale: true,
      maxNumberOfSymbols: 4,
      textMode: 'Plain', // the payload as it is, not ZXing's escaped "human readable" form of binary content
    },
  );
  return results.filter((r) => r.isValid).map((r) => ({ text: r.text, bytes: r.bytes }));
}

async function toRgba(image: Buffer | RawImage, maxPixels: number) {
  const input = Buffer.isBuffer(image)
    ? sharp(image, { limitInputPixels: DEFAULT_LIMITS.maxPixels }) // an embedded JPEG may be larger than its PDF says
    : sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } });
  const meta = Buffer.isBuffer(image) ? await input.metadata() : { width: image.width, height: image.height };
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  let pipeline = input.flatten({ background: '#ffffff' }).ensureAlpha();
  if (width * height > maxPixels) {
    const scale = Math.sqrt(maxPixels / (width * height));
    pipeline = pipeline.resize(Math.max(1, Math.floor(width * scale)), Math.max(1, Math.floor(height * scale)), { kernel: 'lanczos3' });
  }
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
