import { readdirSync, readFileSync } from 'node:fs';

// What the benchmarks measure of a child process from /proc (Linux), and the small statistics they print.

/** USER_HZ: the unit of /proc's CPU times (100 on every Linux this runs on; `getconf CLK_TCK`). */
const CLOCK_TICKS = 100;

/** A figure summed over a process and all its descendants: `read` gives each process's parent and figure from its
 * /proc entry (a process gone meanwhile is skipped). */
function treeSum(pid: number, read: (entry: string) => { ppid: number; value: number }): number {
  const children = new Map<number, number[]>();
  const values = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const { ppid, value } = read(entry);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
      values.set(Number(entry), value);
    } catch {
      /* gone */
    }
  }
  const sum = (p: number): number => (values.get(p) ?? 0) + (children.get(p) ?? []).reduce((total, child) => total + sum(child), 0);
  return sum(pid);
}

/** Resident memory (MB) of a process and all its descendants, from /proc. */
export function treeRssMb(pid: number): number {
  return (
    treeSum(pid, (entry) => {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      return { ppid: Number(/PPid:\s+(\d+)/.exec(status)?.[1]), value: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) };
    }) / 1024
  );
}

/** CPU seconds (user + system) of a process and all its descendants, with the children they have already reaped,
 * from /proc: what a process tree has spent so far (OCR threads, helper processes). */
export function treeCpuSeconds(pid: number): number {
  return (
    treeSum(pid, (entry) => {
      // fields after the command's closing parenthesis: state ppid … utime(14) stime(15) cutime(16) cstime(17)
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return { ppid: Number(fields[1]), value: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]) };
    }) / CLOCK_TICKS
  );
}

/** The median (mean of the two middle values for an even count; NaN for none). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
}

/** k of the list, evenly spread (the same ones every run). */
export function spread<T>(xs: T[], k: number): T[] {
  if (xs.length <= k) return xs;
  return Array.from({ length: k }, (_, i) => xs[Math.floor(((i + 0.5) * xs.length) / k)]);
}
