/**
 * Tool calls written as text, the way models emit them when the server has no parser for their
 * format (or the parser fails). Both renderings follow the models' own chat templates:
 * - Qwen3-Coder XML (Qwen3-Coder and Qwen3.5 templates): `<tool_call>\n<function=NAME>\n` then per
 *   argument `<parameter=K>\nV\n</parameter>\n`, then `</function>\n</tool_call>`; strings as they are,
 *   other values as JSON. Real samples: F07 (the opener missing), F08 (shared/real-world-failures.json).
 * - Hermes / Qwen2.5: `<tool_call>\n{"name": …, "arguments": {…}}\n</tool_call>`, the JSON as Python's
 *   json.dumps writes it (the templates' `tojson`): `", "` and `": "` separators. Real sample: F39.
 */
import type { Reply, ReplyBlock } from '../types.ts';

export type TextCallStyle = 'qwen_xml' | 'hermes';

interface Call {
  name: string;
  input: Record<string, unknown>;
}

/** JSON with Python's default separators, as the Hermes and Qwen templates render `tojson`. */
export function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}: ${pythonJson(item)}`)
      .join(', ')}}`;
  return JSON.stringify(value);
}

/** One call in Qwen3-Coder's XML; without the `<tool_call>` opener when `opener` is false (F07). */
export function qwenXmlCall(call: Call, opener = true): string {
  const parameters = Object.entries(call.input)
    .map(
      ([key, value]) =>
        `<parameter=${key}>\n${typeof value === 'string' ? value : JSON.stringify(value)}\n</parameter>\n`,
    )
    .join('');
  return `${opener ? '<tool_call>\n' : ''}<function=${call.name}>\n${parameters}</function>\n</tool_call>`;
}

/** One call as a Hermes `<tool_call>` JSON object. */
export function hermesCall(call: Call): string {
  return `<tool_call>\n${pythonJson({ name: call.name, arguments: call.input })}\n</tool_call>`;
}

function render(block: ReplyBlock, style: TextCallStyle, opener: boolean): string {
  if (block.type !== 'tool_call') return block.text;
  return style === 'hermes' ? hermesCall(block) : qwenXmlCall(block, opener);
}

/**
 * The reply with every tool call written as text after what the model said before it, all in one
 * text block: the turn then ends like any answer (`end_turn`/`stop`), as it does on a server that
 * did not parse the call.
 */
export function callsAsText(reply: Reply, style: TextCallStyle, opener = true): Reply {
  if (reply.kind !== 'answer' || !reply.blocks.some((b) => b.type === 'tool_call')) return reply;
  const text = reply.blocks.map((block) => render(block, style, opener)).join('\n\n');
  return { ...reply, blocks: [{ type: 'text', text }] };
}

/**
 * The reply with everything — what it says, its calls in Qwen3-Coder XML — inside one reasoning
 * block that never closes, as llama-server reports a Qwen3.5 turn whose `</think>` never came (F11).
 */
export function allInReasoning(reply: Reply): Reply {
  if (reply.kind !== 'answer') return reply;
  const text = reply.blocks.map((block) => render(block, 'qwen_xml', true)).join('\n\n');
  return { ...reply, blocks: [{ type: 'thinking', text }] };
}
