/** The answer to a request over one of the server's limits: 400 `too-costly`, naming the limit and its value. */
import assert from 'node:assert/strict';

export function assertTooCostly(res: { status: number; json: any; text: string }, limit: string, value: number, also?: RegExp): void {
  assert.equal(res.status, 400, res.text);
  assert.equal(res.json.resourceType, 'OperationOutcome');
  assert.equal(res.json.issue[0].code, 'too-costly');
  assert.match(res.json.issue[0].diagnostics, new RegExp(`at most ${value} \\(${limit}\\)`));
  if (also) assert.match(res.json.issue[0].diagnostics, also);
}
