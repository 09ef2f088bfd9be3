/**
 * A Repository bound to one caller: every read, search, include and history query carries the
 * caller's access condition in its SQL, every write is checked against the caller's policy, and the
 * token's scopes gate each interaction. The FHIR service and the bundle processor use it like any
 * other repository, so nothing above it can forget a check. Domain logic that must see everything
 * (the rules reading a patient's earlier sykmeldinger) uses `inner`, the unrestricted repository.
 */
import type { Principal } from './principal.ts';
import { permits, PERMISSION_VERB as VERB, type Permission } from './scopes.ts';
import { extractIndexRows } from '../fhir/search/extract.ts';
import { forbidden, unknownResource, unknownVersion } from '../fhir/outcome.ts';
import { pinnedPatient, type Filter, type SearchRequest } from '../fhir/search/parse.ts';
import type { FhirResource, HistoryQuery, LinkedQuery, Repository, StoredResource, TogetherWrite, WriteOptions } from '../store/repository.ts';
import { findByIdentifierBySearch, findLinkedStampsBySearch } from '../store/lookups-by-search.ts';
import type { StoreMemo } from '../store/store-memo.ts';
import type { Queryable } from '../store/database.ts';
import { isPatientDriven } from '../store/search/plan.ts';
import { patientReferenceSuffices } from '../store/access/compile.ts';
import { currentVisible, lookUpDoctor, patientVisible, versionVisible, writablePatients } from '../store/access/queries.ts';
import { AUTHORSHIP_PARAMS, patientCompartment } from '../fhir/compartment.ts';
import type { DoctorResources, Visibility } from '../fhir/search/visibility.ts';
import { POLICIES, visibilityFor } from './policies.ts';
import { protectedElements, redactProtected, seesProtectedData } from './protection.ts';
import { unredacted, type Unredacted } from './redaction-merge.ts';

export class AccessRepository implements Repository {
  /** Patients created by this caller in the current transaction (an EHR registering a new patient with its sykmelding). */
  private readonly createdPatients: Set<string>;
  /** A doctor's own Practitioner/PractitionerRole ids, looked up on first need and kept for this request. */
  private doctor: Promise<DoctorResources | undefined> | undefined;

  constructor(readonly inner: Repository, readonly principal: Principal, private readonly q: Queryable, createdPatients?: Set<string>, doctor?: Promise<DoctorResources | undefined>, authorised?: WeakMap<FhirResource, string>) {
    this.createdPatients = createdPatients ?? new Set();
    this.doctor = doctor;
    this.authorised = authorised ?? new WeakMap();
  }

  get memo(): StoreMemo {
    return this.inner.memo;
  }

  /** What the caller may see, before the doctor (if any) is looked up (see policies.ts). */
  private get policyVisibility(): Visibility {
    return (this.visibilityCache ??= visibilityFor(this.principal));
  }

  private visibilityCache: Visibility | undefined;

  /** What the caller may see, with the doctor's resources looked up (once per request) where it names a doctor. */
  async visibility(): Promise<Visibility> {
    const v = this.policyVisibility;
    if (!v.doctor) return v;
    const doctor = v.doctor;
    this.doctor ??= lookUpDoctor(this.q, doctor);
    const resources = await this.doctor;
    return resources ? { ...v, doctor: { ...doctor, resources } } : v;
  }

  private requireScope(resourceType: string, permission: Permission): void {
    if (this.principal.role === 'dev') return;
    if (!permits(this.principal.scopes, resourceType, permission)) {
      throw forbidden(`The access token's scopes do not allow ${VERB[permission]} of ${resourceType}`);
    }
  }

  private requirePurpose(): void {
    if (POLICIES[this.principal.role].requiresPurpose && !this.principal.purpose) {
      throw forbidden('A purpose of use is required (token claim purpose_of_use or the X-Purpose-Of-Use header)');
    }
  }

  /** Whether the caller may see the current version of one resource. */
  async allows(resourceType: string, id: string): Promise<boolean> {
    if (this.policyVisibility.unrestricted) return true;
    return currentVisible(this.q, await this.visibility(), resourceType, id);
  }

  /**
   * What the caller may not see reads as absent: the 404 an id nobody holds gets, so the answer does
   * not tell whether it exists. A type the caller's role never reads is refused as such (403), which
   * tells nothing of any one id.
   */
  private async requireVisible(resourceType: string, id: string): Promise<void> {
    this.requireReadableType(resourceType);
    if (!(await this.allows(resourceType, id))) throw unknownResource(resourceType, id);
  }

  /** A type the role never reads directly is refused alike for every id. */
  private requireReadableType(resourceType: string): void {
    if (POLICIES[this.principal.role].hiddenTypes?.includes(resourceType)) throw forbidden(`A ${this.principal.role} does not read ${resourceType} resources directly`);
  }

  /** Protected addresses are left out for everyone but the patient (src/access/protection.ts). */
  private shown<T extends { content: string }>(row: T): T {
    if (seesProtectedData(this.principal)) return row;
    const content = redactProtected(row.content);
    return content === row.content ? row : { ...row, content };
  }

  async read(resourceType: string, id: string): Promise<StoredResource> {
    this.requireScope(resourceType, 'r');
    this.requirePurpose();
    this.requireReadableType(resourceType);
    // A deleted resource is gone (410) to those who may see its deletion (it carries whom the deleted
    // version was about), and unknown to everyone else.
    const current = await this.inner.readIfExists(resourceType, id);
    if (current?.deleted && (await this.versionVisible(resourceType, id, current.versionId))) return this.inner.read(resourceType, id);
    await this.requireVisible(resourceType, id);
    // Read once: a current version is served as found; anything else answers as the store does (410).
    return current && !current.deleted ? this.shown(current) : this.inner.read(resourceType, id);
  }

  async readIfExists(resourceType: string, id: string): Promise<StoredResource | undefined> {
    this.requireScope(resourceType, 'r');
    const stored = await this.inner.readIfExists(resourceType, id);
    if (!stored || stored.deleted) return stored;
    return (await this.allows(resourceType, id)) ? this.shown(stored) : undefined;
  }

  /** One readIfExists each, so every resource is checked against the caller's access. */
  async readMany(refs: Array<{ resourceType: string; id: string }>): Promise<StoredResource[]> {
    const found: StoredResource[] = [];
    for (const r of refs) {
      const stored = await this.readIfExists(r.resourceType, r.id);
      if (stored) found.push(stored);
    }
    return found;
  }

  /**
   * A version is judged by what it said (src/store/access/compile.ts, versionVisibleSql), not by the current version: an
   * old version about another patient is refused as a read of another patient's resource is (403),
   * and an unknown version is 404 as for anyone.
   */
  async vread(resourceType: string, id: string, versionId: number): Promise<StoredResource> {
    this.requireScope(resourceType, 'r');
    this.requirePurpose();
    this.requireReadableType(resourceType);
    if ((await this.versionVisible(resourceType, id, versionId)) === false) throw unknownVersion(resourceType, id, versionId);
    return this.shown(await this.inner.vread(resourceType, id, versionId));
  }

  /**
   * Whether the caller may see one stored version (or, without `versionId`, any version) of a
   * resource; undefined when there is no such version.
   */
  private async versionVisible(resourceType: string, id: string, versionId?: number): Promise<boolean | undefined> {
    if (this.policyVisibility.unrestricted) return true;
    return versionVisible(this.q, await this.visibility(), resourceType, id, versionId);
  }

  async search(request: SearchRequest) {
    for (const type of request.resourceType ? [request.resourceType] : (request.types ?? ['*'])) this.requireScope(type, 's');
    this.requirePurpose();
    const access = await this.searchVisibility(request);
    const hidden = seesProtectedData(this.principal) ? undefined : protectedElements();
    const found = await this.inner.search({ ...request, access: access && !access.unrestricted ? access : undefined, hidden });
    // What _include/_revinclude brings along obeys the token's scopes too: a type it may not read is left out.
    const result = this.principal.role === 'dev' || found.includes.every((r) => permits(this.principal.scopes, r.resourceType, 'r'))
      ? found
      : { ...found, includes: found.includes.filter((r) => permits(this.principal.scopes, r.resourceType, 'r')) };
    if (seesProtectedData(this.principal)) return result;
    return { ...result, matches: result.matches.map((r) => this.shown(r)), includes: result.includes.map((r) => this.shown(r)) };
  }

  /**
   * The condition a search carries, if any. A search of the patient-pinned shape is a statement
   * planned once per connection (plan.ts), so the condition goes into it whole — with a
   * doctor's own resources computed inside it rather than looked up first. Any other search pinned
   * to a patient the caller may see is checked first: then it needs no condition.
   */
  private async searchVisibility(request: SearchRequest): Promise<Visibility | undefined> {
    if (isPatientDriven(request)) return this.doctor || !this.policyVisibility.doctor ? this.visibility() : this.policyVisibility;
    return (await this.pinnedToAllowedPatient(request)) ? undefined : this.visibility();
  }

  /**
   * Whether every match of this search is visible to the caller without a per-row condition: the
   * search pins one of its type's compartment references to a single patient
   * (`Observation?subject=Patient/x`), a reference to a patient the caller may see is enough to see
   * a row (policies.ts), and x is such a patient — checked once, with a statement that plans in a
   * fraction of the time the condition would add to the search's. Includes, chains and `_has`
   * still need the condition on the rows they bring in, so a search with them is not eligible.
   */
  private async pinnedToAllowedPatient(request: SearchRequest): Promise<boolean> {
    const type = request.resourceType;
    if (!type || request.include.length > 0 || request.revinclude.length > 0 || request.filters.some(joinsRows) || !patientReferenceSuffices(this.policyVisibility, type)) return false;
    const patientId = pinnedPatient(request, patientCompartment().get(type) ?? [])?.patientId;
    if (!patientId) return false;
    // A doctor not looked up yet: their resources come with the answer (and are kept for this request).
    const answer = await patientVisible(this.q, this.doctor ? await this.visibility() : this.policyVisibility, patientId);
    if (answer.doctor) this.doctor = Promise.resolve(answer.doctor);
    return answer.allowed;
  }

  /** As the search it stands for, so the caller's access condition applies. */
  findByIdentifier(resourceType: string, identifier: { system: string; value: string }) {
    return findByIdentifierBySearch(this, resourceType, identifier);
  }

  /** As the search it stands for, so the caller's access condition applies. */
  findLinkedStamps(query: LinkedQuery) {
    return findLinkedStampsBySearch(this, query);
  }

  async history(query: HistoryQuery) {
    this.requireScope(query.resourceType ?? '*', 'r');
    this.requirePurpose();
    const access = await this.visibility();
    const result = await this.inner.history(access.unrestricted ? query : { ...query, access });
    // A resource none of whose versions the caller may see reads as one nobody holds.
    if (query.resourceType && query.id && result.total === 0 && (await this.versionVisible(query.resourceType, query.id)) !== true) {
      throw unknownResource(query.resourceType, query.id);
    }
    if (seesProtectedData(this.principal)) return result;
    return { ...result, entries: result.entries.map((e) => this.shown(e)) };
  }

  /**
   * A write is allowed when the policy lets this role write at all and, for doctors, the resource is
   * patient data about patients they may see (or created in this transaction).
   */
  private async checkWrite(resource: FhirResource, permission: Permission): Promise<void> {
    this.requireScope(resource.resourceType, permission);
    const policy = POLICIES[this.principal.role];
    if (policy.write === 'any') return;
    this.requireWriter(resource.resourceType, permission);
    const type = resource.resourceType;
    if (permission !== 'd') await this.checkAuthorship(resource);
    if (type === 'Patient') {
      if (permission === 'c') return;
      if (resource.id && this.createdPatients.has(resource.id)) return;
      return this.requireVisible(type, String(resource.id));
    }
    const params = new Set(patientCompartment().get(type) ?? []);
    if (params.size === 0) throw forbidden(`A ${this.principal.role} cannot write ${type} resources (shared directory data)`);
    const patients = [...new Set(extractIndexRows(resource).reference.filter((r) => params.has(r.param) && r.targetType === 'Patient' && r.targetId).map((r) => r.targetId!))];
    if (patients.length === 0) throw forbidden(`${type} must refer to a patient you have access to`);
    const unknown = patients.filter((id) => !this.createdPatients.has(id));
    if (unknown.length === 0) return;
    const writable = await writablePatients(this.q, await this.visibility(), unknown);
    if (writable.length !== unknown.length) throw forbidden(`You have no access to the patient this ${type} is about`);
  }

  /** A role that writes nothing directly is refused for the whole type, whatever the id. */
  private requireWriter(resourceType: string, permission: Permission): void {
    if (POLICIES[this.principal.role].write === 'none') throw forbidden(`A ${this.principal.role} cannot ${VERB[permission]} ${resourceType} resources directly`);
  }

  /**
   * A doctor writes in their own name only: every authorship reference (AUTHORSHIP_PARAMS) to a
   * Practitioner or PractitionerRole must be one of theirs, so nobody borrows another doctor's
   * identity for a sykmelding (or reads what that doctor wrote through it).
   */
  private async checkAuthorship(resource: FhirResource): Promise<void> {
    if (this.principal.role !== 'doctor') return;
    const named = extractIndexRows(resource).reference.filter((r) => AUTHORSHIP_PARAMS.includes(r.param) && (r.targetType === 'Practitioner' || r.targetType === 'PractitionerRole'));
    if (named.length === 0) return;
    const mine = (await this.visibility()).doctor?.resources;
    const isMine = (r: (typeof named)[number]) => Boolean(r.targetId && (r.targetType === 'Practitioner' ? mine?.practitioners : mine?.roles)?.includes(r.targetId));
    const foreign = named.find((r) => !isMine(r));
    if (foreign) throw forbidden(`You can write a ${resource.resourceType} only in your own name: ${refText(foreign)} is not you (the ${foreign.param} must be your Practitioner or PractitionerRole)`);
  }

  /**
   * Who is a patient's GP decides which doctor sees the patient (the GP list), so a doctor may name
   * only themselves as one (their Practitioner or PractitionerRole), or keep whom the stored
   * version named: putting a patient on another doctor's list is not theirs to do.
   */
  private async checkGpList(resource: FhirResource): Promise<void> {
    if (this.principal.role !== 'doctor' || resource.resourceType !== 'Patient') return;
    const gps = (r: FhirResource) => extractIndexRows(r).reference.filter((x) => x.param === 'general-practitioner' && (x.targetType === 'Practitioner' || x.targetType === 'PractitionerRole'));
    const named = gps(resource);
    if (named.length === 0) return;
    const mine = (await this.visibility()).doctor?.resources;
    // Only a stored version the caller sees counts: what another doctor's patient names must not
    // change the answer (a taken id and a free one are refused alike).
    const id = resource.id === undefined ? undefined : String(resource.id);
    const current = id !== undefined && (this.createdPatients.has(id) || (await this.allows('Patient', id))) ? await this.inner.readIfExists('Patient', id) : undefined;
    const kept = new Set(current && !current.deleted ? gps(JSON.parse(current.content) as FhirResource).map(refText) : []);
    const isMine = (r: (typeof named)[number]) => Boolean(r.targetId && (r.targetType === 'Practitioner' ? mine?.practitioners : mine?.roles)?.includes(r.targetId));
    const foreign = named.find((r) => !isMine(r) && !kept.has(refText(r)));
    if (foreign) throw forbidden(`You can name only yourself as a patient's GP: ${refText(foreign)} is not you (generalPractitioner)`);
  }

  private async checkCreate(resource: FhirResource): Promise<void> {
    await this.checkWrite(resource, 'c');
    await this.checkGpList(resource);
  }

  async create(resource: FhirResource, options?: { id?: string }): Promise<StoredResource> {
    await this.checkCreate(resource);
    const { resource: written } = await this.unredactedWrite(resource);
    const stored = await this.inner.create(written, { ...options, createdBy: this.principal.sub });
    if (stored.resourceType === 'Patient') this.createdPatients.add(stored.id);
    return this.shown(stored);
  }

  async update(resource: FhirResource & { id: string }, options?: WriteOptions) {
    await this.checkUpdate(resource, resource.id, options?.ifMatchVersion);
    const written = await this.unredactedWrite(resource, resource.id, options?.ifMatchVersion);
    const result = await this.inner.update(written.resource, { ...options, ifMatchVersion: written.ifMatchVersion, createdBy: this.principal.sub });
    return { ...result, stored: this.shown(result.stored) };
  }

  /**
   * What the write stores when the caller was served a redacted view (redaction-merge.ts): hidden
   * elements kept from the version replaced, which the write must then replace (a concurrent change is 412).
   */
  private async unredactedWrite<T extends FhirResource>(resource: T, id?: string, ifMatchVersion?: number): Promise<Unredacted<T> & { ifMatchVersion?: number }> {
    if (seesProtectedData(this.principal) || resource.resourceType !== 'Patient') return { resource, ifMatchVersion };
    const written = unredacted(resource, id === undefined ? undefined : await this.inner.readIfExists(resource.resourceType, id));
    return { ...written, ifMatchVersion: ifMatchVersion ?? written.restoredFrom };
  }

  /**
   * An update must see the current version and may write the new one; a new id is a create. The new
   * version is checked first, as a create unless the caller sees the current one, so the answer to
   * it is the same whether the id is taken by what the caller may not see or free. Then a current
   * version the caller may not see — or a version named (If-Match) of an id they do not see — reads
   * as absent (requireVisible).
   */
  private async checkUpdate(resource: FhirResource, id: string, ifMatchVersion: number | undefined): Promise<void> {
    const type = resource.resourceType;
    const existing = await this.inner.readIfExists(type, id);
    const current = existing !== undefined && !existing.deleted;
    const seen = current && ((type === 'Patient' && this.createdPatients.has(id)) || (await this.allows(type, id)));
    await this.checkWrite(resource, seen ? 'u' : 'c');
    if (!seen && (current || ifMatchVersion !== undefined)) await this.requireVisible(type, id);
    // Re-creating a deleted id would adopt everything that still refers to it (a deleted Patient's
    // sykmeldinger): only someone who may see what was there may bring it back.
    if (existing?.deleted && POLICIES[this.principal.role].write !== 'any' && !(await this.allows(type, id))) {
      // Worded as an id taken by what they may not see, so it does not tell them it was deleted.
      throw unknownResource(type, id);
    }
    // After the refusals that read as absent: an id held by what the caller may not see answers 404 first.
    await this.checkGpList(resource);
  }

  /** The main resource is checked as create or update would check it; the companions are the server's own. */
  async authoriseWrite(resource: FhirResource, write: TogetherWrite): Promise<void> {
    if (write.method === 'POST') await this.checkCreate(resource);
    else await this.checkUpdate(resource, write.id, write.ifMatchVersion);
    this.authorised.set(resource, authorisedAs(resource, write));
  }

  /**
   * Writes authoriseWrite has just allowed, by the object it was shown and what it said then: the
   * service checks before its hooks prepare (so a duplicate is answered only to one who may write)
   * and then writes the same resource, which need not be checked twice. A resource changed since,
   * or another object (one a hook replaced), is checked again.
   */
  private readonly authorised: WeakMap<FhirResource, string>;

  async writeTogether(resource: FhirResource, write: TogetherWrite, companions: Array<FhirResource & { id: string }>) {
    if (this.authorised.get(resource) !== authorisedAs(resource, write)) await this.authoriseWrite(resource, write);
    this.authorised.delete(resource);
    const written = await this.unredactedWrite(resource, write.method === 'POST' ? undefined : write.id, write.ifMatchVersion);
    const result = await this.inner.writeTogether(written.resource, { ...write, ifMatchVersion: written.ifMatchVersion, createdBy: this.principal.sub }, companions);
    if (result.stored.resourceType === 'Patient' && result.created) this.createdPatients.add(result.stored.id);
    return { ...result, stored: this.shown(result.stored) };
  }

  async delete(resourceType: string, id: string, options?: { ifMatchVersion?: number }): Promise<boolean> {
    this.requireScope(resourceType, 'd');
    this.requireWriter(resourceType, 'd');
    // An id the caller may not see — held by what they may not see, or by nothing — is 404 alike.
    await this.requireVisible(resourceType, id);
    const current = await this.inner.readIfExists(resourceType, id);
    if (current && !current.deleted) await this.checkWrite(JSON.parse(current.content) as FhirResource, 'd');
    return this.inner.delete(resourceType, id, options);
  }

  withTransaction<T>(fn: (repo: Repository) => Promise<T>): Promise<T> {
    return this.inner.withTransaction((tx) => fn(new AccessRepository(tx, this.principal, tx.queryable ?? this.q, this.createdPatients, this.doctor, this.authorised)));
  }

  /** The store underneath, without this caller's restrictions (same transaction). */
  unrestricted(): Repository {
    return this.inner;
  }
}

/** What an authorised write was: the content and how it is written (see AccessRepository.authorised). */
const authorisedAs = (resource: FhirResource, write: TogetherWrite) => JSON.stringify([write.method, write.id, write.ifMatchVersion ?? null, resource]);

/** A chain or `_has` filter: it reads rows other than the one it filters. */
const joinsRows = (f: Filter) => f.kind === 'chain' || f.kind === 'has';

const refText = (row: { targetType?: string | null; targetId?: string | null }) => `${row.targetType}/${String(row.targetId ?? '').slice(0, 64)}`;

