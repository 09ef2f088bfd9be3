/**
 * Whether a QuestionnaireResponse answers its Questionnaire (FHIR R4 QuestionnaireResponse, "the
 * response must conform to the questionnaire"): every answered linkId exists at that place, answers
 * have the item type's value[x], codes are among the answer options, only repeating items repeat,
 * required items are answered, and nothing disabled by enableWhen is answered. Returns the problems
 * as `linkId/linkId: text`.
 */
type Json = Record<string, any>;

const VALUE: Record<string, string[]> = {
  string: ['valueString'], text: ['valueString'], date: ['valueDate'], dateTime: ['valueDateTime'], integer: ['valueInteger'],
  decimal: ['valueDecimal'], boolean: ['valueBoolean'], choice: ['valueCoding'], 'open-choice': ['valueCoding', 'valueString'],
};

function allAnswers(items: Json[] | undefined, linkId: string): Json[] {
  return (items ?? []).flatMap((i) => [...(i.linkId === linkId ? i.answer ?? [] : []), ...allAnswers(i.item, linkId)]);
}

function enabled(def: Json, response: Json): boolean {
  if (!def.enableWhen) return true;
  return def.enableWhen.every((w: Json) => allAnswers(response.item, w.question).some((a) =>
    w.answerBoolean !== undefined ? a.valueBoolean === w.answerBoolean : a.valueCoding?.code === w.answerCoding?.code));
}

function answerProblems(def: Json, answered: Json, where: string): string[] {
  const problems: string[] = [];
  const allowed = VALUE[def.type] ?? [];
  if (answered.item) problems.push(`${where}: a ${def.type} item has answers, not items`);
  if ((answered.answer ?? []).length > 1 && !def.repeats) problems.push(`${where}: answered more than once, but does not repeat`);
  for (const a of answered.answer ?? []) {
    const key = Object.keys(a).find((k) => k.startsWith('value')) ?? 'nothing';
    if (!allowed.includes(key)) problems.push(`${where}: a ${def.type} item takes ${allowed.join(' or ')}, not ${key}`);
    else if (def.answerOption && !def.answerOption.some((o: Json) => o.valueCoding?.code === a.valueCoding?.code)) problems.push(`${where}: '${a.valueCoding?.code}' is not an answer option`);
  }
  return problems;
}

function check(defs: Json[], answered: Json[] | undefined, response: Json, path: string): string[] {
  const problems: string[] = [];
  const byId = new Map(defs.map((d) => [d.linkId, d]));
  for (const a of answered ?? []) {
    const where = `${path}${a.linkId}`;
    const def = byId.get(a.linkId);
    if (!def) problems.push(`${where}: no such item here`);
    else if (!enabled(def, response)) problems.push(`${where}: answered, but not enabled`);
    else if (def.type === 'group') problems.push(...(a.answer ? [`${where}: a group has items, not answers`] : []), ...check(def.item ?? [], a.item, response, `${where}/`));
    else problems.push(...answerProblems(def, a, where));
  }
  for (const def of defs) {
    if (def.required && enabled(def, response) && !(answered ?? []).some((a) => a.linkId === def.linkId)) problems.push(`${path}${def.linkId}: required, but not answered`);
  }
  return problems;
}

export function questionnaireProblems(response: Json, questionnaire: Json): string[] {
  const problems: string[] = [];
  if (String(response.questionnaire ?? '').split('|')[0] !== questionnaire.url) problems.push(`questionnaire: '${response.questionnaire}' is not ${questionnaire.url}`);
  return [...problems, ...check(questionnaire.item ?? [], response.item, response, '')];
}
