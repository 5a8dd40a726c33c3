import { readdirSync, readFileSync } from 'node:fs';

// What the benchmarks measure of a child process from /proc (Linux).

/** USER_HZ: the unit of /proc's CPU times (100 on every Linux this runs on; `getconf CLK_TCK`). */
const CLOCK_TICKS = 100;

/** Resident memory (MB) of a process and all its descendants, from /proc. */
export function treeRssMb(pid: number): number {
  const children = new Map<number, number[]>();
  const rssKb = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
      rssKb.set(Number(entry), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      /* gone */
    }
  }
  const sum = (p: number): number => (rssKb.get(p) ?? 0) + (children.get(p) ?? []).reduce((total, child) => total + sum(child), 0);
  return sum(pid) / 1024;
}

/** CPU seconds (user + system) of a process and all its descendants, with the children they have already reaped,
 * from /proc: what a process tree has spent so far (OCR threads, helper processes). */
export function treeCpuSeconds(pid: number): number {
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // fields after the command's closing parenthesis: state ppid … utime(14) stime(15) cutime(16) cstime(17)
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      children.set(Number(fields[1]), [...(children.get(Number(fields[1])) ?? []), Number(entry)]);
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]));
    } catch {
      /* gone */
    }
  }
  const sum = (p: number): number => (ticks.get(p) ?? 0) + (children.get(p) ?? []).reduce((total, child) => total + sum(child), 0);
  return sum(pid) / CLOCK_TICKS;
}
