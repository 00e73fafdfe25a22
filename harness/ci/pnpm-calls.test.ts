import { describe, expect, it } from 'vitest';
import { pnpmCalls } from './pnpm-calls.ts';

const names = (script: string): string[] =>
  pnpmCalls(script).map((c) => `${c.builtin ? 'builtin' : 'script'}:${c.name}`);

describe('pnpmCalls', () => {
  it.each([
    ['pnpm install --frozen-lockfile', ['builtin:install']],
    ['pnpm bench --model "$MODEL"', ['script:bench']],
    ['pnpm run bench:proxy', ['script:bench:proxy']],
    ['pnpm --silent run --if-present test', ['script:test']],
    ['pnpm -s bench compare a b', ['script:bench']],
    ['pnpm --dir sub lint', ['script:lint']],
    ['pnpm exec tsc --noEmit && pnpm typo-script', ['builtin:exec', 'script:typo-script']],
    ['set -euo pipefail\nif pnpm bench merge x --out y; then echo ok; fi', ['script:bench']],
    ['id=$(pnpm --silent bench compare a b)', ['script:bench']],
    ['FOO=1 pnpm sim', ['script:sim']],
    ['echo "pnpm nonsense" # pnpm commented', []],
    ['cat <<EOF\npnpm inside-heredoc\nEOF\npnpm after', ['script:after']],
    ['node <<\'JS\' >>"$GITHUB_OUTPUT"\nconst pnpm = 1;\nJS\npnpm bench --help', ['script:bench']],
  ])('finds the pnpm calls in %j', (script, expected) => {
    expect(names(script)).toEqual(expected);
  });

  it('joins continued lines and drops redirections from the arguments', () => {
    const [call] = pnpmCalls(
      'pnpm --silent bench compare base.json head.json --format md \\\n  --fail-on-regression >out.md 2>err.txt',
    );
    expect(call?.args).toEqual(['compare', 'base.json', 'head.json', '--format', 'md', '--fail-on-regression']);
  });

  it.each([
    ['pnpm bench compare a b || status=$?', true],
    ['if ! pnpm bench compare a b; then exit 1; fi', true],
    ['while pnpm bench --help; do break; done', true],
    ['pnpm bench compare a b', false],
    ['pnpm bench compare a b && echo done', false],
    ['false || pnpm bench compare a b', false],
  ])('marks %j as guarded: %s', (script, guarded) => {
    expect(pnpmCalls(script)[0]?.guarded).toBe(guarded);
  });
});
