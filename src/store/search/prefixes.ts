/**
 * The comparison each prefix stands for (https://hl7.org/fhir/R4/search.html#prefix), as SQL and
 * as a test on values, side by side in one entry per prefix so the store and the in-memory matcher
 * cannot read a prefix differently. Bounds are bound as parameters only when used.
 */
import type { Prefix } from '../../fhir/search/parse.ts';
import type { SqlParams } from './sql-params.ts';

/** The search value's range [vl, vh] as SQL, each bound on first use; `within`: the target lies inside it. */
interface SqlBounds { vl(): string; vh(): string; within(): string }

interface RangePrefix {
  /** For a target range [lo, hi] (column expressions). */
  sql(lo: string, hi: string, b: SqlBounds): string;
  test(lo: number, hi: number, vl: number, vh: number): boolean;
}

const within = (lo: number, hi: number, vl: number, vh: number) => lo >= vl && hi <= vh;

/** Range against range: dates (a target's range is its precision's, or a Period). */
const RANGE_PREFIXES: Record<Prefix, RangePrefix> = {
  eq: { sql: (lo, hi, b) => b.within(), test: within },
  ne: { sql: (lo, hi, b) => `NOT ${b.within()}`, test: (lo, hi, vl, vh) => !within(lo, hi, vl, vh) },
  gt: { sql: (lo, hi, b) => `${hi} > ${b.vh()}`, test: (lo, hi, vl, vh) => hi > vh },
  lt: { sql: (lo, hi, b) => `${lo} < ${b.vl()}`, test: (lo, hi, vl) => lo < vl },
  // The leading bound is implied by the rest; it is spelled out so an index range can be used.
  ge: { sql: (lo, hi, b) => `(${hi} >= ${b.vl()} AND (${hi} > ${b.vh()} OR ${b.within()}))`, test: (lo, hi, vl, vh) => hi >= vl && (hi > vh || within(lo, hi, vl, vh)) },
  le: { sql: (lo, hi, b) => `(${lo} <= ${b.vh()} AND (${lo} < ${b.vl()} OR ${b.within()}))`, test: (lo, hi, vl, vh) => lo <= vh && (lo < vl || within(lo, hi, vl, vh)) },
  sa: { sql: (lo, hi, b) => `${lo} > ${b.vh()}`, test: (lo, hi, vl, vh) => lo > vh },
  eb: { sql: (lo, hi, b) => `${hi} < ${b.vl()}`, test: (lo, hi, vl) => hi < vl },
  ap: { sql: (lo, hi, b) => `(${lo} <= ${b.vh()} AND ${hi} >= ${b.vl()})`, test: (lo, hi, vl, vh) => lo <= vh && hi >= vl },
};

/** An instant as SQL sees it: ±infinity for the open ends of a Period. */
export function instant(value: string): number {
  if (value === 'infinity') return Infinity;
  if (value === '-infinity') return -Infinity;
  return Date.parse(value);
}

/** The range condition for a target range [lo, hi] and the search value's range [low, high]. */
export function rangeCondition(prefix: Prefix, lo: string, hi: string, range: { low: string; high: string }, p: SqlParams): string {
  let vlText: string | undefined;
  let vhText: string | undefined;
  const vl = () => (vlText ??= `${p.add(range.low)}::timestamptz`);
  const vh = () => (vhText ??= `${p.add(range.high)}::timestamptz`);
  return RANGE_PREFIXES[prefix].sql(lo, hi, { vl, vh, within: () => `(${lo} >= ${vl()} AND ${hi} <= ${vh()})` });
}

/** The same comparison on instants (ISO strings, or ±infinity). */
export function rangeMatches(prefix: Prefix, lo: string, hi: string, range: { low: string; high: string }): boolean {
  return RANGE_PREFIXES[prefix].test(instant(lo), instant(hi), instant(range.low), instant(range.high));
}

/** The search number as SQL: its value, and its precision range [low, high). */
interface SqlNumber { v(): string; inRange(): string }

interface NumberPrefix {
  sql(col: string, n: SqlNumber): string;
  test(x: number, value: number, low: number, high: number): boolean;
}

const inRange = (x: number, low: number, high: number) => x >= low && x < high;
/** Approximately: within 10 % of the value (FHIR leaves the exact margin to the server). */
const near = (x: number, value: number) => x >= value - Math.abs(value) * 0.1 && x <= value + Math.abs(value) * 0.1;

/** A number against the search value: `eq`/`ne` use the value's precision range, the others the value itself. */
const NUMBER_PREFIXES: Record<Prefix, NumberPrefix> = {
  eq: { sql: (col, n) => n.inRange(), test: (x, v, low, high) => inRange(x, low, high) },
  ne: { sql: (col, n) => `NOT ${n.inRange()}`, test: (x, v, low, high) => !inRange(x, low, high) },
  gt: { sql: (col, n) => `${col} > ${n.v()}`, test: (x, v) => x > v },
  sa: { sql: (col, n) => `${col} > ${n.v()}`, test: (x, v) => x > v },
  lt: { sql: (col, n) => `${col} < ${n.v()}`, test: (x, v) => x < v },
  eb: { sql: (col, n) => `${col} < ${n.v()}`, test: (x, v) => x < v },
  ge: { sql: (col, n) => `${col} >= ${n.v()}`, test: (x, v) => x >= v },
  le: { sql: (col, n) => `${col} <= ${n.v()}`, test: (x, v) => x <= v },
  ap: {
    sql: (col, n) => {
      const x = n.v();
      return `(${col} >= ${x} - abs(${x}) * 0.1 AND ${col} <= ${x} + abs(${x}) * 0.1)`;
    },
    test: (x, v) => near(x, v),
  },
};

/** A number column compared against the search value; parameters are bound only when used. */
export function numberCondition(prefix: Prefix, col: string, n: { value: string; low: string; high: string }, p: SqlParams): string {
  const v = () => `${p.add(n.value)}::numeric`;
  const range = () => `(${col} >= ${p.add(n.low)}::numeric AND ${col} < ${p.add(n.high)}::numeric)`;
  return NUMBER_PREFIXES[prefix].sql(col, { v, inRange: range });
}

/**
 * The same comparison in doubles. PostgreSQL compares exact decimals; the two differ only where a
 * double cannot tell two decimals apart (beyond about 15 significant digits).
 */
export function numberMatches(prefix: Prefix, x: string, n: { value: string; low: string; high: string }): boolean {
  return NUMBER_PREFIXES[prefix].test(Number(x), Number(n.value), Number(n.low), Number(n.high));
}
