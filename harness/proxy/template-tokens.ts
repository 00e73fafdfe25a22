/**
 * Chat-template control tokens that leak into a model's text (`<unused24>`, `<|im_end|>`,
 * `<end_of_turn>`, `</s>`, DeepSeek's `<｜end▁of▁sentence｜>`): found for the record, stripped by
 * the rescue, also when a token is split across stream deltas.
 */

const tokenSource = String.raw`<unused\d+>|<\|[A-Za-z0-9_.\-]{1,40}\|>|<｜[^｜<>\n]{1,40}｜>|<(?:start_of_turn|end_of_turn|eos|bos|pad)>|</s>`;

/** Every leaked template token in `text`, in order of appearance. */
export function findTemplateTokens(text: string): string[] {
  if (!text.includes('<')) return [];
  return text.match(new RegExp(tokenSource, 'g')) ?? [];
}

/** `text` without leaked template tokens. */
export function stripTemplateTokens(text: string): string {
  if (!text.includes('<')) return text;
  return text.replace(new RegExp(tokenSource, 'g'), '');
}

// The longest token the pattern above can match is ~44 characters; a tail longer than that
// after a "<" cannot become a token any more.
const maxTokenLength = 48;
const possibleTokenStart = /^<(?:\/|\||｜|[A-Za-z_])?[^<>\s]*$/;

/** Strips tokens from a stream of text deltas, holding back a tail that may be a token's start. */
export interface TemplateTokenStripper {
  /** Text that is safe to send now (possibly empty). */
  push(text: string): string;
  /** Whatever was held back, stripped; call at the end of the block. */
  flush(): string;
}

/** A stripper for one text block. */
export function createTemplateTokenStripper(): TemplateTokenStripper {
  let pending = '';
  return {
    push(text) {
      const joined = pending + text;
      if (!joined.includes('<')) {
        pending = '';
        return joined;
      }
      const stripped = stripTemplateTokens(joined);
      const lastOpen = stripped.lastIndexOf('<');
      const tail = lastOpen === -1 ? '' : stripped.slice(lastOpen);
      if (tail.length > 0 && tail.length < maxTokenLength && possibleTokenStart.test(tail)) {
        pending = tail;
        return stripped.slice(0, lastOpen);
      }
      pending = '';
      return stripped;
    },
    flush() {
      const rest = stripTemplateTokens(pending);
      pending = '';
      return rest;
    },
  };
}
