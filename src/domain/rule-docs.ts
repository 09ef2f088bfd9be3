/** Every rule sequence's docs for docs/rules/: the sykmelding trees, then the legeerklæring trees, one README for both. */
import { LEGEERKLAERING_RULE_DOCS } from './legeerklaering/rule-docs.ts';
import { renderRuleDocSets } from './rules/rule-docs.ts';
import { SYKMELDING_RULE_DOCS } from './sykmelding/rule-docs.ts';

export const renderRuleDocs = (): Record<string, string> => renderRuleDocSets([SYKMELDING_RULE_DOCS, LEGEERKLAERING_RULE_DOCS]);
