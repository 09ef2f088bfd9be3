/** Markdown + Mermaid documentation of the rule trees, rendered from the tree data itself. */
import { collect, formatJuridisk, type Leaf, type TreeNode } from '../rules/tree.ts';
import { OUTCOMES, type OutcomeName } from './outcomes.ts';
import { TREES } from './trees/index.ts';

/** A leaf's label: its status, its outcome and the legal reference it rests on. */
function leafLabel(leaf: Leaf<string>): string {
  return [leaf.status, leaf.outcome, leaf.juridisk && formatJuridisk(leaf.juridisk)].filter(Boolean).join('<br/>');
}

function mermaid(root: TreeNode<string, string>): string {
  const lines = ['```mermaid', 'flowchart TD'];
  let n = 0;
  const walk = (node: TreeNode<string, string>): string => {
    const id = `n${n++}`;
    if (node.kind === 'leaf') {
      const style = node.status === 'OK' ? 'ok' : node.status === 'INVALID' ? 'invalid' : 'manual';
      lines.push(`  ${id}(["${leafLabel(node)}"]):::${style}`);
      return id;
    }
    lines.push(`  ${id}{"${node.rule}"}`);
    const yes = walk(node.yes);
    const no = walk(node.no);
    lines.push(`  ${id} -->|Ja| ${yes}`, `  ${id} -->|Nei| ${no}`);
    return id;
  };
  walk(root);
  lines.push('  classDef ok fill:#cce8d4,stroke:#1a7f37', '  classDef invalid fill:#f6d6d6,stroke:#c30000', '  classDef manual fill:#fff0c2,stroke:#c77700', '```');
  return lines.join('\n');
}

function slug(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}

export function renderRuleDocs(): Record<string, string> {
  const files: Record<string, string> = {};
  const index = [
    '# Sykmelding rule trees',
    '',
    'Generated from `src/domain/sykmelding/trees/` by `npm run rules:docs`; do not edit by hand.',
    'The trees run in this order; the first tree that is not OK decides. In paper mode every INVALID',
    'leaf becomes MANUAL_PROCESSING. Each leaf of a tree with a legal basis shows that reference; the',
    'tree\'s result carries it with a juridisk vurdering (OK: VILKAR_OPPFYLT, INVALID: VILKAR_IKKE_OPPFYLT,',
    'MANUAL_PROCESSING: VILKAR_UAVKLART).',
    '',
    '| # | tree | legal basis | rules |',
    '| ---: | --- | --- | ---: |',
  ];
  TREES.forEach((tree, i) => {
    const { rules, outcomes } = collect(tree.root);
    const juridisk = tree.juridisk ? formatJuridisk(tree.juridisk) : '—';
    index.push(`| ${i} | [${tree.title}](${slug(tree.name)}.md) | ${juridisk} | ${rules.size} |`);
    const table = ['| outcome | status | to the doctor | to the patient |', '| --- | --- | --- | --- |'];
    for (const o of outcomes) {
      const def = OUTCOMES[o as OutcomeName];
      table.push(`| \`${o}\` | ${def.status} | ${def.sykmelder.nb} | ${def.sykmeldt.nb} |`);
    }
    files[`${slug(tree.name)}.md`] = [
      `# ${i}. ${tree.title} (\`${tree.name}\`)`,
      '',
      `Legal basis: ${juridisk}. Rules: ${[...rules].map((r) => `\`${r}\``).join(', ')}.`,
      '',
      mermaid(tree.root),
      '',
      '## Outcomes',
      '',
      ...table,
      '',
    ].join('\n');
  });
  files['README.md'] = `${index.join('\n')}\n`;
  return files;
}
