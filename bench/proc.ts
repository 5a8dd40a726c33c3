import { readdirSync, readFileSync } from 'node:fs';

// What the benchmarks measure of a child process from /proc (Linux).

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
