/**
 * The EHR sandbox: plays a doctor's EHR so a vendor or tester can launch the doctor's app without
 * one. Pick a synthetic doctor, sign them in, pick a patient, start a consultation, launch.
 */
import { useEffect, useState } from 'react';
import { Alert, BodyLong, BodyShort, Box, Button, Heading, HStack, Link, Page, Select, Table, VStack } from '@navikt/ds-react';
import { LEGE_CLIENT_ID, LEGE_SCOPE } from '../shared/clients.ts';
import { norwegianDate } from '../shared/fhir-text.ts';
import { completeSignIn, currentSession, launchPageOf, Refused, rootOf, signIn, signOut, startConsultation, type Consultation, type EhrSession } from './ehr.ts';

interface Lege { hpr: string; name: string; practitioner: string; office?: string }
interface SandboxPatient { id: string; name: string; identityNumber: string; birthDate?: string; note?: string }
interface Category { key: string; label: string; description: string; patients: SandboxPatient[] }
interface Directory { fhirBase: string; leger: Lege[] }

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} svarte ${res.status}`);
  return (await res.json()) as T;
}

type Started = { patient: SandboxPatient } & ({ kind: 'running' } | { kind: 'ok'; consultation: Consultation } | { kind: 'refused'; message: string });

export function SandboxApp() {
  const [directory, setDirectory] = useState<Directory>();
  const [session, setSession] = useState<EhrSession | undefined>(currentSession);
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string>();

  useEffect(() => {
    getJson<Directory>('/sandbox/api/leger').then((d) => {
      setDirectory(d);
      setChosen((c) => c || d.leger[0]?.hpr || '');
    }).catch((e: unknown) => setError(String(e instanceof Error ? e.message : e)));
    completeSignIn().then((s) => s && setSession(s)).catch((e: unknown) => setError(String(e instanceof Error ? e.message : e)));
  }, []);

  const lege = directory?.leger.find((l) => l.hpr === session?.hpr);
  return (
    <Page>
      <Page.Block as="main" width="xl" gutters>
        <VStack gap="space-24" paddingBlock="space-32">
          <div>
            <Heading level="1" size="xlarge" spacing>EHR-sandkasse</Heading>
            <BodyLong>
              Her spiller Helsebro legens journalsystem. Velg en syntetisk lege og en pasient, start en konsultasjon, og åpne
              legeappen med SMART EHR-oppstart, slik et journalsystem gjør. Alle personer er syntetiske.
            </BodyLong>
          </div>
          {error && <Alert variant="error" role="alert">{error}</Alert>}
          {!directory && !error && <BodyShort>Henter leger …</BodyShort>}
          {directory && (
            <Box padding="space-24" borderRadius="12" background="neutral-soft">
              {session && lege ? (
                <HStack gap="space-16" align="center" justify="space-between">
                  <BodyShort>Innlogget som <strong>{lege.name}</strong> (HPR {lege.hpr}){lege.office ? `, ${lege.office}` : ''}</BodyShort>
                  <Button variant="secondary" size="small" onClick={() => { signOut(); setSession(undefined); }}>Bytt lege</Button>
                </HStack>
              ) : (
                <form onSubmit={(e) => { e.preventDefault(); signIn(directory.fhirBase, chosen).catch((err: unknown) => setError(String(err))); }}>
                  <HStack gap="space-16" align="end">
                    <Select label="Lege" value={chosen} onChange={(e) => setChosen(e.target.value)}>
                      {directory.leger.map((l) => <option key={l.hpr} value={l.hpr}>{l.name} (HPR {l.hpr}){l.office ? ` – ${l.office}` : ''}</option>)}
                    </Select>
                    <Button type="submit">Logg inn som legen</Button>
                  </HStack>
                </form>
              )}
            </Box>
          )}
          {directory && session && lege && <Patients fhirBase={directory.fhirBase} session={session} lege={lege} />}
          {directory && <Registration fhirBase={directory.fhirBase} />}
        </VStack>
      </Page.Block>
    </Page>
  );
}

function Patients({ fhirBase, session, lege }: { fhirBase: string; session: EhrSession; lege: Lege }) {
  const [categories, setCategories] = useState<Category[]>();
  const [started, setStarted] = useState<Started>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    getJson<{ categories: Category[] }>(`/sandbox/api/leger/${encodeURIComponent(lege.hpr)}/pasienter`).then((r) => setCategories(r.categories)).catch((e: unknown) => setError(String(e)));
  }, [lege.hpr]);

  const start = (patient: SandboxPatient) => {
    setStarted({ patient, kind: 'running' });
    startConsultation(fhirBase, session, lege.practitioner, patient.id)
      .then((consultation) => setStarted({ patient, kind: 'ok', consultation }))
      .catch((e: unknown) => setStarted({
        patient, kind: 'refused',
        message: e instanceof Refused ? `${e.step === 'encounter' ? 'Konsultasjonen ble ikke registrert' : 'Oppstarten ble avvist'} (${e.status}): ${e.message}` : String(e),
      }));
  };

  if (error) return <Alert variant="error" role="alert">{error}</Alert>;
  if (!categories) return <BodyShort>Henter pasienter …</BodyShort>;
  return (
    <VStack gap="space-24">
      {started && <StartedPanel started={started} hpr={lege.hpr} />}
      {categories.map((c) => (
        <section key={c.key} aria-labelledby={`kategori-${c.key}`}>
          <Heading id={`kategori-${c.key}`} level="2" size="medium">{c.label}</Heading>
          <BodyShort spacing>{c.description}</BodyShort>
          {c.patients.length === 0 ? <BodyShort><em>Ingen slike pasienter i dataene.</em></BodyShort> : (
            <Table size="small">
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell scope="col">Navn</Table.HeaderCell>
                  <Table.HeaderCell scope="col">Fødselsnummer</Table.HeaderCell>
                  <Table.HeaderCell scope="col">Født</Table.HeaderCell>
                  <Table.HeaderCell scope="col"><span className="navds-sr-only">Handling</span></Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {c.patients.map((p) => (
                  <Table.Row key={p.id}>
                    <Table.DataCell>{p.name}{p.note ? ` (${p.note.toLowerCase().replace(/_/g, ' ')})` : ''}</Table.DataCell>
                    <Table.DataCell>{p.identityNumber}</Table.DataCell>
                    <Table.DataCell>{norwegianDate(p.birthDate)}</Table.DataCell>
                    <Table.DataCell>
                      <Button size="small" variant="secondary" loading={started?.kind === 'running' && started.patient.id === p.id} onClick={() => start(p)} aria-label={`Start konsultasjon med ${p.name}`}>
                        Start konsultasjon
                      </Button>
                    </Table.DataCell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          )}
        </section>
      ))}
    </VStack>
  );
}

function StartedPanel({ started, hpr }: { started: Started; hpr: string }) {
  if (started.kind === 'running') return <Alert variant="info">Starter konsultasjon med {started.patient.name} …</Alert>;
  if (started.kind === 'refused') {
    return (
      <Alert variant="error" role="alert">
        <Heading level="2" size="small" spacing>Helsebro avviste konsultasjonen med {started.patient.name}</Heading>
        <BodyShort>{started.message}</BodyShort>
      </Alert>
    );
  }
  const { consultation } = started;
  return (
    <Alert variant="success" role="status">
      <Heading level="2" size="small" spacing>Konsultasjon startet med {started.patient.name}</Heading>
      <BodyShort spacing>{consultation.encounter} er registrert, og oppstartskonteksten gjelder i fem minutter og kan brukes én gang.</BodyShort>
      <BodyShort spacing>Oppstarts-URL: <code style={{ wordBreak: 'break-all' }}>{consultation.launchUrl}</code></BodyShort>
      <BodyShort spacing>
        Appen sender legen til Helsebros innlogging for testbrukere; logg inn som <code>hpr:{hpr}</code>, den samme legen
        (en oppstart kan bare brukes av legen som åpnet den).
      </BodyShort>
      <Link href={consultation.launchUrl}>Åpne legeappen</Link>
    </Alert>
  );
}

function Registration({ fhirBase }: { fhirBase: string }) {
  const root = rootOf(fhirBase);
  const rows: Array<[string, string]> = [
    ['client_id', LEGE_CLIENT_ID],
    ['Klienttype', 'offentlig klient (public), PKCE med S256'],
    ['Oppstarts-URL (launch)', launchPageOf(fhirBase)],
    ['Redirect-URI', `${root}/apps/lege/index.html`],
    ['Scopes', LEGE_SCOPE],
    ['iss (FHIR-base)', fhirBase],
    ['SMART-konfigurasjon', `${fhirBase}/.well-known/smart-configuration`],
    ['Oppstart fra EHR', 'POST /auth/launch med legens token og { "patient": "Patient/<id>" } gir launch-verdien'],
  ];
  return (
    <section aria-labelledby="registrering">
      <Heading id="registrering" level="2" size="medium" spacing>Registrering for leverandører</Heading>
      <Table size="small">
        <Table.Body>
          {rows.map(([k, v]) => (
            <Table.Row key={k}>
              <Table.HeaderCell scope="row">{k}</Table.HeaderCell>
              <Table.DataCell><code style={{ wordBreak: 'break-all' }}>{v}</code></Table.DataCell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <BodyShort spacing>
        <Link href={`${launchPageOf(fhirBase)}?${new URLSearchParams({ iss: fhirBase })}`}>Frittstående oppstart</Link> (uten journalsystem: legen logger inn og appen har ingen pasient).
      </BodyShort>
    </section>
  );
}
