/** What the persona definitions share: the context a persona sees, default timings, and reply builders. */
import type { Answers } from '../answers.ts';
import type { PersonaInfo, PersonaTiming, Reply, SimConversation, SimMode } from '../types.ts';
import type { AgentTask } from './agent-flows.ts';
import { taskFlow } from './agent-flows.ts';
import type { Flow } from './flow.ts';
import { runFlow, textReply } from './flow.ts';
import { toolHistory, workingDir } from './history.ts';
import type { CodeAnswerVariant } from './raw-answers.ts';
import { codeAnswer, genericAnswer } from './raw-answers.ts';
import type { TaskKind } from './task.ts';
import { answerFor, recogniseTask } from './task.ts';

export interface PersonaContext {
  conversation: SimConversation;
  mode: SimMode;
  task: TaskKind;
  answers: Answers;
  /** The server cut the prompt to fit its context window (what the model sees is `conversation`). */
  promptCut: boolean;
}

export interface Persona extends PersonaInfo {
  reply(context: PersonaContext): Reply;
}

/** A persona as written in the lists: facts and served context default to the dense 7B model with no window of its own. */
export type PersonaSpec = Omit<Persona, 'facts' | 'servedContext'> & Partial<Pick<Persona, 'facts' | 'servedContext'>>;

/** Builds the context a persona sees. */
export function personaContext(conversation: SimConversation, answers: Answers, promptCut = false): PersonaContext {
  return {
    conversation,
    mode: conversation.tools.length > 0 ? 'agent' : 'raw',
    task: recogniseTask(conversation),
    answers,
    promptCut,
  };
}

export const rawDefault: PersonaTiming = { ttftMs: 300, tokensPerSec: 150, loadMs: 0 };
export const agentDefault: PersonaTiming = { ttftMs: 200, tokensPerSec: 300, loadMs: 0 };

/** One text block. */
export function answer(text: string, forceMaxTokens = false): Reply {
  return { kind: 'answer', blocks: [{ type: 'text', text }], forceMaxTokens };
}

/** The raw-mode code answer (or the generic reply to an unknown task). */
export function rawCode(c: PersonaContext, variant: CodeAnswerVariant = {}): Reply {
  if (c.task === 'generic') return answer(genericAnswer());
  return answer(codeAnswer(c.task, answerFor(c.task, c.answers), variant), variant.unclosed === true);
}

/** Runs a task plan in agent mode; anything but the two known tasks gets the generic reply. */
export function agentTask(c: PersonaContext, plan: (t: AgentTask) => Flow): Reply {
  if (c.task === 'generic') return textReply(genericAnswer());
  const t: AgentTask = { task: c.task, answer: answerFor(c.task, c.answers), cwd: workingDir(c.conversation) };
  return runFlow(plan(t), toolHistory(c.conversation));
}

/** One behaviour for raw requests, another for agent requests. */
export function byMode(
  raw: (c: PersonaContext) => Reply,
  agent: (c: PersonaContext) => Reply,
): (c: PersonaContext) => Reply {
  return (c) => (c.mode === 'raw' ? raw(c) : agent(c));
}

/** sim-correct's agent plan: Write → Write → Bash pytest → summary. */
export const correctAgent = (c: PersonaContext): Reply =>
  agentTask(c, (t) => taskFlow(t, { patchImportOnFailure: true }));

/** A competent model in both modes. */
export const correct = byMode((c) => rawCode(c), correctAgent);
