/** The doctor's app: after the SMART launch, the summary of the patient in front of the doctor. */
import { useEffect, useState } from 'react';
import FHIR from 'fhirclient';
import { Alert, BodyShort, Box, Button, Heading, HGrid, Page, Skeleton, Table, Tag, VStack } from '@navikt/ds-react';
import { norwegianDate } from '../shared/fhir-text.ts';
import { loadSummary, SummaryError, type LoadFailure, type Summary } from './summary-data.ts';

type State = { kind: 'loading' } | { kind: 'ready'; summary: Summary } | { kind: 'failed'; failure: LoadFailure };

/** The authorisation server sends refusals back as ?error=…&error_description=… (RFC 6749 §4.1.2.1). */
function authorisationError(): LoadFailure | undefined {
  const q = new URLSearchParams(window.location.search);
  const error = q.get('error');
  if (!error) return undefined;
  const reason = q.get('error_description') ?? error;
  return error === 'access_denied' ? { kind: 'refused', status: 403, reason } : { kind: 'error', message: reason };
}

export function App() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    const early = authorisationError();
    if (early) {
      setState({ kind: 'failed', failure: early });
      return;
    }
    FHIR.oauth2.ready()
      .then(loadSummary)
      .then((summary) => setState({ kind: 'ready', summary }))
      .catch((err: unknown) => setState({ kind: 'failed', failure: err instanceof SummaryError ? err.failure : { kind: 'error', message: err instanceof Error ? err.message : String(err) } }));
  }, []);

  return (
    <Page>
      <Page.Block as="main" width="lg" gutters>
        <VStack gap="space-24" paddingBlock="space-32">
          <Heading level="1" size="large">Pasientoversikt</Heading>
          {state.kind === 'loading' && <Loading />}
          {state.kind === 'failed' && <Failure failure={state.failure} />}
          {state.kind === 'ready' && <SummaryView summary={state.summary} />}
        </VStack>
      </Page.Block>
    </Page>
  );
}

function Loading() {
  return (
    <VStack gap="space-8" aria-busy="true" aria-label="Henter pasientens opplysninger">
      <Skeleton variant="text" width="60%" />
      <Skeleton variant="rectangle" height="6rem" />
    </VStack>
  );
}

function Failure({ failure }: { failure: LoadFailure }) {
  if (failure.kind === 'refused') {
    return (
      <Alert variant="error" role="alert">
        <Heading level="2" size="small" spacing>Du har ikke tilgang til denne pasienten</Heading>
        <BodyShort>
          Helsebro kjenner ikke til noe behandlingsforhold mellom deg og pasienten (fastlegeliste, en registrert konsultasjon
          eller en sykmelding du har skrevet), eller oppstarten ble åpnet av en annen bruker. Registrer konsultasjonen i
          journalsystemet og start appen på nytt derfra.
        </BodyShort>
        {failure.reason && <BodyShort size="small" spacing={false}>Svar fra Helsebro: {failure.reason}</BodyShort>}
      </Alert>
    );
  }
  if (failure.kind === 'no-patient') {
    return <Alert variant="warning" role="alert">Appen ble startet uten pasient. Start den fra pasientens journal.</Alert>;
  }
  return (
    <Alert variant="error" role="alert">
      <Heading level="2" size="small" spacing>Noe gikk galt</Heading>
      <BodyShort spacing>Opplysningene kunne ikke hentes: {failure.message}</BodyShort>
      <Button size="small" variant="secondary" onClick={() => window.location.reload()}>Prøv igjen</Button>
    </Alert>
  );
}

function SummaryView({ summary }: { summary: Summary }) {
  return (
    <VStack gap="space-24">
      <Box padding="space-24" borderRadius="12" background="neutral-soft">
        <Heading level="2" size="medium" spacing>{summary.name}</Heading>
        <HGrid gap="space-16" columns={{ xs: 1, md: 3 }}>
          <Fact label={summary.identity?.kind ?? 'Identitetsnummer'} value={summary.identity?.value ?? 'Ukjent'} />
          <Fact label="Født" value={norwegianDate(summary.birthDate)} />
          <Fact label="Fastlege" value={summary.fastlege ? `${summary.fastlege}${summary.legekontor ? `, ${summary.legekontor}` : ''}` : 'Har ingen fastlege'} />
        </HGrid>
      </Box>
      <section aria-labelledby="syketilfelle">
        <Heading id="syketilfelle" level="2" size="medium" spacing>Nåværende syketilfelle</Heading>
        {summary.syketilfelle ? (
          <HGrid gap="space-16" columns={{ xs: 1, md: 4 }}>
            <Fact label="Startdato" value={norwegianDate(summary.syketilfelle.startdato)} />
            <Fact label="Uker så langt" value={String(summary.syketilfelle.uker)} />
            <Fact label="Maksdato" value={norwegianDate(summary.syketilfelle.maksdato)} />
            <Fact label="Sykepengedager igjen" value={String(summary.syketilfelle.gjenstaendeDager)} />
          </HGrid>
        ) : (
          <BodyShort>Pasienten har ikke noe pågående syketilfelle i Helsebro.</BodyShort>
        )}
      </section>
      <section aria-labelledby="sykmeldinger">
        <Heading id="sykmeldinger" level="2" size="medium" spacing>Tidligere sykmeldinger</Heading>
        {summary.sykmeldinger.length === 0 ? (
          <BodyShort>Ingen tidligere sykmeldinger i Helsebro.</BodyShort>
        ) : (
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">Skrevet</Table.HeaderCell>
                <Table.HeaderCell scope="col">Status</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {summary.sykmeldinger.map((s) => (
                <Table.Row key={s.id}>
                  <Table.DataCell>{norwegianDate(s.authored)}</Table.DataCell>
                  <Table.DataCell><Tag variant="neutral" size="small">{s.status}</Tag></Table.DataCell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </section>
      <section aria-labelledby="ny-sykmelding">
        <Heading id="ny-sykmelding" level="2" size="medium" spacing>Ny sykmelding</Heading>
        <BodyShort spacing>Skjemaet med løpende tilbakemelding fra NAVs regler kommer i neste versjon.</BodyShort>
        <Button disabled>Skriv sykmelding (kommer)</Button>
      </section>
    </VStack>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <BodyShort size="small" weight="semibold">{label}</BodyShort>
      <BodyShort>{value}</BodyShort>
    </div>
  );
}
