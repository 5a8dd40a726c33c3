import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MEMORY_VERSION, type VendorProfile } from './types.js';

// Where profiles live: a JSON file (scan --memory, learn, the benchmark), the worker's SQLite state (addon-less),
// or the addon's ocr.vendor.profile model (addon mode). All three answer the same two questions.
export interface ProfileStore {
  /** every profile of one company (never another company's) */
  list(company: string): Promise<VendorProfile[]>;
  save(profile: VendorProfile): Promise<void>;
}

export class MemoryFileError extends Error {
  readonly code = 'MEMORY_FILE';
}

/** A memory file: `{version, profiles: [...]}`, written whole through a temporary file so a crash never truncates it. */
export class JsonFileStore implements ProfileStore {
  private constructor(private readonly file: string, private readonly profiles: VendorProfile[]) {}

  static async open(file: string): Promise<JsonFileStore> {
    let raw: string;
    try {
      raw = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new JsonFileStore(file, []);
      throw new MemoryFileError(`memory file ${file} is unreadable: ${(err as Error).message}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new MemoryFileError(`memory file ${file} is not JSON`);
    }
    const doc = parsed as { version?: unknown; profiles?: unknown };
    if (doc?.version !== MEMORY_VERSION || !Array.isArray(doc.profiles))
      throw new MemoryFileError(`memory file ${file} is not a version ${MEMORY_VERSION} vendor memory`);
    return new JsonFileStore(file, doc.profiles as VendorProfile[]);
  }

  async list(company: string): Promise<VendorProfile[]> {
    return this.profiles.filter((p) => p.company === company);
  }

  async save(profile: VendorProfile): Promise<void> {
    const at = this.profiles.findIndex((p) => p.id === profile.id);
    if (at >= 0) this.profiles[at] = profile;
    else this.profiles.push(profile);
    await mkdir(path.dirname(path.resolve(this.file)), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ version: MEMORY_VERSION, profiles: this.profiles }, null, 1) + '\n');
    await rename(tmp, this.file);
  }
}

/** In memory only (tests, the benchmark's runs). */
export class MemoryStore implements ProfileStore {
  private readonly profiles = new Map<string, VendorProfile>();
  async list(company: string): Promise<VendorProfile[]> {
    return [...this.profiles.values()].filter((p) => p.company === company);
  }
  async save(profile: VendorProfile): Promise<void> {
    this.profiles.set(profile.id, structuredClone(profile));
  }
}
