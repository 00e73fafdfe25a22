/**
 * A small reader for the bash of a workflow's `run:` blocks: splits a script into simple commands
 * (words with quotes removed, redirections and here-document bodies dropped). It knows enough bash
 * for CI scripts, not all of it.
 */

export interface ShellCommand {
  /** The command's words, leading keywords (if, !, then…) and VAR=value assignments removed. */
  words: string[];
  /** True when the command's failure cannot end a `set -e` script: `cmd || …`, `if cmd`, `! cmd`, `while cmd`. */
  guarded: boolean;
}

type Token = { kind: 'word'; text: string } | { kind: 'op'; text: string } | { kind: 'redirect' };

const leadingKeywords = new Set(['then', 'else', 'do', '{', '}', 'time', 'exec', 'command', 'nohup']);
const conditionKeywords = new Set(['if', 'elif', 'while', 'until', '!']);

/** Splits `script` into tokens; here-document bodies are skipped. */
function tokenize(script: string): Token[] {
  const tokens: Token[] = [];
  const heredocs: { delimiter: string; stripTabs: boolean }[] = [];
  let word: string | null = null;
  const endWord = (): void => {
    if (word !== null) tokens.push({ kind: 'word', text: word });
    word = null;
  };
  let i = 0;
  const at = (s: string): boolean => script.startsWith(s, i);
  while (i < script.length) {
    const c = script[i] as string;
    if (c === '\\' && script[i + 1] === '\n') {
      i += 2;
    } else if (c === '\n') {
      endWord();
      tokens.push({ kind: 'op', text: ';' });
      i += 1;
      // A here-document body starts on the line after its operator: skip to its delimiter line.
      for (const doc of heredocs.splice(0)) {
        while (i < script.length) {
          const end = script.indexOf('\n', i);
          const line = script.slice(i, end < 0 ? script.length : end);
          i = end < 0 ? script.length : end + 1;
          if ((doc.stripTabs ? line.replace(/^\t+/, '') : line) === doc.delimiter) break;
        }
      }
    } else if (c === ' ' || c === '\t') {
      endWord();
      i += 1;
    } else if (c === '#' && word === null) {
      while (i < script.length && script[i] !== '\n') i += 1;
    } else if (c === "'") {
      const end = script.indexOf("'", i + 1);
      word = (word ?? '') + script.slice(i + 1, end < 0 ? script.length : end);
      i = end < 0 ? script.length : end + 1;
    } else if (c === '"') {
      let text = '';
      i += 1;
      while (i < script.length && script[i] !== '"') {
        if (script[i] === '\\' && i + 1 < script.length) i += 1;
        text += script[i];
        i += 1;
      }
      word = (word ?? '') + text;
      i += 1;
    } else if (at('${{')) {
      const end = script.indexOf('}}', i);
      word = (word ?? '') + script.slice(i, end < 0 ? script.length : end + 2);
      i = end < 0 ? script.length : end + 2;
    } else if (c === '\\') {
      word = (word ?? '') + (script[i + 1] ?? '');
      i += 2;
    } else if (at('$(') && !at('$((')) {
      endWord();
      tokens.push({ kind: 'op', text: '(' });
      i += 2;
    } else if (at('<<') && !at('<<<')) {
      endWord();
      i += 2;
      const stripTabs = script[i] === '-';
      if (stripTabs) i += 1;
      while (script[i] === ' ') i += 1;
      const match = /^(['"]?)([\w.-]+)\1/.exec(script.slice(i));
      if (match !== null) {
        heredocs.push({ delimiter: match[2] as string, stripTabs });
        i += match[0].length;
      }
    } else if (
      c === '>' ||
      c === '<' ||
      ((c === '&' || /\d/.test(c)) && /^(?:&|\d+)[<>]/.test(script.slice(i)) && word === null)
    ) {
      endWord();
      const match = /^(?:&|\d+)?(?:<<<|>>|>&|<&|>\||[<>])-?/.exec(script.slice(i));
      i += match === null ? 1 : match[0].length;
      tokens.push({ kind: 'redirect' });
    } else if (at('&&') || at('||')) {
      endWord();
      tokens.push({ kind: 'op', text: script.slice(i, i + 2) });
      i += 2;
    } else if (c === ';' || c === '|' || c === '&' || c === '(' || c === ')' || c === '`') {
      endWord();
      tokens.push({ kind: 'op', text: c });
      i += 1;
    } else {
      word = (word ?? '') + c;
      i += 1;
    }
  }
  endWord();
  return tokens;
}

/** The simple commands of a bash script, in order. */
export function shellCommands(script: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let words: string[] = [];
  let dropNext = false;
  const finish = (nextOp: string | null): void => {
    let guarded = nextOp === '||';
    let start = 0;
    for (; start < words.length; start += 1) {
      const w = words[start] as string;
      if (conditionKeywords.has(w)) guarded = true;
      else if (!leadingKeywords.has(w) && !/^[A-Za-z_]\w*=/.test(w)) break;
    }
    const rest = words.slice(start);
    if (rest.length > 0) commands.push({ words: rest, guarded });
    words = [];
  };
  for (const token of tokenize(script)) {
    if (token.kind === 'redirect') {
      dropNext = true;
    } else if (token.kind === 'word') {
      if (dropNext) dropNext = false;
      else words.push(token.text);
    } else {
      dropNext = false;
      finish(token.text);
    }
  }
  finish(null);
  return commands;
}
