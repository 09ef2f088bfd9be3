/**
 * What each SearchParameter type supports, in one table both sides read: the parser (which
 * modifiers a value may carry, whether it sorts) and the store (src/store/search/search-types.ts,
 * whose table has one entry per indexed type, so the two cannot disagree on which types exist).
 */
import type { SearchParamType } from './registry.ts';

type SearchTypeSupport =
  | { supported: true; /** modifiers a filter may carry (`:[Type]` on references is read apart) */ modifiers: readonly string[] }
  | { supported: false };

/** Every SearchParameter type: a new type in the registry is a compile error here until it is decided. */
const SEARCH_TYPES = {
  string: { supported: true, modifiers: ['exact', 'contains', 'missing'] },
  // `:of-type` is recognised, then refused as not supported (parse.ts).
  token: { supported: true, modifiers: ['not', 'text', 'missing', 'of-type'] },
  date: { supported: true, modifiers: ['missing'] },
  number: { supported: true, modifiers: ['missing'] },
  quantity: { supported: true, modifiers: ['missing'] },
  reference: { supported: true, modifiers: ['missing', 'identifier'] },
  uri: { supported: true, modifiers: ['missing', 'below', 'above'] },
  composite: { supported: false },
  special: { supported: false },
} as const satisfies Record<SearchParamType, SearchTypeSupport>;

/** The types this server indexes and searches: the supported entries above. */
export type IndexedType = { [K in SearchParamType]: (typeof SEARCH_TYPES)[K]['supported'] extends true ? K : never }[SearchParamType];

/** The indexed types, in the order of their index tables. */
export const INDEXED_TYPES = (Object.keys(SEARCH_TYPES) as SearchParamType[]).filter((t): t is IndexedType => SEARCH_TYPES[t].supported);

export function isIndexedType(type: string): type is IndexedType {
  return (INDEXED_TYPES as readonly string[]).includes(type);
}

/** Whether `modifier` is allowed on a parameter of `type`. */
export function allowsModifier(type: SearchParamType, modifier: string): boolean {
  const support: SearchTypeSupport = SEARCH_TYPES[type];
  return support.supported && support.modifiers.includes(modifier);
}
