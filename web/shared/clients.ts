/**
 * The public clients the builtin authorisation server registers at start for the apps it serves
 * (src/auth/web-clients.ts holds the same ids: the browser code reaches the server over HTTP only).
 */
export const LEGE_CLIENT_ID = 'helsebro-lege';
export const SANDBOX_CLIENT_ID = 'helsebro-sandbox';

/** What the doctor's app asks for: the EHR launch, who the user is, and the doctor's own access. */
export const LEGE_SCOPE = 'launch openid fhirUser patient/*.rs user/*.cruds';
