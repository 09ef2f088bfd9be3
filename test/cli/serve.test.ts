/**
 * The README's run path as a newcomer meets it: `helsebro serve` on the embedded store seeds a demo
 * population, prints where it listens, answers FHIR requests, and keeps its data across a restart.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const BIN = join(import.meta.dirname, '../../bin/helsebro.js');

function start(dataDir: string, extra: string[] = ['--insecure-dev']): Promise<{ proc: ChildProcess; base: string; out: () => string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir, '--patients', '40', ...extra], {
      env: { ...process.env, HELSEBRO_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+\/fhir)/.exec(out);
      if (m) resolve({ proc, base: m[1], out: () => out });
    });
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${err.slice(0, 2000)}`)));
  });
}

async function stop(proc: ChildProcess): Promise<void> {
  proc.removeAllListeners('exit');
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  await exited;
}

describe('helsebro serve on the embedded store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'helsebro-serve-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints help', () => {
    const res = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    assert.equal(res.status, 0);
    assert.match(res.stdout, /serve/);
    assert.match(res.stdout, /migrate/);
    assert.match(res.stdout, /seed/);
    const sub = spawnSync(process.execPath, [BIN, 'serve', '--help'], { encoding: 'utf8' });
    assert.match(sub.stdout, /--port/);
    const unknown = spawnSync(process.execPath, [BIN, 'fly'], { encoding: 'utf8' });
    assert.equal(unknown.status, 2);
  });

  it('seeds, serves FHIR and keeps the data across a restart', async () => {
    // As on a fresh clone, where neither `.data` nor `.data/helsebro` exists yet.
    const dataDir = join(dir, 'fresh', 'helsebro');
    const first = await start(dataDir);
    let count: number;
    try {
      const meta = await fetch(`${first.base}/metadata`);
      assert.equal(meta.status, 200);
      const bundle = (await (await fetch(`${first.base}/Patient?_summary=count`)).json()) as { total: number };
      count = bundle.total;
      assert.ok(count >= 40, `expected the demo patients, got ${count}`);
    } finally {
      await stop(first.proc);
    }
    const second = await start(dataDir);
    try {
      const bundle = (await (await fetch(`${second.base}/Patient?_summary=count`)).json()) as { total: number };
      assert.equal(bundle.total, count);
    } finally {
      await stop(second.proc);
    }
  });

  it('requires a token by default, and helsebro token gets one from the running server', async () => {
    const authDir = mkdtempSync(join(tmpdir(), 'helsebro-serve-auth-'));
    const server = await start(authDir, []);
    try {
      assert.equal((await fetch(`${server.base}/Patient`)).status, 401);
      // The server names demo users to sign in as.
      const doctor = /--as (hpr:\d+)/.exec(server.out())?.[1];
      assert.ok(doctor, server.out());
      const token = spawnSync(process.execPath, [BIN, 'token', '--as', doctor, '--url', server.base.replace(/\/fhir$/, '')], { encoding: 'utf8' });
      assert.equal(token.status, 0, token.stderr);
      const res = await fetch(`${server.base}/Patient?_count=3`, { headers: { authorization: `Bearer ${token.stdout.trim()}` } });
      assert.equal(res.status, 200);
      assert.ok(((await res.json()) as { entry?: unknown[] }).entry?.length, 'the GP sees patients on their list');
    } finally {
      await stop(server.proc);
      rmSync(authDir, { recursive: true, force: true });
    }
  });
});
