/**
 * Requests per minute per caller, in fixed one-minute windows. The caller is the authenticated
 * principal's subject when the request carries a valid token, else the remote address — so users
 * of one client app (the command line, an EHR) are limited one by one, and a flood of requests
 * without a valid token is limited by where it comes from.
 */
import type { FastifyRequest } from 'fastify';
import { FhirError } from '../fhir/outcome.ts';

const WINDOW_MS = 60_000;

export class RequestLimiter {
  private window = -1;
  private readonly counts = new Map<string, number>();

  constructor(readonly perMinute: number, private readonly now: () => number = Date.now) {}

  /** Counts one request of this caller; throws a 429 when they have had their share this minute. */
  take(caller: string): void {
    if (this.perMinute <= 0) return;
    const now = this.now();
    const window = Math.floor(now / WINDOW_MS);
    if (window !== this.window) {
      // Only the current window is kept, so memory follows the callers of one minute.
      this.counts.clear();
      this.window = window;
    }
    const count = (this.counts.get(caller) ?? 0) + 1;
    this.counts.set(caller, count);
    if (count > this.perMinute) {
      const wait = Math.ceil(((window + 1) * WINDOW_MS - now) / 1000);
      throw new FhirError(429, { severity: 'error', code: 'throttled', diagnostics: `Too many requests: at most ${this.perMinute} per minute; try again in ${wait} s` });
    }
  }
}

/** Whom a request counts against: its principal when authenticated, else its address. */
export function callerOf(request: FastifyRequest): string {
  return request.principal ? `sub:${request.principal.sub}` : `address:${request.ip}`;
}
