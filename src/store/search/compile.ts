/**
 * Compiles a search plan (plan.ts) into parameterised SQL. Each filter becomes an EXISTS against
 * the index table of its type (search-types.ts), joined on (resource_type, id). Values are always
 * bound as parameters, never spliced into the text.
 */
import type { Filter, SearchRequest, SearchValue, SortSpec } from '../../fhir/search/parse.ts';
import { planSearch, type ParamFilter, type PatientPin, type SearchPlan } from './plan.ts';
import { rangeCondition } from './prefixes.ts';
import { definitionOf } from './search-types.ts';
import { SqlParams } from './sql-params.ts';
import { statementName } from './statement-names.ts';
import { shownTo, visibleTo, type Viewer } from './viewer.ts';

/**
 * A redundant overlap test on the span column for a date filter (a single value, or a range group
 * such as ge…&lt…): the window any match must overlap, as one range, so the planner sees one
 * well-estimated condition. Empty when the values bound nothing (e.g. `ne`).
 */
function spanHint(a: string, values: SearchValue[], p: SqlParams): string {
  let lower: string | undefined;
  let upper: string | undefined;
  const raise = (v: string) => { if (lower === undefined || v > lower) lower = v; };
  const cut = (v: string) => { if (upper === undefined || v < upper) upper = v; };
  for (const value of values) {
    const d = value as Extract<SearchValue, { type: 'date' }>;
    switch (d.prefix) {
      case 'eq': case 'ap': raise(d.low); cut(d.high); break;
      case 'ge': raise(d.low); break;
      case 'gt': case 'sa': raise(d.high); break;
      case 'le': cut(d.high); break;
      case 'lt': case 'eb': cut(d.low); break;
      case 'ne': break;
    }
  }
  if (lower === undefined && upper === undefined) return '';
  return `${a}.span && tstzrange(${lower === undefined ? 'NULL' : p.add(lower)}::timestamptz, ${upper === undefined ? 'NULL' : p.add(upper)}::timestamptz, '[]') AND `;
}

/**
 * With one target type the condition is an equality, so the planner carries the constant into the
 * inner filter's index lookup (its leading column is resource_type); ANY() would hide it.
 */
function targetTypeCondition(column: string, types: string[], p: SqlParams): string {
  return types.length === 1 ? `${column} = ${p.add(types[0])}` : `${column} = ANY(${p.add(types)}::text[])`;
}

/** SQL for one filter on the resource row aliased `r` (resource_type and id columns). */
export function filterSql(filter: Filter, r: string, p: SqlParams, v: Viewer): string {
  switch (filter.kind) {
    case 'id': {
      const cond = `${r}.id = ANY(${p.add(filter.values)}::text[])`;
      return filter.not ? `NOT (${cond})` : cond;
    }
    case 'lastUpdated':
      return filter.values
        .map((v) => rangeCondition(v.prefix, `${r}.last_updated`, `${r}.last_updated`, v, p))
        .join(' AND ');
    case 'param': {
      const a = p.alias('i');
      const table = definitionOf(filter.type).table;
      const owner = `${a}.resource_type = ${r}.resource_type AND ${a}.id = ${r}.id AND ${a}.param = ${p.add(filter.code)}${shownTo(v, a, filter.code, p)}`;
      if (filter.missing !== undefined) return `${filter.missing ? 'NOT ' : ''}EXISTS (SELECT 1 FROM ${table} ${a} WHERE ${owner})`;
      const ors = valueMatch(filter, a, p);
      if (filter.modifier === 'not') return `NOT EXISTS (SELECT 1 FROM ${table} ${a} WHERE ${owner} AND (${ors}))`;
      return `EXISTS (SELECT 1 FROM ${table} ${a} WHERE ${owner} AND (${ors}))`;
    }
    case 'chain': {
      const ref = p.alias('c');
      const t = p.alias('t');
      return `EXISTS (SELECT 1 FROM sp_reference ${ref} JOIN resource ${t} ON ${t}.resource_type = ${ref}.target_type AND ${t}.id = ${ref}.target_id
        WHERE ${ref}.resource_type = ${r}.resource_type AND ${ref}.id = ${r}.id AND ${ref}.param = ${p.add(filter.code)}${shownTo(v, ref, filter.code, p)}
        AND ${targetTypeCondition(`${ref}.target_type`, filter.targetTypes, p)} AND NOT ${t}.deleted AND ${filterSql(filter.inner, t, p, v)}${visibleTo(v, t, p, filter.targetTypes.length === 1 ? filter.targetTypes[0] : undefined)})`;
    }
    case 'has': {
      const ref = p.alias('h');
      const s = p.alias('s');
      return `EXISTS (SELECT 1 FROM sp_reference ${ref} JOIN resource ${s} ON ${s}.resource_type = ${ref}.resource_type AND ${s}.id = ${ref}.id
        WHERE ${ref}.resource_type = ${p.add(filter.sourceType)} AND ${ref}.param = ${p.add(filter.code)}${shownTo(v, ref, filter.code, p)}
        AND ${ref}.target_type = ${r}.resource_type AND ${ref}.target_id = ${r}.id AND NOT ${s}.deleted AND ${filterSql(filter.inner, s, p, v)}${visibleTo(v, s, p, filter.sourceType)})`;
    }
  }
}

/** The condition an index row (alias `a`) meets when it matches the filter's values. */
function valueMatch(filter: ParamFilter, a: string, p: SqlParams): string {
  const { where } = definitionOf(filter.type);
  let ors = filter.values.map((v) => where(a, v, p, filter.modifier)).join(' OR ');
  if (filter.and) ors = [ors, ...filter.and.map((v) => where(a, v, p, filter.modifier))].join(') AND (');
  if (filter.type === 'date' && filter.values.length === 1) ors = `${spanHint(a, [filter.values[0], ...(filter.and ?? [])], p)}(${ors})`;
  return ors;
}

/** Sort keys; a value hidden from the caller sorts as no value (last). */
function sortSql(sort: SortSpec[], p: SqlParams, r: string, v: Viewer): string {
  const keys = sort.map((s) => {
    const dir = s.descending ? 'DESC' : 'ASC';
    if (s.type === 'id') return `${r}.id ${dir}`;
    if (s.type === 'lastUpdated') return `${r}.last_updated ${dir}`;
    const { table, sort: key } = definitionOf(s.type);
    const agg = s.descending ? key.desc : key.asc;
    return `(SELECT ${agg} FROM ${table} x WHERE x.resource_type = ${r}.resource_type AND x.id = ${r}.id AND x.param = ${p.add(s.code)}${shownTo(v, 'x', s.code, p)}) ${dir} NULLS LAST`;
  });
  // The id (and type) tie-breakers make the order total, so paging never repeats or skips a row.
  keys.push(`${r}.resource_type`, `${r}.id`);
  return keys.join(', ');
}

function whereSql(request: SearchRequest, filters: Filter[], p: SqlParams): string {
  const where = ['NOT r.deleted'];
  if (request.resourceType) where.unshift(`r.resource_type = ${p.add(request.resourceType)}`);
  else if (request.types?.length) where.unshift(`r.resource_type = ANY(${p.add(request.types)}::text[])`);
  for (const f of filters) where.push(filterSql(f, 'r', p, request));
  return where.join('\n  AND ') + visibleTo(request, 'r', p, request.resourceType);
}

/** The (resource_type, id) rows that refer to the pinned patient, as `a`. */
function pinnedCandidates(pin: PatientPin, a: string, type: string, p: SqlParams, v: Viewer): string {
  if (pin.kind === 'id') {
    return `SELECT DISTINCT ${a}.resource_type, ${a}.id FROM sp_reference ${a}
    WHERE ${a}.resource_type = ${type} AND ${a}.param = ${p.add(pin.filter.code)} AND ${a}.target_id = ${p.add(pin.patientId)} AND ${a}.target_type = 'Patient'${shownTo(v, a, pin.filter.code, p)}`;
  }
  const t = p.alias('pt');
  return `SELECT DISTINCT ${a}.resource_type, ${a}.id FROM sp_token ${t} JOIN sp_reference ${a} ON ${a}.target_id = ${t}.id AND ${a}.target_type = 'Patient'
    WHERE ${t}.resource_type = 'Patient' AND ${t}.param = 'identifier' AND ${t}.code = ${p.add(pin.value)} AND ${t}.system = ${p.add(pin.system)}
      AND ${a}.resource_type = ${type} AND ${a}.param = ${p.add(pin.filter.code)}${shownTo(v, a, pin.filter.code, p)}${visibleTo(v, t, p, 'Patient')}`;
}

/**
 * A search whose candidates come from one index table: `from` yields their (resource_type, id) as
 * `k`, `where` holds the other filters on `k`. `stable`: one plan fits every value of the search,
 * so the statement may be named and its plan reused (see statementName).
 */
interface Driven { from: string; where: string; stable: boolean }

function drivenSql(plan: Exclude<SearchPlan, { shape: 'general' }>, request: SearchRequest, p: SqlParams): Driven {
  const rest = (sep: string) => plan.rest.map((f) => filterSql(f, 'k', p, request)).join(sep);
  if (plan.shape === 'patient') {
    // A search pinned to one patient: its candidates are bounded by what one patient has, whatever
    // the other values are, so the plan — candidates first, then each other filter probed per
    // candidate through the owner indexes — is right for every value. `k.resource_type` is a
    // column of the DISTINCT step, opaque to the planner. (Made a known constant, it let the
    // value-blind plan scan a token code's whole index range instead: 16,000 rows for four
    // candidates, 45 ms. Written into the text, the type also tipped PostgreSQL into planning the
    // statement on every call.)
    const from = `(${pinnedCandidates(plan.pin, p.alias('d'), p.add(plan.resourceType), p, request)}) k`;
    const where = rest('\n  AND ');
    return { from, where: (where || 'true') + visibleTo(request, 'k', p, plan.resourceType), stable: true };
  }
  const a = p.alias('d');
  const { driver } = plan;
  const from = `(SELECT DISTINCT ${a}.resource_type, ${a}.id FROM ${definitionOf(driver.type).table} ${a}
    WHERE ${a}.resource_type = ${p.add(plan.resourceType)} AND ${a}.param = ${p.add(driver.code)} AND (${valueMatch(driver, a, p)})${shownTo(request, a, driver.code, p)}) k`;
  return { from, where: rest('\n  AND ') || 'true', stable: false };
}

const PAGE_COLUMNS = 'r.resource_type, r.id, r.version_id, r.last_updated, r.content';

export interface SearchStatement {
  text: string;
  values: unknown[];
  /** Set when the statement may be prepared under this name. */
  name?: string;
}

export function pageSql(request: SearchRequest): SearchStatement {
  const p = new SqlParams();
  const plan = planSearch(request);
  if (plan.shape !== 'general') {
    const d = drivenSql(plan, request, p);
    const type = p.add(plan.resourceType);
    const inner = request.sort.length ? sortSql(request.sort, p, 'k', request) : 'k.id';
    // Every candidate is computed before the page is cut, so counting them all on the way costs
    // next to nothing and spares the separate count statement (`total` on every row).
    const text = `SELECT ${PAGE_COLUMNS}, pg.total FROM (
  SELECT k.id, count(*) OVER () AS total FROM ${d.from}
  WHERE ${d.where}
  ORDER BY ${inner} LIMIT ${p.add(request.count + 1)} OFFSET ${p.add(request.offset)}) pg
JOIN resource r ON r.resource_type = ${type} AND r.id = pg.id
WHERE NOT r.deleted
ORDER BY ${sortSql(request.sort, p, 'r', request)}`;
    return { text, values: p.values, name: d.stable ? statementName(text) : undefined };
  }
  const where = whereSql(request, plan.filters, p);
  const order = sortSql(request.sort, p, 'r', request);
  return {
    text: `SELECT ${PAGE_COLUMNS} FROM resource r
WHERE ${where}
ORDER BY ${order}
LIMIT ${p.add(request.count + 1)} OFFSET ${p.add(request.offset)}`,
    values: p.values,
  };
}

export function countSql(request: SearchRequest): SearchStatement {
  const p = new SqlParams();
  const plan = planSearch(request);
  if (plan.shape !== 'general') {
    const d = drivenSql(plan, request, p);
    const text = `SELECT count(*) AS n FROM ${d.from} WHERE ${d.where}`;
    return { text, values: p.values, name: d.stable ? statementName(text) : undefined };
  }
  return { text: `SELECT count(*) AS n FROM resource r WHERE ${whereSql(request, plan.filters, p)}`, values: p.values };
}
