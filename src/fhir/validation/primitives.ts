/** Checks for FHIR R4 primitive types (https://hl7.org/fhir/R4/datatypes.html#primitive). */

const REGEX: Record<string, RegExp> = {
  id: /^[A-Za-z0-9\-.]{1,64}$/,
  date: /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?$/,
  dateTime: /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$/,
  instant: /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$/,
  time: /^([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?$/,
  code: /^[^\s]+(\s[^\s]+)*$/,
  oid: /^urn:oid:[0-2](\.(0|[1-9][0-9]*))+$/,
  uuid: /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  base64Binary: /^(\s*([0-9a-zA-Z+/=]){4}\s*)+$/,
  uri: /^\S*$/,
  url: /^\S*$/,
  canonical: /^\S*$/,
};

const STRING_TYPES = new Set(['string', 'markdown', 'id', 'code', 'uri', 'url', 'canonical', 'oid', 'uuid', 'base64Binary', 'date', 'dateTime', 'instant', 'time', 'xhtml']);
const INTEGER_TYPES: Record<string, [number, number]> = {
  integer: [-2147483648, 2147483647],
  unsignedInt: [0, 2147483647],
  positiveInt: [1, 2147483647],
};

export const PRIMITIVES = new Set([...STRING_TYPES, 'boolean', 'decimal', 'integer', 'unsignedInt', 'positiveInt', 'integer64']);

/** A problem description, or undefined when `value` is a valid `type`. */
export function checkPrimitive(type: string, value: unknown): string | undefined {
  if (STRING_TYPES.has(type)) {
    if (typeof value !== 'string') return `must be a JSON string (${type}), not ${describe(value)}`;
    if (value.length === 0) return 'must not be an empty string';
    if (value.length > 1_048_576) return 'is longer than 1 MB';
    const re = REGEX[type];
    if (re && !re.test(value)) return `'${value.slice(0, 60)}' is not a valid ${type}`;
    if ((type === 'date' || type === 'dateTime' || type === 'instant') && !realDate(value)) return `'${value.slice(0, 60)}' is not a real ${type}`;
    if (type === 'string' && value.trim().length === 0) return 'must contain non-whitespace characters';
    return undefined;
  }
  if (type === 'boolean') return typeof value === 'boolean' ? undefined : `must be true or false, not ${describe(value)}`;
  if (type === 'decimal') return typeof value === 'number' && Number.isFinite(value) ? undefined : `must be a JSON number, not ${describe(value)}`;
  const range = INTEGER_TYPES[type];
  if (range) {
    if (typeof value !== 'number' || !Number.isInteger(value)) return `must be a whole JSON number (${type}), not ${describe(value)}`;
    if (value < range[0] || value > range[1]) return `${value} is out of range for ${type}`;
  }
  return undefined;
}

function realDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return true;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value).slice(0, 40)}`;
}
