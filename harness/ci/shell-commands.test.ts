import { describe, expect, it } from 'vitest';
import { shellCommands } from './shell-commands.ts';

const words = (script: string): string[][] => shellCommands(script).map((c) => c.words);

describe('shellCommands', () => {
  it.each([
    [
      'pnpm bench --model "${{ matrix.model }}" --out "$OUT"',
      [['pnpm', 'bench', '--model', '${{ matrix.model }}', '--out', '$OUT']],
    ],
    ['echo "${{ needs.plan.outputs.models }}"x', [['echo', '${{ needs.plan.outputs.models }}x']]],
    ['echo \'single $X\' "a\\"b$X" \\$y c\\ d', [['echo', 'single $X', 'a"b$X', '$y', 'c d']]],
    [
      'pnpm bench compare a b \\\n  --format md >out.md 2>&1',
      [['pnpm', 'bench', 'compare', 'a', 'b', '--format', 'md']],
    ],
    ['id=$(pnpm --silent bench compare a b)', [['pnpm', '--silent', 'bench', 'compare', 'a', 'b']]],
    [
      'echo "$(date -u)" now',
      [
        ['echo', '$(date -u)', 'now'],
        ['date', '-u'],
      ],
    ],
    ['cat <<EOF\npnpm inside-heredoc\nEOF\npnpm after', [['cat'], ['pnpm', 'after']]],
    ['node <<\'JS\' >>"$GITHUB_OUTPUT"\nconst pnpm = 1;\nJS\nnpx x', [['node'], ['npx', 'x']]],
    [
      'FOO=1 BAR="a b" nohup pnpm sim &\ntime exec pnpm x',
      [
        ['pnpm', 'sim'],
        ['pnpm', 'x'],
      ],
    ],
    ['a | b; { c; } >log # d e', [['a'], ['b'], ['c']]],
  ])('reads the words of %j', (script, expected) => {
    expect(words(script)).toEqual(expected);
  });

  it.each([
    ['x || status=$?', [true]],
    ['a && b || c', [true, true, false]],
    ['if ! a; then b; elif c; then d; fi', [true, false, true, false]],
    ['while a; do b; done; until c; do d; done', [true, false, true, false]],
    ['a && b', [false, false]],
    ['a | b', [false, false]],
  ])('tells which commands of %j cannot end a set -e script', (script, guarded) => {
    expect(shellCommands(script).map((c) => c.guarded)).toEqual(guarded);
  });
});
