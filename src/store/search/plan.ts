/**
 * Plans a search as plain data: which filters it applies (range bounds on one parameter grouped),
 * and the shape of its statement — general, pinned to one patient, or led by a range — with what
 * that shape needs. compile.ts turns a plan into SQL text and parameters.
 */
import { pinnedPatient, type Filter, type SearchRequest } from '../../fhir/search/parse.ts';
import type { IndexedType } from '../../fhir/search/search-types.ts';

export type ParamFilter = Extract<Filter, { kind: 'param' }>;
export type ChainFilter = Extract<Filter, { kind: 'chain' }>;

/**
 * How a search pinned to one patient finds its candidates: the filter that pins it, naming the
 * patient by id (`subject=Patient/x`) or by one exact identifier (`subject:Patient.identifier=system|value`).
 */
export type PatientPin =
  | { kind: 'id'; filter: ParamFilter; patientId: string }
  | { kind: 'identifier'; filter: ChainFilter; system: string; value: string };

/**
 * `general`: every filter on the resource rows. The other shapes take their candidates from one
 * index table (`patient`: the resources referring to the pinned patient; `range`: the rows of the
 * leading range filter's table in range) and apply the `rest` to them. Index tables hold rows only
 * for current, undeleted resources, so only the page's ids need joining to their resources.
 */
export type SearchPlan =
  | { shape: 'general'; filters: Filter[] }
  | { shape: 'patient'; resourceType: string; pin: PatientPin; rest: Filter[] }
  | { shape: 'range'; resourceType: string; driver: ParamFilter; rest: Filter[] };

/** Range filters match many rows (a day of Observations); token and reference filters few. */
const RANGE_TYPES = new Set<IndexedType>(['date', 'number', 'quantity']);

/**
 * Range searches on one parameter (`date=ge2024-03-01&date=lt2024-04-01`) are matched against the
 * same index row, so the database can use one index range instead of intersecting two large sets.
 * This is how a client means such a pair; it differs from strict FHIR semantics only for resources
 * with several values of the parameter, where each bound could be met by a different value.
 */
export function rangeGroups(filters: Filter[]): Filter[] {
  const out: Filter[] = [];
  const groups = new Map<string, ParamFilter>();
  for (const f of filters) {
    const rangeable = f.kind === 'param' && RANGE_TYPES.has(f.type) && !f.modifier && f.missing === undefined && f.values.length === 1;
    if (!rangeable) {
      out.push(f);
      continue;
    }
    const existing = groups.get(f.code);
    if (existing) existing.and = [...(existing.and ?? []), f.values[0]];
    else {
      const copy = { ...f };
      groups.set(f.code, copy);
      out.push(copy);
    }
  }
  return out;
}

/** `ref:Patient.identifier=system|value`: one exact identifier of the patient (a fødselsnummer). */
function identifierPin(f: Filter): PatientPin | undefined {
  if (f.kind !== 'chain' || f.targetTypes.length !== 1 || f.targetTypes[0] !== 'Patient') return undefined;
  const inner = f.inner;
  if (inner.kind !== 'param' || inner.code !== 'identifier' || inner.type !== 'token' || inner.modifier || inner.missing !== undefined || inner.values.length !== 1 || inner.and) return undefined;
  const v = inner.values[0];
  if (v.type !== 'token' || typeof v.system !== 'string' || v.system === '' || typeof v.code !== 'string' || v.code === '') return undefined;
  return { kind: 'identifier', filter: f, system: v.system, value: v.code };
}

function patientPin(request: SearchRequest): PatientPin | undefined {
  const byId = pinnedPatient(request);
  if (byId) return { kind: 'id', filter: byId.filter, patientId: byId.patientId };
  for (const f of request.filters) {
    const pin = identifierPin(f);
    if (pin) return pin;
  }
  return undefined;
}

/** Candidates carry no resource columns: _lastUpdated, as a filter or a sort key, needs the general statement. */
function drivingPin(request: SearchRequest): PatientPin | undefined {
  if (!request.resourceType || request.filters.some((f) => f.kind === 'lastUpdated') || request.sort.some((s) => s.type === 'lastUpdated')) return undefined;
  return patientPin(request);
}

/**
 * Whether a search takes the patient-pinned shape (its statement is then named and planned once
 * per connection, so a longer condition in it costs no planning).
 */
export function isPatientDriven(request: SearchRequest): boolean {
  return drivingPin(request) !== undefined;
}

/**
 * A search in id order whose filters all live in the index tables, led by a range filter. How
 * many match depends on the range, so its statement is planned for its values each time.
 */
function rangeDriver(request: SearchRequest, filters: Filter[]): ParamFilter | undefined {
  if (request.sort.length > 0 || (request.access && !request.access.unrestricted)) return undefined;
  if (filters.some((f) => f.kind === 'lastUpdated')) return undefined;
  return filters.find((f): f is ParamFilter => f.kind === 'param' && RANGE_TYPES.has(f.type) && !f.modifier && f.missing === undefined);
}

export function planSearch(request: SearchRequest): SearchPlan {
  const filters = rangeGroups(request.filters);
  const resourceType = request.resourceType;
  if (!resourceType) return { shape: 'general', filters };
  const pin = drivingPin(request);
  if (pin) return { shape: 'patient', resourceType, pin, rest: filters.filter((f) => f !== pin.filter) };
  const driver = rangeDriver(request, filters);
  if (driver) return { shape: 'range', resourceType, driver, rest: filters.filter((f) => f !== driver) };
  return { shape: 'general', filters };
}
