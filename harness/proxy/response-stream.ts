/**
 * What the client receives in place of the upstream's events: a tool call cut by the output limit
 * withheld (always, truncated-call-guard.ts), then the rescue when it is on (rescue-stream.ts).
 */
import type { RewriteRecord } from '../core/exchange.ts';
import type { StreamEvent, ToolDefinition } from '../core/messages.ts';
import type { AliasTables } from './alias-tables.ts';
import type { ToolCallToRescue } from './rescue.ts';
import { createRescueStream, type RescueStreamOptions } from './rescue-stream.ts';
import type { SchemaValidator } from './schema-validator.ts';
import { createTruncatedCallGuard } from './truncated-call-guard.ts';

export interface ResponseStream {
  /** The events to send in place of `event`. */
  push(event: StreamEvent): StreamEvent[];
  /** Structured tool calls the rescue rewrote, by upstream block index. */
  readonly rescued: ReadonlyMap<number, ToolCallToRescue>;
  /** Tool calls written as text that the rescue sent as tool_use blocks, by id. */
  readonly lifted: ReadonlyMap<string, ToolCallToRescue>;
  /** Every change made to the response. */
  rewrites(): RewriteRecord[];
}

export interface ResponseStreamOptions extends RescueStreamOptions {
  rescue: boolean;
}

/** The response transformer of one turn. */
export function createResponseStream(
  tools: readonly ToolDefinition[],
  tables: AliasTables,
  validator: SchemaValidator,
  options: ResponseStreamOptions,
): ResponseStream {
  const guard = createTruncatedCallGuard(tools, validator);
  const rescue = options.rescue ? createRescueStream(tools, tables, validator, options) : null;
  return {
    push: (event) => (rescue === null ? guard.push(event) : guard.push(event).flatMap((out) => rescue.push(out))),
    rescued: rescue?.rescued ?? new Map(),
    lifted: rescue?.lifted ?? new Map(),
    rewrites: () => [...(rescue?.rewrites ?? []), ...guard.rewrites],
  };
}
