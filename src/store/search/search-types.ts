/**
 * One definition per indexed search-parameter type: its index table and columns (how an index row
 * is written), the condition an index row meets for one search value (per modifier and prefix) in
 * SQL and in memory side by side, and its sort expression. A type without an entry is a compile
 * error; which types exist and which modifiers they take is src/fhir/search/search-types.ts.
 */
import type { IndexRows } from '../../fhir/search/index-rows.ts';
import type { SearchValue } from '../../fhir/search/parse.ts';
import type { IndexedType } from '../../fhir/search/search-types.ts';
import { numberCondition, numberMatches, rangeCondition, rangeMatches } from './prefixes.ts';
import type { SqlParams } from './sql-params.ts';

type RowOf<T extends IndexedType> = IndexRows[T][number];
type ValueOf<T extends IndexedType> = Extract<SearchValue, { type: T }>;

interface Column<R> { name: string; sqlType: string; of(row: R): unknown }

export interface SearchTypeDefinition<T extends IndexedType> {
  table: string;
  /** The columns after (resource_type, id), in table order; `param` first. */
  columns: ReadonlyArray<Column<RowOf<T>>>;
  /** The condition index row `a` meets for value `v`. */
  where(a: string, v: ValueOf<T>, p: SqlParams, modifier?: string): string;
  /** Whether an index row meets value `v`: the same condition, in memory. */
  matches(row: RowOf<T>, v: ValueOf<T>, modifier?: string): boolean;
  /** The sort key over the parameter's rows `x` (ascending, descending). */
  sort: { asc: string; desc: string };
}

export type SearchTypeDefinitions = { [T in IndexedType]: SearchTypeDefinition<T> };

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `text LIKE pattern` as PostgreSQL reads it (`%`, `_`, and `\` escaping the next character). */
export function like(text: string, pattern: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]);
    else if (c === '%') source += '[\\s\\S]*';
    else if (c === '_') source += '[\\s\\S]';
    else source += escapeRegExp(c);
  }
  return new RegExp(`^${source}$`, 'u').test(text);
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const text = <R>(name: string, of: (row: R) => unknown): Column<R> => ({ name, sqlType: 'text', of });
const param = <R extends { param: string }>(): Column<R> => text('param', (r) => r.param);
const minMax = (column: string) => ({ asc: `min(x.${column})`, desc: `max(x.${column})` });

export const SEARCH_TYPE_DEFINITIONS: SearchTypeDefinitions = {
  string: {
    table: 'sp_string',
    columns: [param(), text('value', (r) => r.value), text('exact', (r) => r.exact)],
    where(a, s, p, modifier) {
      if (modifier === 'exact') return `${a}.exact = ${p.add(s.exact)}`;
      if (modifier === 'contains') return `${a}.value LIKE ${p.add(`%${escapeLike(s.value)}%`)}`;
      return `${a}.value LIKE ${p.add(`${escapeLike(s.value)}%`)}`;
    },
    matches(row, s, modifier) {
      if (modifier === 'exact') return row.exact === s.exact;
      if (modifier === 'contains') return row.value.includes(s.value);
      return row.value.startsWith(s.value);
    },
    sort: minMax('value'),
  },
  token: {
    table: 'sp_token',
    columns: [param(), text('system', (r) => r.system), text('code', (r) => r.code), text('display', (r) => r.display)],
    where(a, t, p, modifier) {
      if (modifier === 'text') return `${a}.display LIKE ${p.add(`%${escapeLike(t.code ?? '')}%`)}`;
      const parts: string[] = [];
      if (t.code !== undefined) parts.push(`${a}.code = ${p.add(t.code)}`);
      if (t.system === null) parts.push(`${a}.system IS NULL`);
      else if (t.system !== undefined) parts.push(`${a}.system = ${p.add(t.system)}`);
      return parts.length ? `(${parts.join(' AND ')})` : 'true';
    },
    matches(row, t, modifier) {
      if (modifier === 'text') return row.display !== null && row.display.includes(t.code ?? '');
      if (t.code !== undefined && row.code !== t.code) return false;
      return t.system === undefined || row.system === t.system;
    },
    sort: minMax('code'),
  },
  date: {
    table: 'sp_date',
    columns: [param(), { name: 'low', sqlType: 'timestamptz', of: (r) => r.low }, { name: 'high', sqlType: 'timestamptz', of: (r) => r.high }],
    where: (a, d, p) => rangeCondition(d.prefix, `${a}.low`, `${a}.high`, d, p),
    matches: (row, d) => row.low !== null && row.high !== null && rangeMatches(d.prefix, row.low, row.high, d),
    sort: { asc: 'min(x.low)', desc: 'max(x.high)' },
  },
  number: {
    table: 'sp_number',
    columns: [param(), ...(['value', 'low', 'high'] as const).map((c) => ({ name: c, sqlType: 'numeric', of: (r: RowOf<'number'>) => r[c] }))],
    where: (a, n, p) => numberCondition(n.prefix, `${a}.value`, n, p),
    matches: (row, n) => numberMatches(n.prefix, row.value, n),
    sort: minMax('value'),
  },
  quantity: {
    table: 'sp_quantity',
    columns: [
      param(), ...(['value', 'low', 'high'] as const).map((c) => ({ name: c, sqlType: 'numeric', of: (r: RowOf<'quantity'>) => r[c] })),
      text('system', (r) => r.system), text('code', (r) => r.code), text('unit', (r) => r.unit),
    ],
    where(a, q, p) {
      const parts = [numberCondition(q.prefix, `${a}.value`, q, p)];
      if (q.system) parts.push(`${a}.system = ${p.add(q.system)}`);
      if (q.code) {
        const c = p.add(q.code);
        parts.push(`(${a}.code = ${c} OR ${a}.unit = ${c})`);
      }
      return `(${parts.join(' AND ')})`;
    },
    matches(row, q) {
      if (!numberMatches(q.prefix, row.value, q)) return false;
      if (q.system && row.system !== q.system) return false;
      return !q.code || row.code === q.code || row.unit === q.code;
    },
    sort: minMax('value'),
  },
  reference: {
    table: 'sp_reference',
    columns: [param(), text('target_type', (r) => r.targetType), text('target_id', (r) => r.targetId), text('url', (r) => r.url)],
    where(a, r, p) {
      if (r.id) {
        const byId = `${a}.target_id = ${p.add(r.id)}` + (r.targetType ? ` AND ${a}.target_type = ${p.add(r.targetType)}` : '');
        return r.url ? `((${byId}) OR ${a}.url = ${p.add(r.url)})` : `(${byId})`;
      }
      return `${a}.url = ${p.add(r.url ?? '')}`;
    },
    matches(row, r) {
      if (!r.id) return row.url === (r.url ?? '');
      const byId = row.targetId === r.id && (!r.targetType || row.targetType === r.targetType);
      return byId || (!!r.url && row.url === r.url);
    },
    sort: minMax('target_id'),
  },
  uri: {
    table: 'sp_uri',
    columns: [param(), text('value', (r) => r.value)],
    where(a, u, p, modifier) {
      if (modifier === 'below') return `${a}.value LIKE ${p.add(`${escapeLike(u.value)}%`)}`;
      if (modifier === 'above') return `${p.add(u.value)} LIKE ${a}.value || '%'`;
      return `${a}.value = ${p.add(u.value)}`;
    },
    matches(row, u, modifier) {
      if (modifier === 'below') return row.value.startsWith(u.value);
      if (modifier === 'above') return like(u.value, `${row.value}%`);
      return row.value === u.value;
    },
    sort: minMax('value'),
  },
};

/** The definition of `type`, for a value known to be of that type. */
export function definitionOf(type: IndexedType): SearchTypeDefinition<IndexedType> {
  return SEARCH_TYPE_DEFINITIONS[type] as unknown as SearchTypeDefinition<IndexedType>;
}
