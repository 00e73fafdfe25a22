/** One chat request from parsed conversation to the last byte, in any dialect. */
import type { ServerResponse } from 'node:http';
import type { Clock } from '../core/context.ts';
import type { Answers } from './answers.ts';
import type { DialectAdapter } from './dialects/adapter.ts';
import { sendJson, writeChunk } from './http-io.ts';
import type { Persona } from './personas/registry.ts';
import { personaContext } from './personas/registry.ts';
import { planReply } from './plan.ts';
import type { Schedule } from './schedule.ts';
import { runSchedule, serverReport } from './schedule.ts';
import { estimateInputTokens } from './tokens.ts';
import type { SimConversation } from './types.ts';

export interface ChatJob {
  persona: Persona;
  conversation: SimConversation;
  adapter: DialectAdapter;
  res: ServerResponse;
  /** Aborts when the client goes away. */
  signal: AbortSignal;
  receivedAt: number;
  clock: Clock;
  timeScale: number;
  answers: Answers;
  /** Called for every token generated (sent, when streaming). */
  onToken(): void;
}

/**
 * Honours a context window (Ollama `num_ctx`) the way Ollama does: when the prompt does not fit,
 * the oldest non-system messages are dropped (the latest is always kept), the reported prompt is
 * at most the window, and the output may only fill what is left of it.
 */
export function fitContext(conversation: SimConversation): {
  seen: SimConversation;
  promptTokens: number;
  budget: number | null;
} {
  const numCtx = conversation.numCtx;
  if (numCtx === null)
    return { seen: conversation, promptTokens: estimateInputTokens(conversation), budget: conversation.maxTokens };
  const messages = [...conversation.messages];
  let seen = conversation;
  while (estimateInputTokens(seen) > numCtx) {
    const lastIndex = messages.length - 1;
    const drop = messages.findIndex((m, i) => m.role !== 'system' && i < lastIndex);
    if (drop < 0) break;
    messages.splice(drop, 1);
    seen = { ...conversation, messages: [...messages] };
  }
  const promptTokens = Math.min(estimateInputTokens(seen), numCtx);
  const room = numCtx - promptTokens;
  return {
    seen,
    promptTokens,
    budget: conversation.maxTokens === null ? room : Math.min(conversation.maxTokens, room),
  };
}

/** Answers one chat request on the persona's schedule; stops early when the client goes away. */
export async function answerChat(job: ChatJob): Promise<void> {
  const { seen, promptTokens, budget } = fitContext(job.conversation);
  const context = personaContext(seen, job.answers);
  const reply = job.persona.reply(context);
  if (reply.kind === 'silent') {
    await new Promise<void>((resolve) => {
      if (job.signal.aborted) resolve();
      else job.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    return;
  }

  const timing = context.mode === 'raw' ? job.persona.timing : job.persona.agentTiming;
  const plan = planReply(reply.blocks, {
    budget,
    forceMaxTokens: reply.forceMaxTokens === true,
    makeToolId: job.adapter.makeToolId,
  });
  const report = serverReport(timing, plan.tokens.length, promptTokens);
  const schedule: Schedule = { receivedAt: job.receivedAt, timing, timeScale: job.timeScale, clock: job.clock };
  const model = job.conversation.model;

  if (!job.conversation.stream) {
    const completed = await runSchedule(plan, schedule, job.signal, async () => job.onToken());
    if (completed) sendJson(job.res, 200, job.adapter.json(plan, report, model));
    return;
  }

  job.res.writeHead(200, {
    'content-type': job.adapter.streamContentType,
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  job.res.flushHeaders();
  const writer = job.adapter.stream(plan, report, model);
  const completed = await runSchedule(plan, schedule, job.signal, async (token, index) => {
    const frames = writer.token(token, index);
    if (frames !== '') await writeChunk(job.res, frames);
    job.onToken();
  });
  if (!completed) return;
  await writeChunk(job.res, writer.finish());
  job.res.end();
}
