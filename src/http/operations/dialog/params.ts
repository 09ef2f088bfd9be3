/** Reading a dialogue operation's Parameters: the sykmelding operations' reader, with the value types the dialogue uses. */
import { parameters } from '../sykmelding/parameters.ts';

interface DialogParameter {
  name?: string;
  valueString?: string;
  valueCode?: string;
  valueDate?: string;
  valueReference?: { reference?: string };
  valueAttachment?: { contentType?: string; data?: string; title?: string };
}

export function dialogParameters(body: unknown) {
  const params = parameters(body) as DialogParameter[];
  const one = (name: string) => params.find((p) => p.name === name);
  return {
    text: (name: string) => one(name)?.valueString ?? one(name)?.valueCode,
    reference: (name: string) => one(name)?.valueReference?.reference ?? one(name)?.valueString,
    date: (name: string) => one(name)?.valueDate ?? one(name)?.valueString,
    attachment: (name: string) => one(name)?.valueAttachment,
  };
}

/** What a NAV caller is recorded as (the caseworker's ident, or the system client). */
export const navActor = (principal: { navIdent?: string; sub: string } | undefined) => principal?.navIdent ?? principal?.sub ?? 'NAV';
