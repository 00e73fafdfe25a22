import { describe, expect, it } from 'vitest';
import { cleanToolName, resolveToolName } from './tool-names.ts';
import type { TextCallContext } from './types.ts';

// Claude Code's Bash, with the rescue's alias "shell" for it.
const ctx: TextCallContext = {
  offeredTools: ['Bash', 'Read', 'Skill'],
  mapToolName: (name) => (['shell', 'bash'].includes(name.toLowerCase()) ? 'Bash' : null),
};

describe('cleanToolName', () => {
  it.each([
    ['manage_cart<|channel|>commentary', 'manage_cart'],
    ['functions.get_weather', 'get_weather'],
    ['functions.Read:0', 'Read'],
    ['default_api.another_tool', 'another_tool'],
    ['  "Bash" ', 'Bash'],
    ['get_weather<｜tool▁sep｜>', 'get_weather'],
    ['Read', 'Read'],
  ])('cleans %j to %j', (raw, clean) => {
    expect(cleanToolName(raw)).toBe(clean);
  });
});

describe('resolveToolName', () => {
  it.each([
    ['Bash', { name: 'Bash', offeredName: 'Bash' }],
    ['bash', { name: 'bash', offeredName: 'Bash' }],
    ['functions.shelljson', { name: 'shell', offeredName: 'Bash' }],
    ['functions.manage_cart<|channel|>commentary', { name: 'manage_cart', offeredName: null }],
    ['jsonjson', { name: 'jsonjson', offeredName: null }],
    ['', { name: '', offeredName: null }],
  ])('resolves %j', (raw, expected) => {
    expect(resolveToolName(raw, ctx)).toEqual({ ...expected, rawName: raw });
  });
});
