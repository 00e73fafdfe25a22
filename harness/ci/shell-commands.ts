/**
 * The simple commands in the bash of a workflow's `run:` blocks, read with tree-sitter's bash grammar
 * (the one GitHub's code navigation and most editors use): here-documents, quoting, line continuations,
 * `$(…)`, conditions and redirections are the grammar's business, not ours.
 */
import { createRequire } from 'node:module';
import { Language, type Node, Parser } from 'web-tree-sitter';

export interface ShellCommand {
  /** The command's words with quotes removed; `$VAR` and `${{ … }}` stay as written; no assignments, redirections. */
  words: string[];
  /** True when the command's failure cannot end a `set -e` script: `cmd || …`, `if cmd`, `! cmd`, `while cmd`. */
  guarded: boolean;
}

/** Words that run the rest of the command line as the command: `nohup pnpm sim` runs pnpm. */
const wrappers = new Set(['time', 'exec', 'command', 'nohup']);

const parser = await bashParser();

async function bashParser(): Promise<Parser> {
  await Parser.init();
  const grammar = createRequire(import.meta.url).resolve('tree-sitter-bash/tree-sitter-bash.wasm');
  const bash = new Parser();
  bash.setLanguage(await Language.load(grammar));
  return bash;
}

/** The simple commands of a bash script, in order (a command before those in its `$(…)` arguments). */
export function shellCommands(script: string): ShellCommand[] {
  const expressions = githubExpressions(script);
  const tree = parser.parse(expressions.masked);
  if (tree === null) throw new Error('tree-sitter returned no tree for a workflow script');
  const commands: ShellCommand[] = [];
  collect(tree.rootNode, false, commands, expressions.unmask);
  tree.delete();
  return commands;
}

/**
 * GitHub replaces `${{ … }}` before bash runs, and bash (like the grammar) would read `${{` as a bad
 * substitution; so each expression is swapped for a plain word while parsing, and back in the words.
 */
function githubExpressions(script: string): { masked: string; unmask: (word: string) => string } {
  const found: string[] = [];
  const masked = script.replace(/\$\{\{[\s\S]*?\}\}/g, (expression) => `__gh_expression_${found.push(expression)}__`);
  const unmask = (word: string): string =>
    word.replace(/__gh_expression_(\d+)__/g, (placeholder, n: string) => found[Number(n) - 1] ?? placeholder);
  return { masked, unmask };
}

function collect(node: Node, guarded: boolean, out: ShellCommand[], unmask: (word: string) => string): void {
  const children = node.children;
  const conditions = conditionChildren(node);
  children.forEach((child, i) => {
    if (node.type === 'command' && (child.type === 'command_name' || node.fieldNameForChild(i) === 'argument')) {
      if (child.type === 'command_name') out.push(commandOf(node, guarded, unmask));
      collect(child, false, out, unmask);
      return;
    }
    const next = children[i + 1];
    const leftOfOr = node.type === 'list' && next?.type === '||';
    const underNot = node.type === 'negated_command';
    collect(child, guarded || leftOfOr || underNot || conditions.has(i), out, unmask);
  });
}

/** Indices of the children that are the condition of an if, elif, while or until. */
function conditionChildren(node: Node): Set<number> {
  const indices = new Set<number>();
  if (node.type === 'elif_clause') {
    // The grammar gives elif no condition field: the statements before `then` are the condition.
    for (const [i, child] of node.children.entries()) {
      if (child.type === 'then') break;
      indices.add(i);
    }
  } else if (node.type === 'if_statement' || node.type === 'while_statement') {
    for (const i of node.children.keys()) if (node.fieldNameForChild(i) === 'condition') indices.add(i);
  }
  return indices;
}

function commandOf(node: Node, guarded: boolean, unmask: (word: string) => string): ShellCommand {
  const parts = node.children.filter(
    (child, i) => child.type === 'command_name' || node.fieldNameForChild(i) === 'argument',
  );
  const words = parts.map((part) => unmask(wordValue(part)));
  while (words.length > 1 && wrappers.has(words[0] as string)) words.shift();
  return { words, guarded };
}

/** A word as bash passes it to the command, quotes removed; expansions stay as written. */
function wordValue(node: Node): string {
  switch (node.type) {
    case 'command_name':
    case 'concatenation':
      return node.children.map(wordValue).join('');
    case 'word':
      return node.text.replace(/\\(.)/gs, '$1');
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'string':
      return node.text.slice(1, -1).replace(/\\([$`"\\\n])/g, (_, c: string) => (c === '\n' ? '' : c));
    default:
      return node.text;
  }
}
