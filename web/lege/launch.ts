/**
 * SMART EHR launch: the EHR opens this page with `iss` and `launch`; fhirclient reads the server's
 * SMART configuration and sends the doctor to the authorisation server (code flow with PKCE, which
 * the builtin server requires), which returns to index.html.
 */
import FHIR from 'fhirclient';
import { LEGE_CLIENT_ID, LEGE_SCOPE } from '../shared/clients.ts';

void FHIR.oauth2.authorize({ clientId: LEGE_CLIENT_ID, scope: LEGE_SCOPE, redirectUri: 'index.html', pkceMode: 'required' }).catch((err: unknown) => {
  const root = document.getElementById('root');
  if (root) root.textContent = `Appen kunne ikke startes fra journalsystemet: ${err instanceof Error ? err.message : String(err)}`;
});
