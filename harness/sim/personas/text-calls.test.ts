import { describe, expect, it } from 'vitest';
import type { Reply } from '../types.ts';
import { allInReasoning, callsAsText, hermesCall, pythonJson, qwenXmlCall } from './text-calls.ts';

// F07, verbatim (jundot/omlx#792, Qwen3-Coder-30B-A3B on oMLX driving Claude Code; shared/real-world-failures.json).
const f07 =
  '<function=Agent>\n<parameter=description>\nxxx\n</parameter>\n<parameter=prompt>\nExplore xxx\n</parameter>\n<parameter=subagent_type>\nExplore\n</parameter>\n</function>\n</tool_call>';
// F39, as Ollama sent it (ollama/ollama#6390), with the JSON escapes undone; trimmed there at "…".
const f39Start =
  '\n<tool_call>\n{"name": "code_interpreter", "arguments": {"code": "def reverse_list(lst):\\n    return lst[::-1]';

describe('tool calls written as text', () => {
  it('renders a Qwen3-Coder call without its opener exactly as the F07 sample', () => {
    const call = { name: 'Agent', input: { description: 'xxx', prompt: 'Explore xxx', subagent_type: 'Explore' } };
    expect(qwenXmlCall(call, false)).toBe(f07);
    expect(qwenXmlCall(call)).toBe(`<tool_call>\n${f07}`);
  });

  it('writes non-string Qwen parameters as JSON and keeps string values unquoted', () => {
    expect(qwenXmlCall({ name: 'Read', input: { file_path: '/ws/a.py', limit: 50 } })).toBe(
      '<tool_call>\n<function=Read>\n<parameter=file_path>\n/ws/a.py\n</parameter>\n<parameter=limit>\n50\n</parameter>\n</function>\n</tool_call>',
    );
  });

  it('renders a Hermes call the way the F39 sample starts', () => {
    const text = hermesCall({
      name: 'code_interpreter',
      input: { code: 'def reverse_list(lst):\n    return lst[::-1]' },
    });
    expect(`\n${text}`.startsWith(f39Start)).toBe(true);
    expect(text.endsWith('"}}\n</tool_call>')).toBe(true);
  });

  it.each([
    [{ a: 1, b: [true, null] }, '{"a": 1, "b": [true, null]}'],
    ['x, y: "z"', '"x, y: \\"z\\""'],
    [{ nested: { k: 'v' } }, '{"nested": {"k": "v"}}'],
  ])('writes %j with Python json.dumps separators', (value, expected) => {
    expect(pythonJson(value)).toBe(expected);
    expect(JSON.parse(pythonJson(value))).toEqual(value);
  });

  const reply: Reply = {
    kind: 'answer',
    blocks: [
      { type: 'text', text: "I'll write it." },
      { type: 'tool_call', name: 'Write', input: { file_path: '/ws/a.py', content: 'x = 1\n' } },
    ],
  };

  it('turns a reply with a call into one text block: what it said, then the call', () => {
    expect(callsAsText(reply, 'hermes')).toEqual({
      kind: 'answer',
      blocks: [
        {
          type: 'text',
          text: 'I\'ll write it.\n\n<tool_call>\n{"name": "Write", "arguments": {"file_path": "/ws/a.py", "content": "x = 1\\n"}}\n</tool_call>',
        },
      ],
    });
  });

  it('leaves a reply without calls as it is', () => {
    const plain: Reply = { kind: 'answer', blocks: [{ type: 'text', text: 'Done.' }] };
    expect(callsAsText(plain, 'qwen_xml')).toBe(plain);
  });

  it('puts everything, the call in Qwen XML included, in one reasoning block that never closes', () => {
    const trapped = allInReasoning(reply);
    if (trapped.kind !== 'answer') throw new Error('not an answer');
    expect(trapped.blocks).toHaveLength(1);
    expect(trapped.blocks[0]).toEqual({
      type: 'thinking',
      text: "I'll write it.\n\n<tool_call>\n<function=Write>\n<parameter=file_path>\n/ws/a.py\n</parameter>\n<parameter=content>\nx = 1\n\n</parameter>\n</function>\n</tool_call>",
    });
  });
});
