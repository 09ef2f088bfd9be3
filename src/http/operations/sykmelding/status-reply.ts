/** The receipt with the sykmelding's status history, as `$status` and the patient's actions answer. */
import { receipt, receiptOf } from '../../../sykmelding/status.ts';
import type { StatusTaskView } from '../../../sykmelding/status-task.ts';
import type { Json } from './parameters.ts';

function historyParts(view: StatusTaskView): Json[] {
  return view.state.history.map((h) => ({
    name: 'statusHistory',
    part: [
      { name: 'status', valueCode: h.status },
      { name: 'at', valueDateTime: h.at },
      { name: 'by', valueString: h.by },
      ...(h.arbeidsgiverOrgnr ? [{ name: 'orgnr', valueString: h.arbeidsgiverOrgnr }] : []),
    ],
  }));
}

export function statusReply(view: StatusTaskView): Json {
  const body = receipt(receiptOf(view), false);
  (body.parameter as Json[]).push(...historyParts(view));
  return body;
}
