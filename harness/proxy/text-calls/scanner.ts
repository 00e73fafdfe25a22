import { callClosers } from './formats.ts';
import { collectPieces, type ScanOrigin, scanTextCalls } from './scan.ts';
import type { TextCallContext, TextCallScan } from './types.ts';

/** Finds text tool calls in a stream of text deltas (one text block). */
export interface TextCallScanner {
  /**
   * Adds a delta. Returns the text that is now known not to be part of a call (released
   * unchanged) and the calls completed by it. Text from the first place a call may be starting
   * is held back until the call completes or turns out not to be one.
   */
  push(delta: string): TextCallScan;
  /** The end of the block: decides whatever was held (an open envelope becomes `incomplete`). */
  end(): TextCallScan;
}

// Re-reading a long held call after every small delta would be quadratic. A held call is read
// again when it is still short and the delta holds a character that can end or refute one, when
// the delta holds a closing marker, or when the held text grew by a quarter; otherwise the read
// waits. That changes when a decision is made, never the decision (readers are monotone).
const decisive = /[>\]})`\n|:,"]/;
const shortHold = 2048;
const longestCloser = Math.max(...callClosers.map((closer) => closer.length));

function worthReading(held: number, heldAtLastRead: number, recent: string): boolean {
  if (heldAtLastRead === 0 || held >= heldAtLastRead * 1.25) return true;
  if (held < shortHold) return decisive.test(recent);
  return callClosers.some((closer) => recent.includes(closer));
}

/**
 * A scanner for one text block. Joined, the `release`d texts and calls of every `push` and of
 * `end` equal `scanWholeText` of the joined deltas.
 */
export function createTextCallScanner(ctx: TextCallContext): TextCallScanner {
  // Only the undecided rest of the block is kept; `origin` says where it sits.
  let text = '';
  let origin: ScanOrigin = { offset: 0, leadingBlank: true };
  let recent = '';
  let heldAtLastRead = 0;
  const step = (final: boolean): TextCallScan => {
    const outcome = scanTextCalls(text, 0, final, ctx, origin);
    const passed = text.slice(0, outcome.decidedTo);
    origin = { offset: origin.offset + outcome.decidedTo, leadingBlank: origin.leadingBlank && passed.trim() === '' };
    text = text.slice(outcome.decidedTo);
    heldAtLastRead = text.length;
    return collectPieces(outcome.pieces);
  };
  return {
    push(delta) {
      recent = (recent + delta).slice(-(longestCloser + delta.length));
      text += delta;
      if (!worthReading(text.length, heldAtLastRead, recent)) return collectPieces([]);
      return step(false);
    },
    end() {
      return step(true);
    },
  };
}
