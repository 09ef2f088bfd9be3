/**
 * A small closed-loop HTTP load generator: `concurrency` workers, each sending its next request as
 * soon as the previous one is answered, for a fixed time. Keep-alive connections over loopback.
 */
import http from 'node:http';

export interface BenchRequest {
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface LoadResult {
  requests: number;
  errors: number;
  rps: number;
  p50: number; // ms
  p99: number; // ms
  firstError?: string;
}

export async function runLoad(
  port: number,
  concurrency: number,
  seconds: number,
  next: (worker: number, n: number) => BenchRequest,
  expectStatus: (status: number) => boolean = (s) => s >= 200 && s < 300,
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();

  const worker = async (w: number) => {
    for (let n = 0; performance.now() < deadline; n++) {
      const req = next(w, n);
      const t0 = performance.now();
      const { status, body } = await send(agent, port, req);
      latencies.push(performance.now() - t0);
      if (!expectStatus(status)) {
        errors++;
        firstError ??= `${req.method} ${req.path} → ${status} ${body.slice(0, 200)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return { requests: latencies.length, errors, rps: latencies.length / elapsed, p50: pct(0.5), p99: pct(0.99), firstError };
}

function send(agent: http.Agent, port: number, req: BenchRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { accept: 'application/fhir+json', ...req.headers };
    if (req.body !== undefined) {
      headers['content-type'] ??= 'application/fhir+json';
      headers['content-length'] = Buffer.byteLength(req.body);
    }
    const r = http.request({ host: '127.0.0.1', port, method: req.method, path: req.path, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    r.on('error', reject);
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}
