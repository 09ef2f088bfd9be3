/**
 * QuestionnaireResponse ↔ Legeerklaering, both ways, driven by the item table in
 * `legeerklaering-items.ts`. Beyond the items: the signature time is `authored`, the sender's
 * message id is `identifier.value`, and the time Helsebro received it is supplied by the caller
 * (it is ours, not the sender's). Problems are OperationOutcome issues naming the item.
 */
import type { Diagnose } from '../../domain/kodeverk/diagnose.ts';
import type { Legeerklaering } from '../../domain/legeerklaering/model.ts';
import type { OutcomeIssue } from '../outcome.ts';
import { DIAGNOSE_SYSTEMS, isGroup, LEGEERKLAERING_ITEMS, LEGEERKLAERING_QUESTIONNAIRE, type FieldItem, type LegeerklaeringItem } from './legeerklaering-items.ts';

type Json = Record<string, unknown>;
interface Coding { system?: string; code?: string; display?: string }
interface Answer { valueCoding?: Coding; valueString?: string; valueDate?: string; valueInteger?: number; valueBoolean?: boolean }
interface Item { linkId: string; answer?: Answer[]; item?: Item[] }

export function isLegeerklaeringQuestionnaire(url: unknown): boolean {
  return typeof url === 'string' && url.split('|')[0] === LEGEERKLAERING_QUESTIONNAIRE;
}

// ---------------------------------------------------------------------------------------------
// Dotted paths into the model

type Obj = Record<string, unknown>;

function getPath(root: unknown, path: string): unknown {
  let v = root;
  for (const key of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Obj)[key] : undefined;
  return v;
}

function setPath(root: Obj, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = root;
  for (const key of keys.slice(0, -1)) o = (o[key] ??= {}) as Obj;
  o[keys[keys.length - 1]] = value;
}

/** The groups and lists every legeerklæring has, present even when nothing in them was answered. */
const skeleton = (): Obj => ({
  pasient: {},
  sykdomsopplysninger: { bidiagnoser: [] },
  forslagTilTiltak: { tiltak: [] },
  funksjonsOgArbeidsevne: { arbeidssituasjon: [] },
  prognose: {},
  kontakt: { kontakt: [] },
  forbehold: {},
  signatur: {},
});

// ---------------------------------------------------------------------------------------------
// QuestionnaireResponse → Legeerklaering

const stripOid = (system: string | undefined) => (system ?? '').replace(/^urn:oid:/, '');

class Reader {
  readonly issues: OutcomeIssue[] = [];
  readonly model = skeleton();

  problem(expression: string, diagnostics: string, code: OutcomeIssue['code'] = 'required'): void {
    this.issues.push({ severity: 'error', code, diagnostics: `${expression}: ${diagnostics}`, expression: [expression] });
  }

  read(items: readonly LegeerklaeringItem[], answered: Item[] | undefined, path: string): void {
    const byId = new Map<string, Item>();
    // The form arrives from outside: a list that is not a list, or an entry that is not an object, is a problem, not a crash.
    if (answered !== undefined && !Array.isArray(answered)) this.problem(path, 'item must be a list');
    for (const a of Array.isArray(answered) ? answered : []) if (a && typeof a === 'object' && typeof a.linkId === 'string' && !byId.has(a.linkId)) byId.set(a.linkId, a);
    for (const def of items) {
      const where = `${path}.item.where(linkId='${def.linkId}')`;
      const got = byId.get(def.linkId);
      if (isGroup(def)) {
        if (got) this.read(def.item, got.item, where);
        else if (def.required) this.problem(where, `the group '${def.text}' is required`);
        continue;
      }
      if (got?.answer !== undefined && !Array.isArray(got.answer)) this.problem(where, 'answer must be a list');
      const answers: unknown[] = Array.isArray(got?.answer) ? got.answer : [];
      const values = answers.map((a) => (a && typeof a === 'object' ? this.value(def, a as Answer, where) : this.notAnAnswer(where))).filter((v) => v !== undefined);
      if (values.length === 0) {
        // An answer that was there but unusable has its own problem already.
        if (def.required && !got?.answer?.length) this.problem(where, `'${def.text}' is required`);
        if (def.repeats) setPath(this.model, def.path, []);
        continue;
      }
      setPath(this.model, def.path, def.repeats ? values : values[0]);
    }
  }

  private notAnAnswer(where: string): undefined {
    this.problem(where, 'an answer must be an object (valueString, valueCoding, …)', 'structure');
    return undefined;
  }

  private value(def: FieldItem, a: Answer, where: string): unknown {
    switch (def.kind) {
      case 'string': case 'text': return this.typed(a.valueString, 'string', 'valueString', where);
      case 'date': return this.typed(a.valueDate, 'string', 'valueDate', where);
      case 'integer': return this.typed(a.valueInteger, 'number', 'valueInteger', where);
      case 'boolean': return this.typed(a.valueBoolean, 'boolean', 'valueBoolean', where);
      case 'code': {
        const code = a.valueCoding?.code;
        if (code !== undefined && def.options?.some(([c]) => c === code)) return code;
        this.problem(where, `unknown code '${String(code ?? '').slice(0, 40)}'`, 'code-invalid');
        return undefined;
      }
      case 'diagnose': return this.diagnosis(a.valueCoding, where);
    }
  }

  private typed<T>(value: T | undefined, type: string, name: string, where: string): T | undefined {
    if (typeof value === type) return value;
    this.problem(where, `the answer needs a ${name}`, 'value');
    return undefined;
  }

  private diagnosis(c: Coding | undefined, where: string): Diagnose | undefined {
    if (!c?.code) {
      this.problem(where, 'a diagnosis needs a valueCoding with a code', 'value');
      return undefined;
    }
    const system = stripOid(c.system);
    if (!DIAGNOSE_SYSTEMS.has(system)) {
      this.problem(where, `a diagnosis must be ICPC-2 (urn:oid:2.16.578.1.12.4.1.1.7170) or ICD-10 (urn:oid:2.16.578.1.12.4.1.1.7110), not '${String(c.system ?? '').slice(0, 60)}'`, 'code-invalid');
      return undefined;
    }
    return { system, kode: c.code, ...(c.display !== undefined ? { tekst: c.display } : {}) };
  }
}

/** The codes of the main and secondary diagnoses must come from one code system, as the schema has one kodesystem. */
function oneCodeSystem(model: Obj, reader: Reader): void {
  const hoved = getPath(model, 'sykdomsopplysninger.hoveddiagnose') as Diagnose | undefined;
  const bi = (getPath(model, 'sykdomsopplysninger.bidiagnoser') as Diagnose[] | undefined) ?? [];
  if (hoved && bi.some((d) => d.system !== hoved.system)) {
    reader.problem("QuestionnaireResponse.item.where(linkId='sykdomsopplysninger').item.where(linkId='bidiagnose')", 'the secondary diagnoses must use the code system of the main diagnosis', 'code-invalid');
  }
}

export interface LegeerklaeringRefs {
  /** When Helsebro received it (ISO dateTime). */
  mottattTidspunkt: string;
}

export function toLegeerklaering(qr: Json, refs: LegeerklaeringRefs): { legeerklaering?: Legeerklaering; issues: OutcomeIssue[] } {
  const reader = new Reader();
  reader.read(LEGEERKLAERING_ITEMS, qr.item as Item[] | undefined, 'QuestionnaireResponse');
  oneCodeSystem(reader.model, reader);
  const authored = typeof qr.authored === 'string' ? qr.authored : undefined;
  if (!authored) reader.problem('QuestionnaireResponse.authored', 'the time of signing (authored) is required');
  const msgId = (qr.identifier as { value?: unknown } | undefined)?.value;
  if (typeof msgId !== 'string' || !msgId) reader.problem('QuestionnaireResponse.identifier', "the sender's message id (identifier.value) is required");
  if (reader.issues.length > 0) return { issues: reader.issues };
  setPath(reader.model, 'signatur.dato', authored);
  // The table guarantees every required field is present; the round-trip test guarantees the shape.
  const legeerklaering = { msgId, mottattTidspunkt: refs.mottattTidspunkt, ...reader.model } as unknown as Legeerklaering;
  return { legeerklaering, issues: [] };
}

// ---------------------------------------------------------------------------------------------
// Legeerklaering → QuestionnaireResponse

function answersFor(def: FieldItem, value: unknown): Answer[] {
  const values = def.repeats ? (value as unknown[] | undefined) ?? [] : value === undefined ? [] : [value];
  return values.map((v): Answer => {
    switch (def.kind) {
      case 'string': case 'text': return { valueString: v as string };
      case 'date': return { valueDate: v as string };
      case 'integer': return { valueInteger: v as number };
      case 'boolean': return { valueBoolean: v as boolean };
      case 'code': {
        const display = def.options?.find(([c]) => c === v)?.[1];
        return { valueCoding: { code: v as string, ...(display ? { display } : {}) } };
      }
      case 'diagnose': {
        const d = v as Diagnose;
        return { valueCoding: { system: `urn:oid:${d.system}`, code: d.kode, ...(d.tekst !== undefined ? { display: d.tekst } : {}) } };
      }
    }
  });
}

function writeItems(items: readonly LegeerklaeringItem[], model: Legeerklaering): Item[] {
  const out: Item[] = [];
  for (const def of items) {
    if (isGroup(def)) {
      const children = writeItems(def.item, model);
      if (children.length) out.push({ linkId: def.linkId, item: children });
      continue;
    }
    const answer = answersFor(def, getPath(model, def.path));
    if (answer.length) out.push({ linkId: def.linkId, answer });
  }
  return out;
}

/** Our Questionnaire's response for a legeerklæring (the subject and author references supplied by the caller). */
export function toLegeerklaeringQuestionnaireResponse(le: Legeerklaering, refs: { id?: string; subject?: string; author?: string } = {}): Json {
  return {
    resourceType: 'QuestionnaireResponse',
    ...(refs.id ? { id: refs.id } : {}),
    identifier: { value: le.msgId },
    questionnaire: LEGEERKLAERING_QUESTIONNAIRE,
    status: 'completed',
    ...(refs.subject ? { subject: { reference: refs.subject } } : {}),
    authored: le.signatur.dato,
    ...(refs.author ? { author: { reference: refs.author } } : {}),
    item: writeItems(LEGEERKLAERING_ITEMS, le),
  };
}
