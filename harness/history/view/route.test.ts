import { describe, expect, it } from 'vitest';
import type { PageState } from './route.ts';
import { defaultRoute, formatHash, parseHash } from './route.ts';

const none = { host: null, backend: null, claudeCode: null };

describe('the permalink of a view', () => {
  it.each<[string, PageState]>([
    ['#/leaderboard', { route: defaultRoute, filters: none }],
    [
      '#/leaderboard?night=2026-03-25&sort=decode&order=desc&timing=raw&host=mac-studio-b',
      {
        route: { view: 'leaderboard', night: '2026-03-25', sort: 'decode', descending: true, timing: 'raw' },
        filters: { ...none, host: 'mac-studio-b' },
      },
    ],
    [
      '#/trends?model=qwen3-coder%3A30b&task=lru-cache&cc=2.1.300',
      {
        route: { view: 'trends', model: 'qwen3-coder:30b', task: 'lru-cache' },
        filters: { ...none, claudeCode: '2.1.300' },
      },
    ],
    [
      '#/night?night=2026-03-25&group=qwen3-coder%3A30b%7Clru-cache%7Cagent&backend=ollama+0.12.6',
      {
        route: { view: 'night', night: '2026-03-25', group: 'qwen3-coder:30b|lru-cache|agent', run: null },
        filters: { ...none, backend: 'ollama 0.12.6' },
      },
    ],
  ])('reads %s and writes it back unchanged', (hash, state) => {
    expect(parseHash(hash)).toEqual(state);
    expect(formatHash(state)).toBe(hash);
  });

  it.each([
    ['', defaultRoute],
    ['#', defaultRoute],
    ['#/nonsense?night=x', { ...defaultRoute, night: 'x' }],
    ['#/leaderboard?sort=colour', defaultRoute],
  ])('falls back to the leaderboard for %j', (hash, route) => {
    expect(parseHash(hash).route).toEqual(route);
  });
});
