// Prints the Markdown table of every worker setting from src/config.ts (pasted into README.md; a test keeps it whole).
import { SETTINGS } from '../src/config.js';

const cell = (v: unknown) => (v === undefined ? '' : Array.isArray(v) ? (v.length ? v.join(',') : '(empty)') : String(v)).replace(/\|/g, '\\|');
console.log('| variable | kind | default | meaning |\n| --- | --- | --- | --- |');
for (const s of SETTINGS) {
  const kind = s.kind === 'enum' || (s.kind === 'list' && s.values) ? `${s.kind}: ${s.values!.join(', ')}` : s.kind;
  const secret = s.kind === 'secret' ? ` (also \`${s.name}_FILE\`)` : '';
  console.log(`| \`${s.name}\`${secret} | ${kind} | ${cell(s.default)} | ${cell(s.description)} |`);
}
