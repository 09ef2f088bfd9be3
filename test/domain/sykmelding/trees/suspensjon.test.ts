/** Tree 0: a behandler suspended by NAV (btsys) cannot issue a sykmelding. */
import { describeTree } from './check.ts';

describeTree('SUSPENSJON', {
  BEHANDLER_SUSPENDERT: [
    {
      name: 'suspended behandler', ctx: { behandler: { suspendert: true, finnesIHpr: true, godkjenninger: [] } },
      status: 'INVALID', outcome: 'BEHANDLER_SUSPENDERT', path: 'BEHANDLER_SUSPENDERT(yes)->INVALID', inputs: { suspendert: true },
    },
    { name: 'valid sykmelding', status: 'OK', path: 'BEHANDLER_SUSPENDERT(no)->OK', inputs: { suspendert: false } },
  ],
});
