/**
 * The rescue on one upstream text block: scan the raw text for tool calls written as text first,
 * then strip leaked template tokens from the text released around them (never from a call: many
 * envelopes are made of such tokens). A call the host lifts ends the downstream text block and
 * becomes a tool_use block; text after it opens a new text block. A call the host does not lift
 * goes on as the text it was, unstripped.
 */
import type { RewriteRecord } from '../core/exchange.ts';
import type { StreamEvent, ToolUseBlock } from '../core/messages.ts';
import { createTemplateTokenStripper } from '../core/template-tokens.ts';
import { toolUseEvents } from './text-call-rescue.ts';
import {
  createTextCallScanner,
  type TextCallContext,
  type TextCallPiece,
  type TextToolCall,
} from './text-calls/index.ts';

/** What a text block needs from the message-wide rescue. */
export interface TextBlockHost {
  /** The next downstream block index. */
  openBlock(): number;
  /** The tool_use block a call found in the text becomes, or null to send it on as text. */
  takeCall(call: TextToolCall): ToolUseBlock | null;
  rewrite(record: RewriteRecord): void;
}

/** The rescue of one text block. */
export interface TextBlockRescue {
  /** The events for a text delta (none while text may still be a call). */
  push(text: string): StreamEvent[];
  /**
   * The end of the block: the held text decided and sent, and the block closed when `closed`
   * (false when the upstream never stopped it).
   */
  end(closed: boolean): StreamEvent[];
}

/** A rescue for the text block the upstream opened. */
export function createTextBlockRescue(ctx: TextCallContext, host: TextBlockHost): TextBlockRescue {
  const scanner = createTextCallScanner(ctx);
  const stripper = createTemplateTokenStripper();
  let open: number | null = null;
  let sentAnything = false;
  let beforeStrip = '';
  let afterStrip = '';

  const send = (text: string, out: StreamEvent[]): void => {
    if (text === '') return;
    if (open === null) {
      open = host.openBlock();
      out.push({ type: 'content_block_start', index: open, content_block: { type: 'text', text: '' } });
    }
    sentAnything = true;
    out.push({ type: 'content_block_delta', index: open, delta: { type: 'text_delta', text } });
  };
  const close = (out: StreamEvent[]): void => {
    if (open !== null) out.push({ type: 'content_block_stop', index: open });
    open = null;
  };
  const flushStripper = (out: StreamEvent[]): void => {
    const rest = stripper.flush();
    afterStrip += rest;
    send(rest, out);
  };
  const handle = (pieces: readonly TextCallPiece[]): StreamEvent[] => {
    const out: StreamEvent[] = [];
    for (const piece of pieces) {
      if (piece.type === 'text') {
        beforeStrip += piece.text;
        const stripped = stripper.push(piece.text);
        afterStrip += stripped;
        send(stripped, out);
        continue;
      }
      flushStripper(out);
      const block = host.takeCall(piece.call);
      if (block === null) {
        send(piece.call.verbatim, out);
        continue;
      }
      close(out);
      sentAnything = true;
      out.push(...toolUseEvents(host.openBlock(), block));
    }
    return out;
  };

  return {
    push: (text) => handle(scanner.push(text).pieces),
    end(closed) {
      const out = handle(scanner.end().pieces);
      flushStripper(out);
      // An empty text block stays an (empty) text block.
      if (!sentAnything && open === null && closed) {
        open = host.openBlock();
        out.push({ type: 'content_block_start', index: open, content_block: { type: 'text', text: '' } });
      }
      if (closed) close(out);
      if (afterStrip !== beforeStrip) {
        host.rewrite({
          kind: 'strip_template_tokens',
          where: 'response',
          before: beforeStrip,
          after: afterStrip,
          reason: 'leaked chat-template tokens removed from text',
        });
      }
      return out;
    },
  };
}
