/**
 * Fixed-shape lookups the hub itself runs on every sykmelding submission: "the resources of a type
 * with this identifier" and "the resources tagged with a code that point at whoever carries this
 * identifier, with what they point at". Each is the same result as a FHIR search
 * (`Practitioner?identifier=…`, `Task?code=…&subject:Patient.identifier=…&_include=Task:focus`,
 * the second as version stamps),
 * written as one named statement whose text never changes: it is planned once per connection, where
 * the search builder's statements are planned on every call (and planning them cost more than
 * running them). The join order is fixed by the statement (identifier first), so the cached plan does
 * not depend on the values bound.
 */
import type { LinkedQuery } from './repository.ts';

export interface LookupStatement {
  name: string;
  text: string;
  values: unknown[];
}

/** No lookup returns more than this many rows; the callers' patients have far fewer. */
export const LOOKUP_LIMIT = 1000;

const COLUMNS = 'r.resource_type, r.id, r.version_id, r.last_updated, r.deleted, r.content';

const BY_IDENTIFIER = `SELECT ${COLUMNS} FROM resource r
WHERE r.resource_type = $1 AND NOT r.deleted
  AND r.id IN (SELECT i.id FROM sp_token i WHERE i.resource_type = $1 AND i.param = 'identifier' AND i.code = $3 AND i.system = $2)
ORDER BY r.id LIMIT ${LOOKUP_LIMIT}`;

export function byIdentifier(resourceType: string, identifier: { system: string; value: string }): LookupStatement {
  return { name: 'lookup-by-identifier', text: BY_IDENTIFIER, values: [resourceType, identifier.system, identifier.value] };
}

// $1 type, $2 via.param, $3 via.type, $4/$5 identifier system/value, $6/$7/$8 tag param/system/code, $9 include param.
// Sizes in bytes (octet_length), which PostgreSQL keeps beside a stored value: the content itself is not read.
const LINKED_STAMPS = `WITH owners AS MATERIALIZED (
  SELECT DISTINCT s.id FROM sp_token i
  JOIN sp_reference s ON s.resource_type = $1 AND s.param = $2 AND s.target_id = i.id AND s.target_type = $3
  WHERE i.resource_type = $3 AND i.param = 'identifier' AND i.code = $5 AND i.system = $4
), tagged AS MATERIALIZED (
  SELECT r.resource_type, r.id, r.version_id, r.last_updated, octet_length(r.content) AS octets FROM owners o JOIN resource r ON r.resource_type = $1 AND r.id = o.id
  WHERE NOT r.deleted
    AND EXISTS (SELECT 1 FROM sp_token c WHERE c.id = r.id AND c.resource_type = $1 AND c.param = $6 AND c.code = $8 AND c.system = $7)
  ORDER BY r.id LIMIT ${LOOKUP_LIMIT}
)
SELECT r.*, t.resource_type AS t_resource_type, t.id AS t_id, t.version_id AS t_version_id,
       t.last_updated AS t_last_updated, octet_length(t.content) AS t_octets
FROM tagged r
LEFT JOIN sp_reference f ON f.id = r.id AND f.resource_type = r.resource_type AND f.param = $9
LEFT JOIN resource t ON t.resource_type = f.target_type AND t.id = f.target_id AND NOT t.deleted
ORDER BY r.id, t.resource_type, t.id`;

/** The stamps (identity and size, not content) of the linked resources and their targets. */
export function linkedStamps(q: LinkedQuery): LookupStatement {
  return {
    name: 'lookup-linked-stamps',
    text: LINKED_STAMPS,
    values: [
      q.resourceType, q.via.param, q.via.type, q.via.identifier.system, q.via.identifier.value,
      q.tag.param, q.tag.system, q.tag.code, q.include,
    ],
  };
}
