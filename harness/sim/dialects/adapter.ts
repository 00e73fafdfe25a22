/** How a dialect writes a planned reply: frames per token while streaming, or one JSON body. */
import type { ServerReport } from '../schedule.ts';
import type { Plan, PlannedToken } from '../types.ts';

export interface StreamWriter {
  /** Frames to send when token `index` is due ('' for none). */
  token(token: PlannedToken, index: number): string;
  /** Frames to send at the end deadline. */
  finish(): string;
}

export interface DialectAdapter {
  readonly streamContentType: string;
  makeToolId(): string;
  stream(plan: Plan, report: ServerReport, model: string): StreamWriter;
  json(plan: Plan, report: ServerReport, model: string): unknown;
}
