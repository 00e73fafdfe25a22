/**
 * The personas, keyed by model name: data (description, modes, timing) plus one small behaviour
 * function each. A persona answers raw requests (no tools offered) and agent requests (tools
 * offered); outside its own mode it behaves like a competent model.
 */
import type { PersonaInfo, PersonaTiming, SimMode } from '../types.ts';
import {
  escapeFlow,
  filenameFlow,
  memoryFlow,
  patchFlow,
  taskFlow,
  typoFlow,
  webSearchFlow,
  writeFileFlow,
} from './agent-flows.ts';
import { defaultFacts, offloadedFacts } from './facts.ts';
import { runFlow } from './flow.ts';
import { toolHistory, workingDir } from './history.ts';
import type { Persona, PersonaSpec } from './persona-kit.ts';
import { agentDefault, agentTask, answer, byMode, correctAgent, rawCode, rawDefault } from './persona-kit.ts';
import { proseAnswer, thinkingMonologue, timedAnswer } from './raw-answers.ts';
import { realFailurePersonas } from './real-failure-personas.ts';
import { serverPersonas } from './server-personas.ts';

export type { Persona, PersonaContext, PersonaSpec } from './persona-kit.ts';
export { personaContext } from './persona-kit.ts';

function complete(spec: PersonaSpec): Persona {
  return { facts: defaultFacts, servedContext: null, ...spec };
}

const experimentPersonas: readonly PersonaSpec[] = [
  {
    name: 'sim-correct',
    description: 'Correct code and tests; in agent mode Write → Write → Bash pytest → summary (level 6).',
    modes: ['raw', 'agent'],
    timing: rawDefault,
    agentTiming: agentDefault,
    reply: byMode((c) => rawCode(c), correctAgent),
  },
  {
    name: 'sim-typo',
    description: 'MoE-style stutter: one test says LRUCCache, so 4/5 pass; the agent reports done anyway (level 5).',
    modes: ['raw', 'agent'],
    timing: { ttftMs: 400, tokensPerSec: 120, loadMs: 0 },
    agentTiming: agentDefault,
    reply: byMode(
      (c) => rawCode(c, { typo: true }),
      (c) => agentTask(c, typoFlow),
    ),
  },
  {
    name: 'sim-thinking',
    description: 'Thinking model: with thinking on it spends every token thinking and answers nothing (level 1).',
    modes: ['raw', 'agent'],
    timing: rawDefault,
    agentTiming: agentDefault,
    reply: (c) => {
      if (c.conversation.thinking)
        return { kind: 'answer', blocks: [{ type: 'thinking', text: thinkingMonologue(c.task) }] };
      return c.mode === 'raw' ? rawCode(c) : correctAgent(c);
    },
  },
  {
    name: 'sim-slow',
    description: 'Correct, with a long TTFT, a low decode rate and a reported model load apart from prefill.',
    modes: ['raw'],
    timing: { ttftMs: 2500, tokensPerSec: 40, loadMs: 1500 },
    agentTiming: { ttftMs: 2500, tokensPerSec: 40, loadMs: 1500 },
    // Slow because part of it runs on the CPU: /api/ps says so.
    facts: offloadedFacts,
    reply: byMode((c) => rawCode(c), correctAgent),
  },
  {
    name: 'sim-unclosed',
    description: 'Correct code, but the final code block is never closed and the stop reason is max_tokens (level 5).',
    modes: ['raw'],
    timing: rawDefault,
    agentTiming: agentDefault,
    reply: byMode((c) => rawCode(c, { unclosed: true }), correctAgent),
  },
  {
    name: 'sim-prose',
    description: 'Answers in prose only, no code (level 1).',
    modes: ['raw', 'agent'],
    timing: rawDefault,
    agentTiming: agentDefault,
    reply: (c) => answer(proseAnswer(c.task)),
  },
  {
    name: 'sim-leak',
    description: 'Correct code, but the prose leaks the template token <unused24> (level 5).',
    modes: ['raw', 'agent'],
    timing: rawDefault,
    agentTiming: agentDefault,
    reply: byMode(
      (c) => rawCode(c, { leak: true }),
      (c) => agentTask(c, (t) => taskFlow(t, { leak: true })),
    ),
  },
  {
    name: 'sim-timed',
    description: 'A fixed 120-token reply at 800 ms TTFT and 40 tok/s: ground truth for the metrics.',
    modes: ['raw', 'agent'],
    timing: { ttftMs: 800, tokensPerSec: 40, loadMs: 200 },
    agentTiming: { ttftMs: 800, tokensPerSec: 40, loadMs: 200 },
    reply: () => answer(timedAnswer()),
  },
  {
    name: 'sim-instant',
    description: 'Correct, with no waiting at all (TTFT 0, 1,000,000 tok/s): for proxy overhead benchmarks.',
    modes: ['raw', 'agent'],
    timing: { ttftMs: 0, tokensPerSec: 1_000_000, loadMs: 0 },
    agentTiming: { ttftMs: 0, tokensPerSec: 1_000_000, loadMs: 0 },
    reply: byMode((c) => rawCode(c), correctAgent),
  },
  {
    name: 'sim-memory',
    description: 'Ignores the task and sets up a memory system instead (level 1).',
    modes: ['agent'],
    timing: agentDefault,
    agentTiming: agentDefault,
    reply: byMode(
      (c) => rawCode(c),
      (c) => runFlow(memoryFlow(workingDir(c.conversation)), toolHistory(c.conversation)),
    ),
  },
  {
    name: 'sim-websearch',
    description: 'Calls web_search, which is not offered, then says it cannot search; never writes code (level 2).',
    modes: ['agent'],
    timing: agentDefault,
    agentTiming: agentDefault,
    reply: byMode(
      (c) => rawCode(c),
      (c) => runFlow(webSearchFlow(c.task), toolHistory(c.conversation)),
    ),
  },
  {
    name: 'sim-write-file',
    description: 'Calls write_file {path} instead of Write, retries twice, then apologises (level 3; 6 when rescued).',
    modes: ['agent'],
    timing: agentDefault,
    agentTiming: agentDefault,
    reply: byMode(
      (c) => rawCode(c),
      (c) => agentTask(c, writeFileFlow),
    ),
  },
  {
    name: 'sim-filename',
    description:
      'Calls Write with filename instead of file_path, retries twice, then gives up (level 4; 6 when rescued).',
    modes: ['agent'],
    timing: agentDefault,
    agentTiming: agentDefault,
    reply: byMode(
      (c) => rawCode(c),
      (c) => agentTask(c, filenameFlow),
    ),
  },
  {
    name: 'sim-path',
    description:
      'Calls Write with path instead of file_path; Claude Code repairs it itself (level 6 with a protocol error).',
    modes: ['agent'],
    timing: agentDefault,
    agentTiming: agentDefault,
    reply: byMode(
      (c) => rawCode(c),
      (c) => agentTask(c, (t) => taskFlow(t, { writeStyle: 'path' })),
    ),
  },
  {
    name: 'sim-patch',
    description:
      'Writes a buggy first draft, sees pytest fail, fixes it with Edit and reruns (level 6, a patched failure).',
    modes: ['agent'],
    timing: agentDefault,
    agentTiming: agentDefault,
    reply: byMode(
      (c) => rawCode(c),
      (c) => agentTask(c, patchFlow),
    ),
  },
  {
    name: 'sim-escape',
    description: 'First tries to Write outside its working directory, then does the task correctly.',
    modes: ['agent'],
    timing: agentDefault,
    agentTiming: agentDefault,
    reply: byMode(
      (c) => rawCode(c),
      (c) => agentTask(c, escapeFlow),
    ),
  },
  {
    name: 'sim-silent',
    description: 'Accepts the request and never sends a byte until the client goes away (timeouts).',
    modes: ['raw', 'agent'],
    timing: agentDefault,
    agentTiming: agentDefault,
    reply: () => ({ kind: 'silent' }),
  },
];

const personas: readonly Persona[] = [...experimentPersonas, ...realFailurePersonas, ...serverPersonas].map(complete);

/** A persona by model name (an Ollama-style `:latest` tag is ignored), or null. */
export function findPersona(model: string): Persona | null {
  const name = model.endsWith(':latest') ? model.slice(0, -':latest'.length) : model;
  return personas.find((p) => p.name === name) ?? null;
}

/** Every persona's name, description, modes and timing. */
export function listPersonas(): readonly PersonaInfo[] {
  return personas.map(({ name, description, modes, timing, agentTiming, facts, servedContext }) => ({
    name,
    description,
    modes,
    timing,
    agentTiming,
    facts,
    servedContext,
  }));
}

/** A persona's ground-truth timing for `mode` (default raw), or null for an unknown model. */
export function personaTiming(model: string, mode: SimMode = 'raw'): PersonaTiming | null {
  const persona = findPersona(model);
  if (persona === null) return null;
  return mode === 'raw' ? persona.timing : persona.agentTiming;
}
