/**
 * The one table of chat-template control tokens that leak into a model's text when a server's
 * template or tokenizer settings do not match the model: the proxy finds them for the record and
 * strips them (rescue), grading counts them as output corruption, repair removes them from code.
 *
 * Order matters where text can hold a tool call written as text: many of these tokens are the
 * envelope of such a call (`<|python_tag|>`, `<｜tool▁calls▁begin｜>`, `[TOOL_CALLS]`,
 * `<|channel|>`, …; kind `tool_call`). The rescue must run the text-call scanner
 * (harness/proxy/text-calls) on the raw text first and strip tokens only from the text it
 * releases, or it destroys the calls it is there to rescue. Grading, which only reports, may
 * find them in any order; `templateTokenKind` tells a call's envelope from a stray end-of-turn.
 */

export type TemplateTokenKind =
  /** Ends a turn or the text: `<|im_end|>`, `<end_of_turn>`, `</s>`. */
  | 'end_of_turn'
  /** Starts a turn or names a role: `<start_of_turn>`, `<|im_start|>`, `[INST]`. */
  | 'turn_header'
  /** Belongs to a tool-call envelope or tool result: `<|python_tag|>`, `[TOOL_CALLS]`, `<｜tool▁sep｜>`. */
  | 'tool_call'
  /** Opens or closes reasoning, or a harmony channel: `<|channel|>`, `[THINK]`. */
  | 'reasoning'
  /** Filler a model should never write: `<unused24>`, `<pad>`, `<mask>`. */
  | 'filler'
  /** Image or audio placeholders: `<start_of_image>`. */
  | 'media'
  /** A `<|…|>` or `<｜…｜>` token no row names. */
  | 'other';

export interface TemplateTokenRow {
  /** Regular-expression source for the tokens of this row (no anchors, no flags). */
  pattern: string;
  kind: TemplateTokenKind;
  /** Who writes these tokens. */
  family: string;
  /** Tokens this row must find; the table test checks each is found, stripped and classified. */
  examples: readonly string[];
}

const bar = (names: string): string => `<\\|(?:${names})\\|>`;
const fullWidth = (names: string): string => `<｜(?:${names})｜>`;
const ds = '(?:▁|_| )';

/** Specific rows first: a token's kind is the kind of the first row whose pattern matches it whole. */
export const templateTokenRows: readonly TemplateTokenRow[] = [
  { pattern: '<unused\\d+>', kind: 'filler', family: 'Gemma', examples: ['<unused24>', '<unused0>'] },
  {
    pattern: '<(?:pad|mask|unk|bos)>',
    kind: 'filler',
    family: 'Gemma (F32)',
    examples: ['<pad>', '<mask>', '<unk>', '<bos>'],
  },
  {
    pattern: '<(?:eos|end_of_turn)>|</s>',
    kind: 'end_of_turn',
    family: 'Gemma, Llama 2/Mistral',
    examples: ['<eos>', '<end_of_turn>', '</s>'],
  },
  { pattern: '<start_of_turn>', kind: 'turn_header', family: 'Gemma 2/3', examples: ['<start_of_turn>'] },
  {
    pattern: '<(?:start|end)_of_image>',
    kind: 'media',
    family: 'Gemma 3',
    examples: ['<start_of_image>', '<end_of_image>'],
  },
  {
    pattern: '<start_function_call>|<end_function_call>|<escape>',
    kind: 'tool_call',
    family: 'FunctionGemma',
    examples: ['<start_function_call>', '<end_function_call>', '<escape>'],
  },
  {
    pattern: '<\\|(?:tool_call|tool_response|tool)>|<(?:tool_call|tool_response|tool)\\|>|<\\|"\\|>',
    kind: 'tool_call',
    family: 'Gemma 4',
    examples: ['<|tool_call>', '<tool_call|>', '<|tool_response>', '<tool_response|>', '<|"|>'],
  },
  {
    pattern: '<\\|channel>|<channel\\|>',
    kind: 'reasoning',
    family: 'Gemma 4',
    examples: ['<|channel>', '<channel|>'],
  },
  { pattern: '<\\|turn>|<turn\\|>', kind: 'turn_header', family: 'Gemma 4', examples: ['<|turn>', '<turn|>'] },
  {
    pattern: bar('im_end|eot_id|eom_id|endoftext|end_of_text|end|return|eot|END_OF_TURN_TOKEN|END_RESPONSE'),
    kind: 'end_of_turn',
    family: 'ChatML/Qwen, Llama 3, gpt-oss, Cohere',
    examples: [
      '<|im_end|>',
      '<|eot_id|>',
      '<|eom_id|>',
      '<|endoftext|>',
      '<|end|>',
      '<|return|>',
      '<|END_OF_TURN_TOKEN|>',
    ],
  },
  {
    pattern: bar(
      'im_start|im_middle|im_user|im_assistant|im_system|start_header_id|end_header_id|begin_of_text|start|message|user|assistant|system|START_OF_TURN_TOKEN|START_RESPONSE|START_TEXT|END_TEXT',
    ),
    kind: 'turn_header',
    family: 'ChatML/Qwen, Kimi, Llama 3, gpt-oss, Phi, Cohere',
    examples: ['<|im_start|>', '<|start_header_id|>', '<|end_header_id|>', '<|start|>', '<|message|>', '<|im_middle|>'],
  },
  {
    pattern: bar(
      'python_tag|python_start|python_end|tool_call|tool_calls_section_begin|tool_calls_section_end|tool_call_section_begin|tool_call_section_end|tool_call_begin|tool_call_end|tool_call_argument_begin|tool_call_start|constrain|call|START_ACTION|END_ACTION',
    ),
    kind: 'tool_call',
    family: 'Llama 3/4, Granite, Kimi K2, LFM2, gpt-oss, Cohere',
    examples: [
      '<|python_tag|>',
      '<|python_start|>',
      '<|tool_call|>',
      '<|tool_call_begin|>',
      '<|constrain|>',
      '<|call|>',
    ],
  },
  {
    pattern: bar('channel|START_THINKING|END_THINKING'),
    kind: 'reasoning',
    family: 'gpt-oss harmony, Cohere',
    examples: ['<|channel|>', '<|START_THINKING|>', '<|END_THINKING|>'],
  },
  {
    pattern: bar('image|image_pad|vision_start|vision_end|video_pad'),
    kind: 'media',
    family: 'Qwen-VL, Llama 4',
    examples: ['<|image|>', '<|vision_start|>'],
  },
  {
    pattern: fullWidth(`tool${ds}calls?${ds}(?:begin|end)|tool${ds}(?:sep|outputs?${ds}(?:begin|end))|tool${ds}calls`),
    kind: 'tool_call',
    family: 'DeepSeek V3/R1/V3.1',
    examples: [
      '<｜tool▁calls▁begin｜>',
      '<｜tool▁call▁begin｜>',
      '<｜tool▁sep｜>',
      '<｜tool▁call▁end｜>',
      '<｜tool▁outputs▁end｜>',
    ],
  },
  {
    pattern: '</?｜DSML｜[A-Za-z_]+(?:\\s[^<>\\n]{0,120})?>',
    kind: 'tool_call',
    family: 'DeepSeek V3.2/V4 DSML (F37)',
    examples: ['<｜DSML｜tool_calls>', '</｜DSML｜invoke>', '<｜DSML｜invoke name="Skill">', '</｜DSML｜parameter>'],
  },
  {
    pattern: fullWidth(`end${ds}of${ds}sentence`),
    kind: 'end_of_turn',
    family: 'DeepSeek',
    examples: ['<｜end▁of▁sentence｜>'],
  },
  {
    pattern: fullWidth(`begin${ds}of${ds}sentence|User|Assistant`),
    kind: 'turn_header',
    family: 'DeepSeek',
    examples: ['<｜begin▁of▁sentence｜>', '<｜User｜>', '<｜Assistant｜>'],
  },
  {
    pattern: '\\[/?(?:TOOL_CALLS|ARGS|CALL_ID|TOOL_RESULTS|AVAILABLE_TOOLS|TOOL_CONTENT)\\]',
    kind: 'tool_call',
    family: 'Mistral (tokenizer v3+)',
    examples: ['[TOOL_CALLS]', '[ARGS]', '[CALL_ID]', '[/TOOL_RESULTS]', '[AVAILABLE_TOOLS]'],
  },
  { pattern: '\\[/?THINK\\]', kind: 'reasoning', family: 'Mistral (Magistral)', examples: ['[THINK]', '[/THINK]'] },
  {
    pattern: '\\[/?(?:INST|SYSTEM_PROMPT)\\]',
    kind: 'turn_header',
    family: 'Mistral',
    examples: ['[INST]', '[/INST]', '[SYSTEM_PROMPT]'],
  },
  {
    pattern: '\\[(?:IMG|IMG_BREAK|IMG_END)\\]',
    kind: 'media',
    family: 'Mistral (Pixtral)',
    examples: ['[IMG]', '[IMG_END]'],
  },
  {
    pattern: '<\\|[A-Za-z0-9_.:-]{1,40}\\|>',
    kind: 'other',
    family: 'any <|…|> special token',
    examples: ['<|fim_prefix|>', '<|tool:begin|>'],
  },
  {
    pattern: '<｜[^｜<>\\n]{1,40}｜>',
    kind: 'other',
    family: 'any full-width-bar token (DeepSeek)',
    examples: ['<｜place▁holder▁no▁1｜>'],
  },
];

const source = templateTokenRows.map((row) => row.pattern).join('|');
const anchored = templateTokenRows.map((row) => ({ kind: row.kind, whole: new RegExp(`^(?:${row.pattern})$`) }));

/** A fresh global RegExp matching leaked template tokens (fresh so no lastIndex is shared). */
export function templateTokenRegExp(): RegExp {
  return new RegExp(source, 'g');
}

/** Every leaked template token in `text`, in order of appearance (repeats included). */
export function findTemplateTokens(text: string): string[] {
  if (!text.includes('<') && !text.includes('[')) return [];
  return text.match(templateTokenRegExp()) ?? [];
}

/** `text` without leaked template tokens. */
export function stripTemplateTokens(text: string): string {
  if (!text.includes('<') && !text.includes('[')) return text;
  return text.replace(templateTokenRegExp(), '');
}

/** What a token found by `findTemplateTokens` is; `other` for a token no specific row names. */
export function templateTokenKind(token: string): TemplateTokenKind {
  return anchored.find((row) => row.whole.test(token))?.kind ?? 'other';
}

// The longest token the table can match is a DSML tag with its attributes (~140 characters); a
// tail longer than that after a "<" or "[" cannot become a token any more.
const maxTokenLength = 160;
const possibleTokenStart = /^(?:<(?:\/|\||｜|[A-Za-z_])?[^<>\s]*|<\/?｜DSML｜[^<>\n]*|\[\/?[A-Z_]*)$/;

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
      if (!joined.includes('<') && !joined.includes('[')) {
        pending = '';
        return joined;
      }
      const stripped = stripTemplateTokens(joined);
      const lastOpen = Math.max(stripped.lastIndexOf('<'), stripped.lastIndexOf('['));
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
