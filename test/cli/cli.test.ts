/**
 * The command line's own answers, as an operator meets them: its version, a wrong flag, a file it
 * cannot read, a production configuration that is not fit for production, and a store that already
 * holds imported data (which is never topped up with the demo population).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const BIN = join(import.meta.dirname, '../../bin/helsebro.js');
const PKG = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, HELSEBRO_LOG_LEVEL: 'warn', ...env } });
}

describe('helsebro command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'helsebro-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints its version', () => {
    const res = run(['--version']);
    assert.equal(res.status, 0);
    assert.equal(res.stdout.trim(), `helsebro ${PKG.version}`);
  });

  it('answers an unknown flag with the command’s own usage line', () => {
    const res = run(['serve', '--prot', '8080']);
    assert.equal(res.status, 2);
    assert.match(res.stderr, /--prot/);
    assert.match(res.stderr, /Usage: helsebro serve \[--port N\]/);
    const token = run(['token', '--ass', 'hpr:1']);
    assert.equal(token.status, 2);
    assert.match(token.stderr, /Usage: helsebro token/);
  });

  it('says so and exits non-zero for a file or directory it cannot import', () => {
    const xml = join(dir, 'melding.xml');
    writeFileSync(xml, '<?xml version="1.0"?><MsgHead/>');
    const file = run(['import', '--data-dir', join(dir, 'store-a'), xml]);
    assert.notEqual(file.status, 0);
    assert.match(file.stderr, /Cannot read .*melding\.xml: this command reads FHIR JSON/);
    assert.doesNotMatch(file.stdout, /Imported 0/);
    const only = mkdtempSync(join(dir, 'xml-only-'));
    writeFileSync(join(only, 'a.xml'), '<a/>');
    const folder = run(['import', '--data-dir', join(dir, 'store-a'), only]);
    assert.notEqual(folder.status, 0);
    assert.match(folder.stderr, /No FHIR JSON \(\.json, \.ndjson\) files in/);
    const missing = run(['terminology', 'import', '--data-dir', join(dir, 'store-a'), join(dir, 'nowhere.csv')]);
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /no such file/);
  });

  it('shows progress while importing code lists', () => {
    const csv = join(dir, 'icpc2.csv');
    writeFileSync(csv, 'system#code#text\nICPC2#L03#Korsryggsymptomer/plager\nICPC2#P76#Depressiv lidelse\n');
    const res = run(['terminology', 'import', '--data-dir', join(dir, 'store-t'), csv]);
    assert.equal(res.status, 0, res.stderr);
    assert.match(res.stdout, /Reading icpc2\.csv… 2 icpc2 codes/);
    assert.match(res.stdout, /CodeSystem\/icpc2 .*: 2 codes/);
  });

  it('refuses to start in production with the built-in demo login or without tokens, saying what to configure', () => {
    for (const extra of [[], ['--insecure-dev']]) {
      const res = run(['serve', '--port', '0', '--no-seed', '--data-dir', join(dir, 'store-p'), ...extra], { HELSEBRO_ENV: 'production' });
      assert.equal(res.status, 1, res.stdout);
      assert.match(res.stderr, /Refusing to start in production/);
      assert.match(res.stderr, extra.length ? /insecure-dev/ : /HELSEBRO_AUTH_MODE=external/);
    }
  });

  it('refuses a DATABASE_URL that is not PostgreSQL instead of opening the embedded store', () => {
    const res = run(['migrate', '--data-dir', join(dir, 'store-m')], { DATABASE_URL: 'mysql://root@127.0.0.1/helsebro' });
    assert.equal(res.status, 1);
    assert.match(res.stderr, /DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//);
  });

  it('does not seed the demo population on top of imported data', async () => {
    const store = join(dir, 'store-i');
    const ndjson = join(dir, 'hpr.ndjson');
    writeFileSync(ndjson, `${JSON.stringify({ resourceType: 'Practitioner', id: 'importert-lege', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.4', value: '9144889' }], name: [{ family: 'Importert' }] })}\n`);
    const imported = run(['import', '--data-dir', store, ndjson]);
    assert.equal(imported.status, 0, imported.stderr);
    const proc = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', store, '--patients', '20', '--insecure-dev'], { env: { ...process.env, HELSEBRO_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let out = '';
        proc.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/\S+\/fhir)/.exec(out);
          if (m) resolve(m[1]);
        });
        proc.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      const patients = (await (await fetch(`${base}/Patient?_summary=count`)).json()) as { total: number };
      assert.equal(patients.total, 0, 'no demo patients were added');
      const practitioners = (await (await fetch(`${base}/Practitioner?_summary=count`)).json()) as { total: number };
      assert.equal(practitioners.total, 1, 'only what was imported');
    } finally {
      proc.removeAllListeners('exit');
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    }
  });
});
