import { describe, expect, it } from 'vitest';
import { compareVersions, parseClaudeVersionSpecs, specFromLabel, specLabel } from './version-spec.ts';

describe('parseClaudeVersionSpecs', () => {
  it.each([
    ['2.1.85', [{ kind: 'exact', version: '2.1.85' }]],
    ['pinned,latest', [{ kind: 'pinned' }, { kind: 'latest' }]],
    [' 2.1.85 , pinned ', [{ kind: 'exact', version: '2.1.85' }, { kind: 'pinned' }]],
    ['v2.1.85', [{ kind: 'exact', version: '2.1.85' }]],
    ['3.0.0-beta.1', [{ kind: 'exact', version: '3.0.0-beta.1' }]],
  ])('%j → %j', (text, specs) => {
    expect(parseClaudeVersionSpecs(text)).toEqual({ ok: true, specs });
  });

  it.each([
    ['2.1', '2.1'],
    ['^2.1.85', '^2.1.85'],
    ['next', 'next'],
    ['2.1.85,', ''],
    ['2.1.85,,pinned', ''],
  ])('refuses %j, naming "%s"', (text, entry) => {
    expect(parseClaudeVersionSpecs(text)).toEqual({
      ok: false,
      problem: `--claude-version takes exact versions (2.1.85), pinned or latest, comma-separated; got "${entry}".`,
    });
  });

  it.each(['pinned', 'latest', '2.1.85'])('round-trips the label %s', (label) => {
    expect(specLabel(specFromLabel(label))).toBe(label);
  });
});

describe('compareVersions', () => {
  it.each([
    ['2.1.85', '2.1.328', -1],
    ['2.1.328', '2.1.85', 1],
    ['2.0.77', '2.1.0', -1],
    ['10.0.0', '9.9.9', 1],
    ['2.1.85', '2.1.85', 0],
    ['3.0.0-beta.1', '3.0.0', -1],
    ['3.0.0-beta.2', '3.0.0-beta.10', -1],
    ['3.0.0-alpha', '3.0.0-beta', -1],
    ['3.0.0-1', '3.0.0-alpha', -1],
  ])('%s vs %s → sign %i', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });
});
