import type { Outcome } from '../metrics.js';

// Progress of a rerun: a bar redrawn in place on a terminal, one plain line per document otherwise (logs, CI).

export interface Progress {
  tick(ref: string, outcome: Outcome): void;
  finish(): void;
}

export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr, width = 30): Progress {
  const counts: Partial<Record<Outcome, number>> = {};
  let seen = 0;
  const tty = stream.isTTY === true;
  const summary = () => Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ');
  const draw = () => {
    const share = total > 0 ? Math.min(1, seen / total) : 1;
    const filled = Math.round(share * width);
    stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${seen}/${total} ${summary()}\x1b[K`);
  };
  return {
    tick(ref, outcome) {
      seen++;
      counts[outcome] = (counts[outcome] ?? 0) + 1;
      if (tty) draw();
      else stream.write(`rerun: ${seen}/${total} ${ref} ${outcome}\n`);
    },
    finish() {
      if (tty) {
        draw();
        stream.write('\n');
      }
    },
  };
}
