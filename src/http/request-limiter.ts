/**
 * Requests per minute per caller, in fixed one-minute windows. The caller is the authenticated
 * principal's subject when the request carries a valid token, else the remote address — so users
 * of one client app (the command line, an EHR) are limited one by one, and a flood of requests
 * without a valid token is limited by where it comes from.
 */
import type { FastifyRequest } from 'fastify';
import { tooManyRequests } from '../fhir/outcome.ts';

const WINDOW_MS = 60_000;
/**
 * Callers counted at once. A flood from ever new addresses would otherwise grow the table for a
 * whole minute; past this the least recently seen caller is forgotten (its count starts again),
 * which never lets off a caller still sending — they are the most recently seen.
 */
export const MAX_TRACKED_CALLERS = 100_000;

export class RequestLimiter {
  private window = -1;
  /** Count per caller, least recently seen first (a Map keeps insertion order). */
  private readonly counts = new Map<string, number>();

  constructor(readonly perMinute: number, private readonly now: () => number = Date.now, private readonly maxCallers = MAX_TRACKED_CALLERS) {}

  /** Callers counted in the current window (at most maxCallers). */
  get tracked(): number {
    return this.counts.size;
  }

  /** Counts one request of this caller; throws a 429 when they have had their share this minute. */
  take(caller: string): void {
    if (this.perMinute <= 0) return;
    const now = this.now();
    const window = Math.floor(now / WINDOW_MS);
    if (window !== this.window) {
      // Only the current window is kept, so memory follows the callers of one minute (at most maxCallers).
      this.counts.clear();
      this.window = window;
    }
    const count = (this.counts.get(caller) ?? 0) + 1;
    this.remember(caller, count);
    if (count > this.perMinute) {
      const wait = Math.ceil(((window + 1) * WINDOW_MS - now) / 1000);
      throw tooManyRequests(`Too many requests: at most ${this.perMinute} per minute; try again in ${wait} s`);
    }
  }

  /** Records a count as the most recently seen, forgetting the least recently seen caller when full. */
  private remember(caller: string, count: number): void {
    this.counts.delete(caller);
    if (this.counts.size >= this.maxCallers) this.counts.delete(this.counts.keys().next().value!);
    this.counts.set(caller, count);
  }
}

/** Whom a request counts against: its principal when authenticated, else its address. */
export function callerOf(request: FastifyRequest): string {
  return request.principal ? `sub:${request.principal.sub}` : `address:${request.ip}`;
}
