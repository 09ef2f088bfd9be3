/**
 * The EHR sandbox and the doctor's app in a real browser (Debian's Chromium, headless) against a
 * real Helsebro server on PGlite with the builtin authorisation server and the synthetic population:
 * sign a doctor in, start a consultation with a patient on their list, launch the app by SMART EHR
 * launch and see the patient's summary; another GP's patient is refused with a clear message, and so
 * is a launch that another doctor signs in to; axe finds no serious or critical accessibility
 * violation on the sandbox, the summary or the refusal; no answer breaks the CSP.
 * Needs the built apps (`npm ci` builds them) and /usr/bin/chromium (scripts/ensure-chromium.sh).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { DEFAULTS } from '../../src/config.ts';
import { seedDatabase } from '../../src/cli/seed.ts';
import { getValidator } from '../../src/server.ts';
import { toQuestionnaireResponse } from '../../src/fhir/mapping/questionnaire-response.ts';
import { DEFAULT_WEB_ROOT } from '../../src/http/routes/web-apps.ts';
import { freePort } from '../support/ports.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';

const CHROMIUM = '/usr/bin/chromium';

async function seriousViolations(page: Page): Promise<string[]> {
  // Away from the button just clicked: axe would otherwise measure its colours halfway through the hover transition.
  await page.mouse.move(0, 0);
  await page.waitForTimeout(400);
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** A sykmelding the sandbox's first GP wrote for the first adult on their list, submitted as that GP. */
async function writeEarlierSykmelding(s: TestServer): Promise<void> {
  const { leger } = (await s.request({ method: 'GET', url: '/sandbox/api/leger' })).json as { leger: Array<{ hpr: string; practitioner: string }> };
  const { categories } = (await s.request({ method: 'GET', url: `/sandbox/api/leger/${leger[0].hpr}/pasienter` })).json as { categories: Array<{ key: string; patients: Array<{ id: string; identityNumber: string }> }> };
  const patient = categories.find((c) => c.key === 'egen-liste')!.patients[0];
  const signed = new Date(Date.now() - 60_000).toISOString();
  const day = signed.slice(0, 10);
  const qr = toQuestionnaireResponse({
    id: '', pasient: { ident: patient.identityNumber }, hoveddiagnose: { system: '2.16.578.1.12.4.1.1.7170', kode: 'L03', tekst: 'Korsrygg' }, bidiagnoser: [],
    svangerskap: false, skjermesForPasient: false, perioder: [{ fom: day, tom: day, type: 'AKTIVITET_IKKE_MULIG' }], utdypendeOpplysninger: [],
    arbeidsgiver: { harArbeidsgiver: 'EN' }, behandletTidspunkt: signed, signaturDato: signed, behandler: {},
  }, { subject: `Patient/${patient.id}`, author: leger[0].practitioner });
  const token = await s.runtime.auth.tokenFor(`hpr:${leger[0].hpr}`);
  const res = await s.request({ method: 'POST', url: '/fhir/QuestionnaireResponse/$submit', headers: { authorization: `Bearer ${token}` }, body: qr });
  assert.equal(res.status, 201, res.text);
}

describe('EHR sandbox → SMART EHR launch → the doctor’s app, in Chromium', { timeout: 120_000 }, () => {
  let s: TestServer;
  let browser: Browser;
  let root: string;
  const cspErrors: string[] = [];

  before(async () => {
    assert.ok(existsSync(join(DEFAULT_WEB_ROOT, 'lege', 'index.html')), 'the web apps are not built: run npm run build:web (npm ci does it)');
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/ensure-chromium.sh`);
    const port = await freePort();
    root = `http://127.0.0.1:${port}`;
    s = await startTestServer('pglite', { auth: { ...DEFAULTS.auth, mode: 'builtin' }, publicBaseUrl: `${root}/fhir` });
    await seedDatabase(s.t.db, await getValidator(), { seed: 1, patients: 400 });
    await writeEarlierSykmelding(s);
    await s.app.listen({ host: '127.0.0.1', port });
    // Running as root in a container: Chromium's own sandbox needs user namespaces it may not have.
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  });

  after(async () => {
    await browser?.close();
    await s?.close();
  });

  async function newPage(): Promise<Page> {
    // A context of its own per test (axe needs one made by newContext), so no session leaks between tests.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nb-NO' });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    return page;
  }

  /** The sandbox with the first doctor signed in; returns that doctor's HPR number. */
  async function signedIn(page: Page): Promise<string> {
    await page.goto(`${root}/sandbox/`);
    const select = page.getByLabel('Lege');
    await select.waitFor();
    const hpr = await select.inputValue();
    await page.getByRole('button', { name: 'Logg inn som legen' }).click();
    await page.getByText('Innlogget som').waitFor();
    return hpr;
  }

  const section = (page: Page, heading: string) => page.locator('section').filter({ has: page.getByRole('heading', { name: heading }) });

  it('launches the app for a patient on the doctor’s list and shows their summary', async () => {
    const page = await newPage();
    const hpr = await signedIn(page);
    // On the doctor's list, with the sykmelding written before the test.
    const own = section(page, 'Med tidligere sykmeldinger');
    const name = (await own.locator('tbody tr').first().locator('td').first().innerText()).trim();
    await own.getByRole('button', { name: /Start konsultasjon/ }).first().click();
    await page.getByText(`Konsultasjon startet med ${name}`).waitFor();
    assert.match(await page.getByText('Oppstarts-URL:').innerText(), /\/apps\/lege\/launch\.html\?iss=.*&launch=/);
    assert.deepEqual(await seriousViolations(page), [], 'sandbox');

    await page.getByRole('link', { name: 'Åpne legeappen' }).click();
    // The builtin identity provider's sign-in (a real EHR user would already be signed in to HelseID).
    await page.getByLabel(/Bruker/).fill(`hpr:${hpr}`);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByRole('heading', { level: 2, name }).waitFor();
    await page.getByText('Fødselsnummer').first().waitFor();
    const earlier = section(page, 'Tidligere sykmeldinger');
    await earlier.locator('tbody tr').first().waitFor();
    assert.doesNotMatch(await earlier.locator('tbody tr').first().innerText(), /uten status/);
    // The sykmelding written today starts the current syketilfelle today.
    const syketilfelle = section(page, 'Nåværende syketilfelle');
    await syketilfelle.getByText('Maksdato').waitFor();
    const today = new Date().toLocaleDateString('sv-SE').split('-').reverse().join('.');
    assert.match(await syketilfelle.innerText(), new RegExp(`Startdato\\s+${today.replace(/\./g, '\\.')}`));
    assert.match(page.url(), /\/apps\/lege\/index\.html/);
    assert.deepEqual(await seriousViolations(page), [], 'summary');
    await page.context().close();
  });

  it('refuses a consultation with another GP’s patient, and says why', async () => {
    const page = await newPage();
    await signedIn(page);
    const other = section(page, 'En annen fastleges pasient');
    await other.getByRole('button', { name: /Start konsultasjon/ }).first().click();
    const alert = page.getByRole('alert').filter({ hasText: 'Helsebro avviste konsultasjonen' });
    await alert.waitFor();
    assert.match(await alert.innerText(), /\(403\)/);
    await page.context().close();
  });

  it('the app refuses a launch signed in to by another doctor than the one who opened it', async () => {
    const page = await newPage();
    const hpr = await signedIn(page);
    const own = section(page, 'På legens fastlegeliste');
    await own.getByRole('button', { name: /Start konsultasjon/ }).first().click();
    await page.getByRole('link', { name: 'Åpne legeappen' }).click();
    const other = (await s.request({ method: 'GET', url: '/sandbox/api/leger' })).json.leger.map((l: { hpr: string }) => l.hpr).find((h: string) => h !== hpr);
    await page.getByLabel(/Bruker/).fill(`hpr:${other}`);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Du har ikke tilgang til denne pasienten' });
    await alert.waitFor();
    assert.match(await alert.innerText(), /opened by another user/);
    assert.deepEqual(await seriousViolations(page), [], 'refusal');
    await page.context().close();
  });

  it('offers a standalone launch, which has no patient to show', async () => {
    const page = await newPage();
    const hpr = await signedIn(page);
    await page.getByRole('link', { name: 'Frittstående oppstart' }).click();
    await page.getByLabel(/Bruker/).fill(`hpr:${hpr}`);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByText('Appen ble startet uten pasient').waitFor();
    await page.context().close();
  });

  it('breaks no Content-Security-Policy rule', () => {
    assert.deepEqual(cspErrors, []);
  });
});
