import { collectPieces, scanTextCalls } from './scan.ts';
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

// Re-reading a held call after every small delta would make long calls quadratic; reading again
// only after a character that can end or refute one, or once the held text grew by an eighth,
// changes when a decision is made, never the decision (readers are monotone).
const decisive = /[>\]})`\n|:,"]/;

/**
 * A scanner for one text block. Joined, the `release`d texts and calls of every `push` and of
 * `end` equal `scanWholeText` of the joined deltas.
 */
export function createTextCallScanner(ctx: TextCallContext): TextCallScanner {
  let text = '';
  let decided = 0;
  let heldAtLastRead = 0;
  const step = (final: boolean): TextCallScan => {
    const outcome = scanTextCalls(text, decided, final, ctx);
    decided = outcome.decidedTo;
    heldAtLastRead = text.length - decided;
    return collectPieces(outcome.pieces);
  };
  return {
    push(delta) {
      text += delta;
      const held = text.length - decided;
      if (heldAtLastRead > 0 && !decisive.test(delta) && held < heldAtLastRead * 1.125) return collectPieces([]);
      return step(false);
    },
    end() {
      return step(true);
    },
  };
}
