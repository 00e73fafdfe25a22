/** Which task a conversation is about, read from what the user wrote (never the system prompt). */
import type { Answers, TaskAnswer } from '../answers.ts';
import type { SimConversation } from '../types.ts';

export type TaskKind = 'lru' | 'fastapi' | 'generic';

/** Everything the user typed, tool results excluded. */
export function userText(conversation: SimConversation): string {
  return conversation.messages
    .filter((m) => m.role === 'user')
    .map((m) => m.text)
    .join('\n');
}

/** LRU-cache task when the prompt mentions an LRU cache; FastAPI smoke task when it mentions FastAPI and /health. */
export function recogniseTask(conversation: SimConversation): TaskKind {
  const text = userText(conversation);
  if (/\bLRU\b|least[- ]recently[- ]used/i.test(text)) return 'lru';
  if (/fastapi/i.test(text) && /\/health\b/.test(text)) return 'fastapi';
  return 'generic';
}

export function answerFor(task: Exclude<TaskKind, 'generic'>, answers: Answers): TaskAnswer {
  return task === 'lru' ? answers.lru : answers.fastapi;
}
