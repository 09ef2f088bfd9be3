/** The receipt with the sykmelding's status history, as `$status` and the patient's actions answer. */
import { receipt, receiptOf } from '../../../sykmelding/status.ts';
import type { StatusTaskView } from '../../../sykmelding/status-task.ts';
import type { Parameters, ParametersParameter } from '../../../fhir/r4.ts';

function historyParts(view: StatusTaskView): ParametersParameter[] {
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

export function statusReply(view: StatusTaskView): Parameters {
  const body = receipt(receiptOf(view), false);
  body.parameter.push(...historyParts(view));
  return body;
}
