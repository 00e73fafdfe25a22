/**
 * Personas for the real failures of local models driving Claude Code (shared/real-world-failures.md,
 * F-numbers there): calls written as text, loops, arguments of the wrong type or encoding, a call cut
 * by the output limit, an empty turn, reasoning that never closes. Each does the task correctly in
 * every other respect, so a rescue that repairs the fault takes the run to level 6.
 */
import type { Reply, SimDialect } from '../types.ts';
import { doubleEncodedFlow, loopFlow, stringNumbersFlow, truncatedFlow } from './failure-flows.ts';
import { toolHistory } from './history.ts';
import type { PersonaContext, PersonaSpec } from './persona-kit.ts';
import { agentDefault, agentTask, byMode, correctAgent, rawCode } from './persona-kit.ts';
import { codeAnswer } from './raw-answers.ts';
import { answerFor } from './task.ts';
import { allInReasoning, callsAsText } from './text-calls.ts';

/** The output cap a persona assumes when the request names none. */
const defaultOutputCap = 4096;

/**
 * Every call's arguments as a JSON string holding the JSON object (vLLM's hermes parser with a
 * model that quoted its arguments, F25). Not on Ollama's native API: Ollama's tool parser decodes
 * string arguments itself (ollama/ollama tools/tools.go `findMap`), so there the calls go out whole.
 */
function doubleEncoded(reply: Reply, dialect: SimDialect): Reply {
  if (reply.kind !== 'answer' || dialect === 'ollama') return reply;
  const blocks = reply.blocks.map((block) =>
    block.type === 'tool_call' ? { ...block, argumentsJson: JSON.stringify(JSON.stringify(block.input)) } : block,
  );
  return { ...reply, blocks };
}

function truncatedAgent(c: PersonaContext): Reply {
  const cap = c.conversation.maxTokens ?? defaultOutputCap;
  const reply = agentTask(c, (t) => truncatedFlow(t, cap));
  return reply.kind === 'answer' ? { ...reply, cutAfterTokens: cap } : reply;
}

function unclosedThinkRaw(c: PersonaContext): Reply {
  if (c.task === 'generic') return rawCode(c);
  const code = codeAnswer(c.task, answerFor(c.task, c.answers));
  return { kind: 'answer', blocks: [{ type: 'thinking', text: `The user wants working code with tests.\n\n${code}` }] };
}

export const realFailurePersonas: readonly PersonaSpec[] = [
  {
    name: 'sim-qwen-xml',
    description:
      'Does the task, but writes every call as Qwen3-Coder XML text (<function=Write><parameter=file_path>…; every second call without the <tool_call> opener, F07) and ends the turn.',
    modes: ['agent'],
    timing: agentDefault,
    agentTiming: agentDefault,
    reply: byMode(
      (c) => rawCode(c),
      (c) => callsAsText(correctAgent(c), 'qwen_xml', toolHistory(c.conversation).length % 2 === 0),
    ),
  },
  {
    name: 'sim-hermes',
    description:
      'Does the task, but writes every call as Hermes text (<tool_call>{"name": "Write", "arguments": {…}}</tool_call>, F39) and ends the turn.',
    modes: ['agent'],
    timing: agentDefault,
    agentTiming: agentDefault,
    reply: byMode(
      (c) => rawCode(c),
      (c) => callsAsText(correctAgent(c), 'hermes'),
    ),
  },
  {
    name: 'sim-loop',
    description: 'Writes the implementation, then sends the identical Read of that file on every turn, forever (F10).',
    modes: ['agent'],
    timing: agentDefault,
    agentTiming: agentDefault,
    reply: byMode(
      (c) => rawCode(c),
      (c) => agentTask(c, loopFlow),
    ),
  },
  {
    name: 'sim-string-numbers',
    description:
      'Numbers and booleans as strings (F13): Bash "timeout": "60000" and Read "limit": "50", which Claude Code converts, and the fix as Edit "replace_all": "False", which it refuses; gives up after three refusals.',
    modes: ['agent'],
    timing: agentDefault,
    agentTiming: agentDefault,
    reply: byMode(
      (c) => rawCode(c),
      (c) => agentTask(c, stringNumbersFlow),
    ),
  },
  {
    name: 'sim-double-encoded',
    description:
      'Tool arguments as a JSON string holding the JSON object (F25; anthropic and openai dialects, Ollama decodes them itself): `touch` of the two files first, then the task; gives up after three refusals.',
    modes: ['agent'],
    timing: agentDefault,
    agentTiming: agentDefault,
    reply: byMode(
      (c) => rawCode(c),
      (c) => doubleEncoded(agentTask(c, doubleEncodedFlow), c.conversation.dialect),
    ),
  },
  {
    name: 'sim-truncated-call',
    description:
      'Writes an implementation longer than the output limit, so the turn stops with max_tokens/length inside the Write arguments (F14); gives up after three cut attempts.',
    modes: ['agent'],
    timing: agentDefault,
    // Fast, so that writing a whole output budget takes seconds.
    agentTiming: { ttftMs: 200, tokensPerSec: 4000, loadMs: 0 },
    reply: byMode((c) => rawCode(c), truncatedAgent),
  },
  {
    name: 'sim-empty-reply',
    description:
      'Ends its first turn with no content at all: zero output tokens, stop end_turn/stop (F18); later turns are correct.',
    modes: ['raw', 'agent'],
    timing: agentDefault,
    agentTiming: agentDefault,
    reply: (c) =>
      c.mode === 'agent' && toolHistory(c.conversation).length > 0 ? correctAgent(c) : { kind: 'answer', blocks: [] },
  },
  {
    name: 'sim-unclosed-think',
    description:
      'Puts everything, its tool calls as Qwen3-Coder XML included, in reasoning that never closes, whatever the thinking switch says (F11).',
    modes: ['raw', 'agent'],
    timing: agentDefault,
    agentTiming: agentDefault,
    reply: byMode(unclosedThinkRaw, (c) => allInReasoning(correctAgent(c))),
  },
];
