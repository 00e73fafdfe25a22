import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseClaudeStream, toolResultText } from './claude-stream.ts';

const fixture = (name: string) => readFile(new URL(`../../../fixtures/claude-code/${name}`, import.meta.url), 'utf8');

describe('parseClaudeStream on recorded Claude Code 2.1.328 output', () => {
  it('reads tool calls, the errors fed back, permission denials and the final result', async () => {
    const stream = parseClaudeStream(await fixture('stream-tool-errors.jsonl'));
    expect(stream.init?.version).toBe('2.1.328');
    expect(stream.init?.permissionMode).toBe('acceptEdits');
    expect(stream.toolUses.map((call) => call.name)).toEqual([
      'Write',
      'Write',
      'Write',
      'Edit',
      'Bash',
      'Bash',
      'Bash',
      'Bash',
      'Bash',
      'Write',
      'write_file',
      'Write',
    ]);
    expect(stream.toolResults).toHaveLength(12);
    const byId = new Map(stream.toolResults.map((r) => [r.toolUseId, r]));
    const unknown = stream.toolUses.find((call) => call.name === 'write_file');
    expect(byId.get(unknown?.id ?? '')).toMatchObject({
      isError: true,
      text: expect.stringContaining('No such tool available: write_file'),
    });
    const pytest = stream.toolUses.find((call) => JSON.stringify(call.input).includes('pytest -q'));
    expect(byId.get(pytest?.id ?? '')).toMatchObject({ isError: false, text: expect.stringContaining('1 passed') });
    expect(stream.permissionDenials).toEqual([
      expect.objectContaining({ toolName: 'Bash', message: expect.stringContaining('pip install') }),
    ]);
    expect(stream.texts).toEqual(['done']);
    expect(stream.result).toMatchObject({
      isError: false,
      terminalReason: 'completed',
      subtype: 'success',
      numTurns: 13,
    });
    expect(stream.unparsedLines).toEqual([]);
  });

  it('keeps an API failure apart from model text', async () => {
    const stream = parseClaudeStream(await fixture('stream-api-timeout.jsonl'));
    expect(stream.texts).toEqual([]);
    expect(stream.apiErrors).toEqual([expect.stringContaining('Request timed out')]);
    expect(stream.result).toMatchObject({ isError: true, terminalReason: 'api_error', subtype: 'success' });
  });

  it('reads a max-turns ending', async () => {
    const stream = parseClaudeStream(await fixture('stream-max-turns.jsonl'));
    expect(stream.result).toMatchObject({
      isError: true,
      terminalReason: 'max_turns',
      subtype: 'error_max_turns',
      errors: ['Reached maximum number of turns (2)'],
    });
  });

  it('collects lines that are not JSON and survives a truncated last line', () => {
    const stream = parseClaudeStream(
      'Segmentation fault\n{"type":"assistant","message":{"content":[{"type":"text","text":"hi"}]}}\n{"type":"res',
    );
    expect(stream.texts).toEqual(['hi']);
    expect(stream.unparsedLines).toEqual(['Segmentation fault', '{"type":"res']);
    expect(stream.result).toBeNull();
  });
});

describe('toolResultText', () => {
  it.each([
    ['a string', 'plain', 'plain'],
    [
      'text blocks',
      [
        { type: 'text', text: 'a' },
        { type: 'image', source: {} },
        { type: 'text', text: 'b' },
      ],
      'a\nb',
    ],
    ['nothing', undefined, ''],
  ])('flattens %s', (_name, content, expected) => {
    expect(toolResultText(content)).toBe(expected);
  });
});
