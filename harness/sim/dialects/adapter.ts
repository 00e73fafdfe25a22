/** How a dialect writes a planned reply: frames per token while streaming, or one JSON body. */
import type { ServerReport } from '../schedule.ts';
import type { Plan, PlannedToken, StreamInterrupt } from '../types.ts';

export interface StreamWriter {
  /** Frames to send when token `index` is due ('' for none). */
  token(token: PlannedToken, index: number): string;
  /** Frames to send at the end deadline. */
  finish(): string;
  /** Frames that end a stream failing part-way, the way `interrupt.style` names ('' for none). */
  interrupt(interrupt: StreamInterrupt): string;
}

/** An error answered instead of a body: status and body in the dialect's shape. */
export interface FailedBody {
  status: number;
  body: unknown;
}

export interface DialectAdapter {
  readonly streamContentType: string;
  makeToolId(): string;
  stream(plan: Plan, report: ServerReport, model: string): StreamWriter;
  json(plan: Plan, report: ServerReport, model: string): unknown;
  /** A failure before the first byte (or of a non-streamed request), as that server answers it. */
  failed(interrupt: StreamInterrupt): FailedBody;
}
