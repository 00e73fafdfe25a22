/**
 * Per-answer token counts from both sides of the harness proxy, in one comparable shape: what the
 * proxy recorded in its exchange records, and what llama-server sent on the wire (via the tap).
 * Sorted, so two lists are equal exactly when every answer has the same counts on both sides,
 * without pairing requests that Claude Code sent concurrently.
 */
import type { ExchangeRecord } from '../../core/exchange.ts';
import { serverReportOf } from './server-report.ts';
import type { TappedExchange } from './wire-tap.ts';

export interface AnswerCounts {
  text: string;
  inputTokens: number | null;
  outputTokens: number | null;
}

const chatPaths = ['/v1/chat/completions', '/v1/messages'];

/** A chat request the server answered with 200 (not the preflight, not an error). */
export function isAnsweredChat(tapped: TappedExchange): boolean {
  return tapped.method === 'POST' && chatPaths.some((p) => tapped.path.startsWith(p)) && tapped.status === 200;
}

/** What the server reported for each answered chat request. */
export function serverCounts(tapped: readonly TappedExchange[]): AnswerCounts[] {
  return sortCounts(
    tapped.filter(isAnsweredChat).map((t) => {
      const { text, inputTokens, outputTokens } = serverReportOf(t);
      return { text, inputTokens, outputTokens };
    }),
  );
}

/** What the harness recorded for each exchange it sent upstream and got an answer for. */
export function harnessCounts(exchanges: readonly ExchangeRecord[]): AnswerCounts[] {
  return sortCounts(
    exchanges
      .filter((e) => e.route === 'upstream' && e.error === null && e.response !== null)
      .map((e) => ({
        text: (e.response?.content ?? []).map((block) => (block.type === 'text' ? block.text : '')).join(''),
        inputTokens: e.usage.inputTokens,
        outputTokens: e.usage.outputTokens,
      })),
  );
}

function sortCounts(counts: AnswerCounts[]): AnswerCounts[] {
  const key = (c: AnswerCounts): string => `${c.inputTokens}\u0000${c.outputTokens}\u0000${c.text}`;
  return [...counts].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
