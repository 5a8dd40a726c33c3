// A bench's command line, checked. A bench that ignored a flag it does not know (`--help`, a typo) would run its
// default: minutes of real OCR, and for some benches a read of the holdout split nobody asked for.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface BenchArgs {
  /** a value flag's value (the last one given), undefined when absent */
  value(flag: string): string | undefined;
  /** whether a switch was given */
  has(flag: string): boolean;
  /** the arguments that are no flag and no flag's value, in order */
  positional: string[];
}

/** `argv` against the flags a bench takes: `values` take the next argument, `switches` stand alone; a positional
 * argument is allowed only with `positional`. An unknown flag, a stray argument or a value flag without its value
 * throws, its message naming it. */
export function checkArgs(argv: readonly string[], spec: { values: readonly string[]; switches: readonly string[]; positional?: boolean }): BenchArgs {
  const values = new Map<string, string>();
  const switches = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (spec.switches.includes(arg)) switches.add(arg);
    else if (spec.values.includes(arg)) {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new Error(`${arg} needs a value`);
      values.set(arg, v);
      i++;
    } else if (spec.positional && !arg.startsWith('--')) positional.push(arg);
    else throw new Error(`unknown argument "${arg}" (--help lists the flags)`);
  }
  return { value: (flag) => values.get(flag), has: (flag) => switches.has(flag), positional };
}

/** A bench's usage: the head comment of the file at `moduleUrl`, as written. */
export function headComment(moduleUrl: string): string {
  const head = readFileSync(fileURLToPath(moduleUrl), 'utf8').split('\n');
  return head.slice(0, head.findIndex((l) => !l.startsWith('//'))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n');
}
