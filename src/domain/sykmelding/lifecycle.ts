/**
 * The sykmelding's status lifecycle as a transition table plus one pure `transition` function.
 * Statuses and allowed patient transitions follow NAV's register (reference: lifecycle-and-views §2).
 * A rejected (INVALID) sykmelding can only be acknowledged (BEKREFTET).
 */
export type SykmeldingStatus = 'APEN' | 'SENDT' | 'BEKREFTET' | 'AVBRUTT' | 'UTGATT';

export type StatusEvent =
  | { kind: 'SEND'; arbeidsgiverOrgnr: string; /** optional parts the patient chose to share */ deler?: string[] }
  | { kind: 'BEKREFT' }
  | { kind: 'AVBRYT' }
  | { kind: 'GJENAPNE' }
  | { kind: 'UTLOP' };

const TARGET: Record<StatusEvent['kind'], SykmeldingStatus> = { SEND: 'SENDT', BEKREFT: 'BEKREFTET', AVBRYT: 'AVBRUTT', GJENAPNE: 'APEN', UTLOP: 'UTGATT' };

/** From → allowed targets, for accepted sykmeldinger. */
const NORMAL: Record<SykmeldingStatus, SykmeldingStatus[]> = {
  APEN: ['BEKREFTET', 'AVBRUTT', 'SENDT', 'APEN', 'UTGATT'],
  BEKREFTET: ['APEN', 'AVBRUTT', 'BEKREFTET', 'SENDT'],
  SENDT: [],
  AVBRUTT: ['APEN', 'SENDT', 'BEKREFTET', 'AVBRUTT'],
  UTGATT: ['AVBRUTT'],
};

/** For rejected sykmeldinger the patient can only confirm having seen the rejection. */
const REJECTED: Record<SykmeldingStatus, SykmeldingStatus[]> = { APEN: ['BEKREFTET'], BEKREFTET: [], SENDT: [], AVBRUTT: [], UTGATT: [] };

interface StatusChange {
  status: SykmeldingStatus;
  at: string;
  /** who made the change: 'pasient', 'system' or a user reference */
  by: string;
  arbeidsgiverOrgnr?: string;
  deler?: string[];
}

export interface StatusState {
  status: SykmeldingStatus;
  rejected: boolean;
  history: StatusChange[];
}

type TransitionResult = { ok: true; state: StatusState } | { ok: false; reason: string };

export function allowedTargets(state: Pick<StatusState, 'status' | 'rejected'>): SykmeldingStatus[] {
  return (state.rejected ? REJECTED : NORMAL)[state.status];
}

export function transition(state: StatusState, event: StatusEvent, at: string, by: string): TransitionResult {
  const target = TARGET[event.kind];
  if (!allowedTargets(state).includes(target)) {
    const why = state.rejected ? 'a rejected sykmelding can only be confirmed' : state.status === 'SENDT' ? 'a sykmelding sent to the employer cannot be changed' : `it cannot go from ${state.status} to ${target}`;
    return { ok: false, reason: `Not allowed: ${why}` };
  }
  if (event.kind === 'SEND' && !/^\d{9}$/.test(event.arbeidsgiverOrgnr)) return { ok: false, reason: 'The employer must be given as a 9-digit organisation number' };
  const change: StatusChange = { status: target, at, by };
  if (event.kind === 'SEND') {
    change.arbeidsgiverOrgnr = event.arbeidsgiverOrgnr;
    if (event.deler) change.deler = event.deler;
  }
  return { ok: true, state: { ...state, status: target, history: [...state.history, change] } };
}

export function initialState(at: string, rejected: boolean): StatusState {
  return { status: 'APEN', rejected, history: [{ status: 'APEN', at, by: 'system' }] };
}

/**
 * Expiry: an APEN sykmelding the patient never used becomes UTGATT. NAV's job is not in the
 * reference, so we choose: three months after its last day (the latest tom).
 */
export function isExpired(state: Pick<StatusState, 'status'>, latestTom: string, today: string): boolean {
  if (state.status !== 'APEN') return false;
  const [y, m, d] = latestTom.split('-').map(Number);
  const limit = new Date(Date.UTC(y, m - 1 + 3, 1));
  limit.setUTCDate(Math.min(d, new Date(Date.UTC(y, m + 3, 0)).getUTCDate()));
  return today > limit.toISOString().slice(0, 10);
}
