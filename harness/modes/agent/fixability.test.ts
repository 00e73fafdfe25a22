import { describe, expect, it } from 'vitest';
import { fixabilitySummary, fixMethodFor, rescueRerunId } from './fixability.ts';

describe('fixMethodFor', () => {
  it.each([
    [1, null],
    [2, null],
    [3, 'rescue'],
    [4, 'rescue'],
    [5, 'repair'],
    [6, null],
  ] as const)('level %i → %s', (level, method) => {
    expect(fixMethodFor(level)).toBe(method);
  });
});

describe('fixabilitySummary', () => {
  it.each([
    ['rescue', 3, 6, '', 'level 3 → 6 with rescue'],
    ['rescue', 4, 4, '', 'not fixable: still level 4 with rescue'],
    ['rescue', 3, 1, '', 'not fixable: level 3 → 1 with rescue'],
    ['repair', 5, 6, '1 typo fix', 'level 5 → 6 with repair (1 typo fix)'],
    ['repair', 5, 5, 'nothing to repair', 'not fixable: still level 5 with repair (nothing to repair)'],
    ['rescue', 3, null, 'timeout: no result', 'not measured: the rescued rerun did not finish (timeout: no result)'],
  ] as const)('%s %i → %s says %j', (method, before, after, detail, expected) => {
    expect(fixabilitySummary(method, before, after, detail)).toBe(expected);
  });
});

describe('rescueRerunId', () => {
  it('suffixes the run id', () => {
    expect(rescueRerunId('m__lru-cache__agent__a1')).toBe('m__lru-cache__agent__a1__rescue-rerun');
  });

  it('stays within 128 characters and distinct for long ids', () => {
    const a = rescueRerunId(`${'x'.repeat(130)}a`);
    const b = rescueRerunId(`${'x'.repeat(130)}b`);
    expect(a.length).toBeLessThanOrEqual(128);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[\w.-]+$/);
  });
});
