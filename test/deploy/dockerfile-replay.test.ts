// Replays the Dockerfile's build without Docker (Docker cannot pull images on the development machines and CI has
// none): every COPY copies exactly the files it names into a per-stage directory standing for the image's /app,
// every RUN runs there, then the final stage's entrypoint scans real documents. A file the image lacks (a config
// the build needs, a data file read at run time) fails here as it would fail `docker build` or the container.
// Two shortcuts keep it fast and offline: `apt-get` lines (system packages) are skipped, and `npm ci` is replaced by
// a hard-linked copy of this checkout's node_modules after checking the stage holds the same package-lock.json.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { fromRoot, PACKAGE_ROOT } from '../../src/paths.js';

const run = promisify(execFile);

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  name: string | null;
  instructions: Instruction[];
}

/** Dockerfile → stages of instructions (comments dropped, `\` continuations joined). */
export function parseDockerfile(text: string): Stage[] {
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue; // a comment inside a continued instruction
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    logical.push(pending + line);
    pending = '';
  }
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, op, args] = /^(\S+)\s*(.*)$/.exec(line)!;
    const upper = op!.toUpperCase();
    if (upper === 'FROM') {
      stages.push({ name: /\sAS\s+(\S+)/i.exec(args!)?.[1] ?? null, instructions: [] });
    } else {
      assert.ok(stages.length, `${upper} before FROM`);
      stages.at(-1)!.instructions.push({ op: upper, args: args! });
    }
  }
  return stages;
}

function jsonOrShell(args: string): string[] {
  return args.startsWith('[') ? (JSON.parse(args) as string[]) : ['sh', '-c', args];
}

/** Paths matched by .dockerignore are not in the build context; as in Docker, the last matching pattern decides and
 * a `!pattern` takes a path back in. */
async function ignoredByDocker(): Promise<(rel: string) => boolean> {
  const patterns = (await readFile(fromRoot('.dockerignore'), 'utf8')).split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const rules = patterns.map((p) => {
    const include = p.startsWith('!');
    const glob = include ? p.slice(1) : p;
    return { include, re: new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/|$)`) };
  });
  return (rel) => rules.reduce((ignored, rule) => (rule.re.test(rel) ? !rule.include : ignored), false);
}

const scratch = await mkdtemp(path.join(await mkdir(fromRoot('.scratch'), { recursive: true }).then(() => fromRoot('.scratch')), 'docker-replay-'));
after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

test('the Dockerfile builds from exactly the files it copies, and the image scans documents', { timeout: 600_000 }, async () => {
  const stages = parseDockerfile(await readFile(fromRoot('Dockerfile'), 'utf8'));
  const ignored = await ignoredByDocker();
  const stageDirs = new Map<string, string>();
  let final: { dir: string; env: Record<string, string>; entrypoint: string[]; cmd: string[] } | null = null;

  for (const [index, stage] of stages.entries()) {
    const dir = path.join(scratch, `stage-${index}`);
    await mkdir(dir, { recursive: true });
    if (stage.name) stageDirs.set(stage.name, dir);
    const env: Record<string, string> = {};
    let entrypoint: string[] = [];
    let cmd: string[] = [];
    for (const { op, args } of stage.instructions) {
      switch (op) {
        case 'WORKDIR':
          assert.equal(args, '/app', 'the replay maps /app to the stage directory');
          break;
        case 'ENV':
          for (const [, key, value] of args.matchAll(/(\w+)=(\S+)/g)) env[key!] = value!;
          break;
        case 'COPY': {
          const words = args.split(/\s+/);
          const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
          const paths = words.filter((w) => !w.startsWith('--'));
          const dest = paths.pop()!;
          for (const source of paths) {
            let origin: string;
            if (from) {
              assert.ok(stageDirs.has(from), `COPY --from=${from}: no such stage`);
              assert.ok(source.startsWith('/app/'), `COPY --from copies from /app (${source})`);
              origin = path.join(stageDirs.get(from)!, source.slice('/app/'.length));
            } else {
              assert.ok(!ignored(source), `COPY ${source}: excluded by .dockerignore`);
              origin = path.join(PACKAGE_ROOT, source);
            }
            const target = dest.endsWith('/') ? path.join(dir, dest, path.basename(source)) : path.join(dir, dest);
            if (path.basename(source) === 'node_modules') {
              await run('cp', ['-al', origin, target]); // hard links: fast, and prune only unlinks
            } else {
              await cp(origin, target, { recursive: true, errorOnExist: false, filter: (src) => from !== undefined || !ignored(path.relative(PACKAGE_ROOT, src)) });
            }
          }
          break;
        }
        case 'RUN': {
          if (/^apt-get\b/.test(args)) break; // system packages of the base image, not the app
          if (/^npm ci\b/.test(args)) {
            assert.equal(await readFile(path.join(dir, 'package-lock.json'), 'utf8'), await readFile(fromRoot('package-lock.json'), 'utf8'));
            await run('cp', ['-al', fromRoot('node_modules'), path.join(dir, 'node_modules')]);
            // npm may rewrite its hidden lockfile in place: a real copy, never a link to this checkout's.
            await rm(path.join(dir, 'node_modules', '.package-lock.json'), { force: true });
            await cp(fromRoot('node_modules', '.package-lock.json'), path.join(dir, 'node_modules', '.package-lock.json'));
            break;
          }
          await run('sh', ['-c', args], { cwd: dir, env: { ...process.env, npm_config_offline: 'true', npm_config_update_notifier: 'false' }, maxBuffer: 16 * 1024 * 1024 })
            .catch((err: { stdout?: string; stderr?: string }) => assert.fail(`RUN ${args} failed:\n${err.stdout ?? ''}${err.stderr ?? ''}`));
          break;
        }
        case 'ENTRYPOINT':
          entrypoint = jsonOrShell(args);
          break;
        case 'CMD':
          cmd = jsonOrShell(args);
          break;
        case 'USER': case 'VOLUME': case 'EXPOSE': case 'HEALTHCHECK': case 'LABEL': case 'ARG':
          break; // no effect on the files of the image
        default:
          assert.fail(`the replay does not know Dockerfile instruction ${op}: teach it before using it`);
      }
    }
    final = { dir, env, entrypoint, cmd };
  }

  assert.ok(final);
  assert.deepEqual(final.cmd, ['worker']);
  const tini = final.entrypoint.indexOf('--');
  const [program, ...programArgs] = tini >= 0 ? final.entrypoint.slice(tini + 1) : final.entrypoint;
  assert.equal(program, 'node');
  const stateDir = path.join(scratch, 'state');
  const documents = [
    fromRoot('fixtures/documents/ubl/en16931__ubl-tc434-example9.xml'),
    fromRoot('fixtures/documents/oca-pdf/oca-edi__akretion_france-test.pdf'),
  ];
  const { stdout } = await run(process.execPath, [...programArgs, 'scan', '--json', ...documents], {
    cwd: final.dir, env: { PATH: process.env.PATH ?? '', ...final.env, STATE_DIR: stateDir }, maxBuffer: 16 * 1024 * 1024,
  });
  const results = stdout.trim().split('\n').map((line) => JSON.parse(line) as { error?: unknown; source: string; fields: { amount_total: { value: number | null } } });
  assert.equal(results.length, 2);
  for (const result of results) {
    assert.equal(result.error, undefined, JSON.stringify(result.error));
    assert.ok(result.fields.amount_total.value, 'a total was read');
  }
  assert.equal(results[0]!.source, 'einvoice:ubl');
  assert.equal(results[1]!.source, 'pdf-text');
  // The image's compiled CLI knows every command (setup included: the compose file's init step runs it).
  const { stdout: help } = await run(process.execPath, [...programArgs, '--help'], { cwd: final.dir, env: { PATH: process.env.PATH ?? '', ...final.env } });
  for (const command of ['scan', 'worker', 'sync', 'rerun', 'status', 'doctor', 'setup']) assert.match(help, new RegExp(`\\n\\s+${command}\\b`));
  await writeFile(path.join(scratch, 'ok'), 'replayed');
});
