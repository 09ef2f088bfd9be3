/**
 * Every shell example in README.md and docs/*.md runs as written, in order, against a fresh demo
 * store: a newcomer who copies them gets what the docs promise.
 *
 * Each `sh` block is preceded by an HTML comment saying how it runs (absent: it needs the server):
 *   <!-- docs-test: starts-server -->        its last command starts the server, which keeps running
 *   <!-- docs-test: server-stopped -->       it opens the store itself (the server is stopped first)
 *   <!-- docs-test: …; given FILE -->        FILE, a file the text tells the reader to bring, exists
 *   <!-- docs-test: skip — REASON -->        not run here, for the reason given
 * A block needing the server when none runs starts it the README's way (`npm start`).
 *
 * Each document runs in its own directory that links to this checkout (so `npx helsebro`, `npm
 * start` and `fhir/…` work as from the repository root, and files the examples write stay there);
 * the store is the default `.data/helsebro` of that directory. Three things differ from a reader's
 * terminal, all by necessity: the port is a free one (the docs' 127.0.0.1:8080 is rewritten to it and
 * `PORT` is set), the PostgreSQL database gets a unique name (dropped afterwards), and `npm ci` is
 * left out (this checkout is installed; reinstalling would replace the running tests' own modules).
 * Every block runs under `set -e`, and curl fails on an HTTP error status (`--fail-with-body`).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { exportJWK, generateKeyPair } from 'jose';
import pg from 'pg';
import { freePort } from '../support/ports.ts';

const ROOT = join(import.meta.dirname, '../..');
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
const ADMIN_URL = process.env.DATABASE_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

type Mode = 'server' | 'starts-server' | 'server-stopped' | 'skip';

interface Example {
  doc: string;
  line: number;
  code: string;
  mode: Mode;
  reason?: string;
  given: string[];
}

/** The shell blocks of a Markdown text with their run instructions. */
function examplesOf(doc: string, text: string): Example[] {
  const lines = text.split('\n');
  const found: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```\s*(sh|bash|shell)\s*$/.exec(lines[i]);
    if (!fence) {
      if (lines[i].startsWith('```')) i = lines.findIndex((l, j) => j > i && l.startsWith('```'));
      continue;
    }
    const end = lines.findIndex((l, j) => j > i && l.startsWith('```'));
    const code = lines.slice(i + 1, end).join('\n');
    const directive = /^<!-- docs-test: (.*) -->$/.exec(lines[i - 1] ?? '')?.[1];
    found.push({ doc, line: i + 1, code, ...parseDirective(directive) });
    i = end;
  }
  return found;
}

function parseDirective(directive: string | undefined): Pick<Example, 'mode' | 'reason' | 'given'> {
  if (directive === undefined) return { mode: 'server', given: [] };
  const skip = /^skip\s+—\s+(.+)$/.exec(directive);
  if (skip) return { mode: 'skip', reason: skip[1], given: [] };
  const [mode, ...rest] = directive.split(';').map((s) => s.trim());
  assert.ok(['server', 'starts-server', 'server-stopped'].includes(mode), `unknown docs-test directive: ${directive}`);
  const given = rest.map((r) => {
    const m = /^given (\S+)$/.exec(r);
    assert.ok(m, `unknown docs-test clause: ${r}`);
    return m[1];
  });
  return { mode: mode as Mode, given };
}

/** Files the docs ask the reader to bring. */
const GIVEN: Record<string, () => Promise<string>> = {
  // A backend system's public keys, as its operator would export them.
  'lab-public.json': async () => {
    const { publicKey } = await generateKeyPair('ES256');
    return JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'lab-1', alg: 'ES256', use: 'sig' }] });
  },
};

/** A directory that stands for the repository root, with its own (empty) data directory. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'helsebro-docs-'));
  for (const entry of readdirSync(ROOT)) {
    if (entry !== '.git' && entry !== '.data') symlinkSync(join(ROOT, entry), join(dir, entry));
  }
  return dir;
}

/** Logical shell commands: backslash-continued lines joined, blank and comment-only lines dropped. */
function commands(code: string): string[] {
  return code
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
}

const PRELUDE = 'set -e\ncurl() { command curl --fail-with-body "$@"; }\n';

class DocRun {
  readonly dir = workspace();
  port = 0;
  database = `helsebro_docs_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  private server?: { proc: ChildProcess; log: string };
  private databaseCreated = false;

  /** The block as this run executes it. */
  rewrite(code: string): string {
    return code
      .replaceAll('127.0.0.1:8080', `127.0.0.1:${this.port}`)
      .replace(/\bnpm ci && /g, '')
      .replace(/(5432\/|-U postgres )helsebro\b/g, `$1${this.database}`);
  }

  env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('HELSEBRO_') && k !== 'DATABASE_URL' && k !== 'PORT') env[k] = v;
    return { ...env, PORT: String(this.port) };
  }

  async run(example: Example): Promise<void> {
    if (!this.port) this.port = await freePort();
    for (const file of example.given) writeFileSync(join(this.dir, file), await GIVEN[file]!());
    const code = this.rewrite(example.code);
    if (code.includes(`-U postgres ${this.database}`)) this.databaseCreated = true;
    if (example.mode === 'server-stopped') await this.stopServer();
    if (example.mode === 'server' && !this.server) await this.startServer('npm start');
    if (example.mode === 'starts-server') {
      await this.stopServer();
      const cmds = commands(code);
      this.shell(cmds.slice(0, -1).join('\n'), example);
      await this.startServer(cmds.at(-1)!);
      return;
    }
    this.shell(code, example);
  }

  private shell(code: string, example: Example): void {
    const res = spawnSync('bash', ['-c', PRELUDE + code], { cwd: this.dir, env: this.env(), encoding: 'utf8', timeout: 180_000 });
    assert.equal(res.status, 0, `${example.doc}:${example.line} failed (exit ${res.status}):\n${code}\n--- stdout\n${res.stdout.slice(-3000)}\n--- stderr\n${res.stderr.slice(-3000)}`);
  }

  private async startServer(command: string): Promise<void> {
    const log = join(this.dir, 'server.log');
    const out = openSync(log, 'a');
    const proc = spawn('bash', ['-c', PRELUDE + command], { cwd: this.dir, env: this.env(), stdio: ['ignore', out, out], detached: true });
    this.server = { proc, log };
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) break;
      try {
        if ((await fetch(`http://127.0.0.1:${this.port}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const text = readFileSync(log, 'utf8');
    await this.stopServer();
    assert.fail(`\`${command}\` did not start a server on port ${this.port}:\n${text.slice(-3000)}`);
  }

  async stopServer(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    if (server.proc.exitCode !== null || server.proc.signalCode !== null) return;
    const exited = new Promise((r) => server.proc.once('exit', r));
    process.kill(-server.proc.pid!, 'SIGTERM');
    await exited;
    // npm's child (the node server) is in the same group; wait until it has let the port go.
    while (await fetch(`http://127.0.0.1:${this.port}/healthz`).then(() => true, () => false)) await new Promise((r) => setTimeout(r, 100));
  }

  async close(): Promise<void> {
    await this.stopServer();
    if (this.databaseCreated) {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${this.database} WITH (FORCE)`);
      await client.end();
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const ALL = DOCS.flatMap((doc) => examplesOf(doc, readFileSync(join(ROOT, doc), 'utf8')));

describe('documentation examples', () => {
  it('has the two commands of the README, and CI runs the test one', () => {
    const readme = ALL.filter((e) => e.doc === 'README.md');
    assert.match(readme[0].code, /^npm ci && npm start$/m, 'the first block installs and runs the server');
    const testCommand = readme.find((e) => /npm ci && npm test/.test(e.code));
    assert.ok(testCommand, 'the README gives the install-and-test command');
    const ci = readFileSync(join(ROOT, '.ci/run'), 'utf8');
    assert.match(ci, /^npm ci\b/m);
    assert.match(ci, /^npm test$/m);
  });

  it('says why each example it does not run is left out', () => {
    for (const e of ALL.filter((x) => x.mode === 'skip')) assert.ok(e.reason && e.reason.length > 10, `${e.doc}:${e.line}`);
    for (const e of ALL) for (const g of e.given) assert.ok(GIVEN[g], `${e.doc}:${e.line} names ${g}, which this test cannot provide`);
  });
});

for (const doc of DOCS) {
  const examples = ALL.filter((e) => e.doc === doc && e.mode !== 'skip');
  if (examples.length === 0) continue;
  describe(`${doc} examples`, () => {
    const run = new DocRun();
    after(() => run.close());
    for (const example of examples) {
      it(`line ${example.line}: ${commands(example.code)[0]}`, { timeout: 300_000 }, () => run.run(example));
    }
  });
}
