/** One chat request from parsed conversation to the last byte, in any dialect. */
import type { ServerResponse } from 'node:http';
import type { Clock } from '../core/context.ts';
import type { Answers } from './answers.ts';
import { applyContextWindow } from './context-window.ts';
import type { DialectAdapter } from './dialects/adapter.ts';
import { sendJson, writeChunk } from './http-io.ts';
import type { Persona } from './personas/registry.ts';
import { personaContext } from './personas/registry.ts';
import { planReply } from './plan.ts';
import type { Schedule } from './schedule.ts';
import { runSchedule, serverReport } from './schedule.ts';
import type { Plan, SimConversation, StreamInterrupt } from './types.ts';

export { fitContext } from './context-window.ts';

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

/** Answers one chat request on the persona's schedule; stops early when the client goes away. */
export async function answerChat(job: ChatJob): Promise<void> {
  const window = applyContextWindow(job.persona, job.conversation);
  if (window.kind === 'refused') return sendJson(job.res, window.status, window.body);
  const context = personaContext(window.seen, job.answers, window.cut);
  const reply = job.persona.reply(context);
  if (reply.kind === 'silent') return untilAborted(job.signal);
  if (reply.kind === 'refuse') return sendJson(job.res, reply.status, reply.body);

  const budgets = [window.budget, reply.cutAfterTokens ?? null].filter((b): b is number => b !== null);
  const plan = planReply(reply.blocks, {
    budget: budgets.length === 0 ? null : Math.min(...budgets),
    forceMaxTokens: reply.forceMaxTokens === true,
    makeToolId: job.adapter.makeToolId,
  });
  const timing = context.mode === 'raw' ? job.persona.timing : job.persona.agentTiming;
  const schedule: Schedule = { receivedAt: job.receivedAt, timing, timeScale: job.timeScale, clock: job.clock };
  if (reply.interrupt !== undefined) return interrupted(job, reply.interrupt, plan, schedule, window.promptTokens);
  const report = serverReport(timing, plan.tokens.length, window.promptTokens);
  const model = job.conversation.model;

  if (!job.conversation.stream) {
    const completed = await runSchedule(plan, schedule, job.signal, async () => job.onToken());
    if (completed) sendJson(job.res, 200, job.adapter.json(plan, report, model));
    return;
  }
  const writer = job.adapter.stream(plan, report, model);
  const completed = await streamTokens(job, plan, schedule, (token, index) => writer.token(token, index));
  if (!completed) return;
  await writeChunk(job.res, writer.finish());
  job.res.end();
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** Sends the stream's headers, then each planned token's frames on schedule; false when the client left. */
async function streamTokens(
  job: ChatJob,
  plan: Plan,
  schedule: Schedule,
  frames: (token: Plan['tokens'][number], index: number) => string,
): Promise<boolean> {
  job.res.writeHead(200, {
    'content-type': job.adapter.streamContentType,
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  job.res.flushHeaders();
  return runSchedule(plan, schedule, job.signal, async (token, index) => {
    const text = frames(token, index);
    if (text !== '') await writeChunk(job.res, text);
    job.onToken();
  });
}

/**
 * A reply that fails part-way: the tokens before the failure go out on schedule, then the server's
 * own way of ending. A failure of the first result (or of a non-streamed request) is a plain HTTP
 * error, as llama-server and Ollama answer it — except the old llama.cpp `error:` line, which came
 * inside an already started stream.
 */
async function interrupted(
  job: ChatJob,
  interrupt: StreamInterrupt,
  plan: Plan,
  schedule: Schedule,
  promptTokens: number,
): Promise<void> {
  const sent: Plan = { ...plan, tokens: plan.tokens.slice(0, interrupt.afterTokens) };
  const inStream =
    job.conversation.stream &&
    (interrupt.afterTokens > 0 || (interrupt.style === 'llama_legacy_error' && job.conversation.dialect === 'openai'));
  if (!inStream) {
    const completed = await runSchedule(sent, schedule, job.signal, async () => job.onToken());
    const failed = job.adapter.failed(interrupt);
    if (completed) sendJson(job.res, failed.status, failed.body);
    return;
  }
  const report = serverReport(schedule.timing, sent.tokens.length, promptTokens);
  const writer = job.adapter.stream(plan, report, job.conversation.model);
  const completed = await streamTokens(job, sent, schedule, (token, index) => writer.token(token, index));
  if (!completed) return;
  await writeChunk(job.res, writer.interrupt(interrupt));
  job.res.end();
}
