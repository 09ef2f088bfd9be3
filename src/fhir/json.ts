/**
 * A JSON object of no particular FHIR type. The search index extraction, the small FHIRPath
 * evaluator, structural validation, profile checks and `_elements` shaping walk any resource the
 * server stores, of any of the ~150 R4 types, driven by definitions read at run time; typing them
 * per resource would only add casts. Code that works on one resource type uses the types in r4.ts.
 */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
