/** Markdown + Mermaid documentation of a sequence of rule trees, rendered from the tree data itself. */
import { collect, formatJuridisk, type Leaf, type TreeDefinition, type TreeNode } from './tree.ts';

/** What the docs say about one outcome: its status and its texts (bokmål) for the doctor and the patient. */
export interface OutcomeText { status: string; doctor: string; patient: string }

/** One sequence of trees to document: where its pages go, its heading and intro, and its outcomes. */
export interface TreeDocSet {
  heading: string;
  /** Paragraph lines under the heading of the index section. */
  intro: string[];
  trees: ReadonlyArray<TreeDefinition<string, string>>;
  outcome(name: string): OutcomeText;
  /** The page of one tree, e.g. `hpr.md`; sequences documented side by side need distinct names. */
  fileName(treeName: string): string;
}

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

/** `PASIENT_UNDER_13` → `pasient-under-13` */
export function slug(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}

/** The set's pages by file name, and its section of the index (a heading, the intro, a table of its trees). */
export function renderTreeDocs(set: TreeDocSet): { pages: Record<string, string>; index: string[] } {
  const pages: Record<string, string> = {};
  const index = [`# ${set.heading}`, '', ...set.intro, '', '| # | tree | legal basis | rules |', '| ---: | --- | --- | ---: |'];
  set.trees.forEach((tree, i) => {
    const { rules, outcomes } = collect(tree.root);
    const juridisk = tree.juridisk ? formatJuridisk(tree.juridisk) : '—';
    const file = set.fileName(tree.name);
    index.push(`| ${i} | [${tree.title}](${file}) | ${juridisk} | ${rules.size} |`);
    const table = ['| outcome | status | to the doctor | to the patient |', '| --- | --- | --- | --- |'];
    for (const o of outcomes) {
      const text = set.outcome(o);
      table.push(`| \`${o}\` | ${text.status} | ${text.doctor} | ${text.patient} |`);
    }
    pages[file] = [
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
  return { pages, index };
}

/** Every set's pages, and one README.md with each set's section in turn. */
export function renderRuleDocSets(sets: ReadonlyArray<TreeDocSet>): Record<string, string> {
  const files: Record<string, string> = {};
  const readme: string[] = [];
  for (const set of sets) {
    const { pages, index } = renderTreeDocs(set);
    for (const name of Object.keys(pages)) if (name in files || name === 'README.md') throw new Error(`Two rule doc pages named ${name}`);
    Object.assign(files, pages);
    readme.push(...(readme.length ? [''] : []), ...index);
  }
  files['README.md'] = `${readme.join('\n')}\n`;
  return files;
}
