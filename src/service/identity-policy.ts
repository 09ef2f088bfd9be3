/**
 * A production deployment must never hold synthetic people: Test Norge and NAV test identity numbers
 * are refused there, so demo and test data cannot leak into a real store (and vice versa, tests can
 * rely on synthetic numbers never meeting a real person).
 */
import { IdentifierSystem, parseIdent } from '../domain/identity/index.ts';
import type { OutcomeIssue } from '../fhir/outcome.ts';

const PERSON_SYSTEMS = new Set<string>([IdentifierSystem.FNR, IdentifierSystem.DNR]);

export function syntheticIdentityIssues(resource: Record<string, unknown>): OutcomeIssue[] {
  const identifiers = resource.identifier;
  if (!Array.isArray(identifiers)) return [];
  const issues: OutcomeIssue[] = [];
  identifiers.forEach((identifier: { system?: unknown; value?: unknown }, index) => {
    if (typeof identifier?.system !== 'string' || !PERSON_SYSTEMS.has(identifier.system) || typeof identifier.value !== 'string') return;
    if (parseIdent(identifier.value)?.synthetic) {
      issues.push({
        severity: 'error',
        code: 'business-rule',
        diagnostics: 'Synthetic (test) identity numbers are not accepted in production',
        expression: [`${String(resource.resourceType)}.identifier[${index}].value`],
      });
    }
  });
  return issues;
}
