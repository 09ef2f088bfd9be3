/**
 * Who receives a request NAV sends about a patient, as an ordered list of rules (data) and one
 * small evaluator. The first rule whose condition holds decides; every rule tried is reported
 * with its explanation in bokmål and English, so the decision can be stored with its reasons.
 *
 * Order (our choice; isdialogmelding takes a given behandlerRef and the reference has no routing):
 * the patient's fastlege; else the sykmelder of the current sick leave; else the municipality
 * service responsible for the GP list (a vacant list), or for the patient's municipality (no list).
 * Whenever the patient has no fastlege, the case is flagged UTEN_FASTLEGE.
 */
import { FINAL_STATUSES, type RequestStatus } from './request-status.ts';

export interface Mottaker {
  /** A FHIR reference: `PractitionerRole/…` (fastlege), `Practitioner/…` (sykmelder) or `Organization/…` (municipality). */
  ref: string;
  navn?: string;
  /** HER-id, which EDI routing needs. */
  herId?: string;
}

/** The patient's place on a GP list (fastlegeliste). */
export interface Fastlegeliste {
  listeId: string;
  /** The municipality (kommunenummer) that owns the list. */
  kommunenummer: string;
  /** The list's GP, or UBESATT when the list has no doctor. */
  lege: Mottaker | 'UBESATT';
}

export interface RoutingSituation {
  /** The patient's municipality (kommunenummer, from the address). */
  kommunenummer: string;
  fastlegeliste?: Fastlegeliste;
  /** The sykmelder of the sick leave running today, if any. */
  sykmelder?: Mottaker;
  /** Per kommunenummer: the municipality's service that answers for GP lists (legetjenesten). */
  kommunaleTjenester: Readonly<Record<string, Mottaker>>;
}

export type RoutingRuleId = 'FASTLEGE' | 'SYKMELDER' | 'KOMMUNE_LISTEANSVAR' | 'KOMMUNE_BOSTED' | 'INGEN_MOTTAKER';
export type RoutingFlag = 'UTEN_FASTLEGE' | 'MANUELL_RUTING';

export interface Forklaring {
  nb: string;
  en: string;
}

export interface RoutingRule {
  id: RoutingRuleId;
  applies: (s: RoutingSituation) => boolean;
  mottaker: (s: RoutingSituation) => Mottaker | undefined;
  flagg: readonly RoutingFlag[];
  /** Why the rule applies, and why not. */
  ja: (s: RoutingSituation) => Forklaring;
  nei: (s: RoutingSituation) => Forklaring;
}

const gp = (s: RoutingSituation) => (s.fastlegeliste && s.fastlegeliste.lege !== 'UBESATT' ? s.fastlegeliste.lege : undefined);
const listeKommune = (s: RoutingSituation) => (s.fastlegeliste ? s.kommunaleTjenester[s.fastlegeliste.kommunenummer] : undefined);
const bostedKommune = (s: RoutingSituation) => s.kommunaleTjenester[s.kommunenummer];
const hvem = (m: Mottaker | undefined) => m?.navn ?? m?.ref ?? '';

export const ROUTING_RULES: readonly RoutingRule[] = [
  {
    id: 'FASTLEGE',
    applies: (s) => gp(s) !== undefined,
    mottaker: gp,
    flagg: [],
    ja: (s) => ({ nb: `Pasienten står på liste ${s.fastlegeliste!.listeId} hos fastlege ${hvem(gp(s))}.`, en: `The patient is on list ${s.fastlegeliste!.listeId} of GP ${hvem(gp(s))}.` }),
    nei: (s) => (s.fastlegeliste
      ? { nb: `Liste ${s.fastlegeliste.listeId} er uten fastlege (ubesatt).`, en: `List ${s.fastlegeliste.listeId} has no GP (vacant).` }
      : { nb: 'Pasienten står ikke på noen fastlegeliste.', en: 'The patient is on no GP list.' }),
  },
  {
    id: 'SYKMELDER',
    applies: (s) => s.sykmelder !== undefined,
    mottaker: (s) => s.sykmelder,
    flagg: ['UTEN_FASTLEGE'],
    ja: (s) => ({ nb: `Sendes til sykmelder for det pågående sykefraværet, ${hvem(s.sykmelder)}.`, en: `Sent to the sykmelder of the current sick leave, ${hvem(s.sykmelder)}.` }),
    nei: () => ({ nb: 'Pasienten har ikke noe pågående sykefravær med kjent sykmelder.', en: 'The patient has no current sick leave with a known sykmelder.' }),
  },
  {
    id: 'KOMMUNE_LISTEANSVAR',
    applies: (s) => listeKommune(s) !== undefined,
    mottaker: listeKommune,
    flagg: ['UTEN_FASTLEGE'],
    ja: (s) => ({ nb: `Kommune ${s.fastlegeliste!.kommunenummer} har ansvar for den ubesatte listen: ${hvem(listeKommune(s))}.`, en: `Municipality ${s.fastlegeliste!.kommunenummer} is responsible for the vacant list: ${hvem(listeKommune(s))}.` }),
    nei: (s) => (s.fastlegeliste
      ? { nb: `Ingen kjent tjeneste i kommune ${s.fastlegeliste.kommunenummer} for listen.`, en: `No known service in municipality ${s.fastlegeliste.kommunenummer} for the list.` }
      : { nb: 'Ingen liste, så ingen listeansvarlig kommune.', en: 'No list, so no municipality responsible for one.' }),
  },
  {
    id: 'KOMMUNE_BOSTED',
    // A vacant list is the list municipality's; only a patient with no list falls to the home municipality.
    applies: (s) => !s.fastlegeliste && bostedKommune(s) !== undefined,
    mottaker: bostedKommune,
    flagg: ['UTEN_FASTLEGE'],
    ja: (s) => ({ nb: `Pasienten har ingen liste; sendes til bostedskommunen ${s.kommunenummer}: ${hvem(bostedKommune(s))}.`, en: `The patient has no list; sent to the home municipality ${s.kommunenummer}: ${hvem(bostedKommune(s))}.` }),
    nei: (s) => ({ nb: `Ingen kjent tjeneste i bostedskommunen ${s.kommunenummer}.`, en: `No known service in the home municipality ${s.kommunenummer}.` }),
  },
  {
    id: 'INGEN_MOTTAKER',
    applies: () => true,
    mottaker: () => undefined,
    flagg: ['UTEN_FASTLEGE', 'MANUELL_RUTING'],
    ja: () => ({ nb: 'Fant ingen mottaker; en saksbehandler må velge mottaker.', en: 'No recipient found; a caseworker must choose one.' }),
    nei: () => ({ nb: '', en: '' }),
  },
];

export interface RoutingStep {
  regel: RoutingRuleId;
  treff: boolean;
  forklaring: Forklaring;
}

export interface RoutingDecision {
  mottaker?: Mottaker;
  regel: RoutingRuleId;
  flagg: RoutingFlag[];
  steg: RoutingStep[];
  /** The steps as one text per language, for a note on the Task. */
  forklaring: Forklaring;
}

function explain(steg: RoutingStep[]): Forklaring {
  const line = (lang: keyof Forklaring) => steg.map((s) => `${s.regel}: ${s.forklaring[lang]}`).join(' ');
  return { nb: line('nb'), en: line('en') };
}

export function routeRequest(situation: RoutingSituation, rules: readonly RoutingRule[] = ROUTING_RULES): RoutingDecision {
  const steg: RoutingStep[] = [];
  for (const rule of rules) {
    const treff = rule.applies(situation);
    steg.push({ regel: rule.id, treff, forklaring: (treff ? rule.ja : rule.nei)(situation) });
    if (!treff) continue;
    const mottaker = rule.mottaker(situation);
    return { ...(mottaker ? { mottaker } : {}), regel: rule.id, flagg: [...rule.flagg], steg, forklaring: explain(steg) };
  }
  // The last rule always applies; an empty rule list is a programming error.
  throw new Error('No routing rule applied');
}

export interface RerouteResult {
  changed: boolean;
  decision: RoutingDecision;
  forklaring: Forklaring;
}

/**
 * The patient's situation changed (a new fastlege, a list that fell vacant): an open request
 * follows the patient to the new recipient; an answered or cancelled one stays where it was.
 */
export function reroute(request: { status: RequestStatus; routing: RoutingDecision }, newSituation: RoutingSituation): RerouteResult {
  if (FINAL_STATUSES.includes(request.status)) {
    return {
      changed: false,
      decision: request.routing,
      forklaring: { nb: `Forespørselen er ${request.status === 'answered' ? 'besvart' : 'avbrutt'} og blir liggende hos ${hvem(request.routing.mottaker)}.`, en: `The request is ${request.status} and stays with ${hvem(request.routing.mottaker)}.` },
    };
  }
  const decision = routeRequest(newSituation);
  const changed = decision.mottaker?.ref !== request.routing.mottaker?.ref;
  const forklaring = changed
    ? { nb: `Åpen forespørsel flyttes fra ${hvem(request.routing.mottaker) || 'ingen'} til ${hvem(decision.mottaker) || 'ingen'}. ${decision.forklaring.nb}`, en: `The open request moves from ${hvem(request.routing.mottaker) || 'nobody'} to ${hvem(decision.mottaker) || 'nobody'}. ${decision.forklaring.en}` }
    : { nb: `Mottakeren er den samme. ${decision.forklaring.nb}`, en: `The recipient is unchanged. ${decision.forklaring.en}` };
  return { changed, decision, forklaring };
}
