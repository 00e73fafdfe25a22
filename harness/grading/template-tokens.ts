// Chat-template control tokens that leak into generated text when a backend's template or
// tokenizer settings do not match the model: Gemma (<unusedNN>, <start_of_turn>, <eos>),
// ChatML/Qwen/Llama 3 (<|im_end|>, <|endoftext|>, <|eot_id|>) and DeepSeek's full-width bars.
const TEMPLATE_TOKEN_SOURCE = [
  String.raw`<unused\d+>`,
  String.raw`<\|[A-Za-z0-9_.:-]{1,40}\|>`,
  String.raw`<｜[^｜<>\n]{1,40}｜>`,
  '<(?:start|end)_of_(?:turn|image)>',
  '<(?:eos|bos)>',
].join('|');

/** A fresh global RegExp matching leaked template tokens (fresh so no lastIndex is shared). */
export function templateTokenRegExp(): RegExp {
  return new RegExp(TEMPLATE_TOKEN_SOURCE, 'g');
}

/** Distinct leaked template tokens in `text`, in order of first appearance. */
export function findTemplateTokens(text: string): string[] {
  return [...new Set(text.match(templateTokenRegExp()) ?? [])];
}

/** `text` without any leaked template token. */
export function stripTemplateTokens(text: string): string {
  return text.replace(templateTokenRegExp(), '');
}
