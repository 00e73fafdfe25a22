/** Tool calls that a model wrote as text: what they are, and what recognising them needs. */

/** One textual tool-call format; `formats.ts` says which model family writes it and where it is defined. */
export type TextCallFormatId =
  | 'hermes-json'
  | 'qwen3-coder-xml'
  | 'qwen3-coder-xml-unwrapped'
  | 'function-tag-json'
  | 'glm-xml'
  | 'granite-json-list'
  | 'llama-python-tag'
  | 'llama4-python-start'
  | 'harmony'
  | 'deepseek-v3'
  | 'deepseek-v31'
  | 'deepseek-dsml'
  | 'kimi-k2'
  | 'mistral-args'
  | 'mistral-json-list'
  | 'gemma4-call'
  | 'functiongemma-call'
  | 'gemma-tool-code'
  | 'lfm2-pythonic'
  | 'olmo3-pythonic'
  | 'pythonic-list'
  | 'cohere-action'
  | 'bracket-pseudo-call'
  | 'bare-json'
  | 'fenced-json'
  | 'shell-fence';

export type ModelFamily =
  | 'qwen'
  | 'qwen3-coder'
  | 'glm'
  | 'granite'
  | 'llama'
  | 'gpt-oss'
  | 'deepseek'
  | 'kimi'
  | 'mistral'
  | 'gemma'
  | 'lfm2'
  | 'olmo'
  | 'cohere'
  | 'functionary'
  | 'generic';

/** What recognising text calls needs from the request. */
export interface TextCallContext {
  /** The names of the tools the request offered. */
  offeredTools: readonly string[];
  /** The offered tool an unoffered name stands for (spelling, namespace, alias tables), or null. */
  mapToolName: (name: string) => string | null;
  /**
   * Offered tools' `input_schema`s by tool name. Optional: formats that write every argument as
   * text (Qwen3-Coder XML, GLM, DSML with `string="false"`) use the declared types to read
   * numbers, booleans, arrays and objects; without a schema those values stay strings.
   */
  inputSchemas?: Readonly<Record<string, unknown>>;
  /** The longest call recognised, in characters from its first marker; default 262 144. */
  maxCallChars?: number;
}

/** How an argument text was read when it was not plain, valid JSON. */
export type ArgumentRepair =
  /** `"arguments": "{\"city\": …}"`: the arguments were a JSON string holding the object. */
  | 'string_arguments_decoded'
  /** Raw newlines or tabs inside JSON strings were escaped before parsing. */
  | 'control_characters_escaped'
  /** The call was a Python dict (`{'name': 'Read', 'arguments': {…}}`), not JSON. */
  | 'python_literal_read'
  /** A Qwen3-Coder `<parameter=…>` ran into `</function>` without its `</parameter>`. */
  | 'parameter_close_missing'
  /** The envelope's closing marker never came; the call ended where its arguments did. */
  | 'close_marker_missing';

interface TextCallSpan {
  format: TextCallFormatId;
  family: ModelFamily;
  /**
   * True when the call sits in an explicit tool-call envelope (`<tool_call>`, `<function=…>`,
   * harmony, Llama python tags, DeepSeek markers, …): it counts whatever its name. False for a
   * bare or fenced JSON object (or a lone shell fence), which counts only when its name is an
   * offered tool or maps to one.
   */
  envelope: boolean;
  /** Exactly `text.slice(start, end)`. Calls that share one envelope split it between them. */
  verbatim: string;
  start: number;
  end: number;
}

interface NamedCall {
  /** The tool name, cleaned of leaked template tokens, `functions.` prefixes and call indexes. */
  name: string;
  /** The name exactly as written. */
  rawName: string;
  /** `name` if offered, else the offered tool it maps to; null when neither. */
  offeredName: string | null;
}

/** A call whose name and arguments were read. */
export interface RecognisedTextCall extends TextCallSpan, NamedCall {
  kind: 'call';
  input: Record<string, unknown>;
  /** Empty when the arguments were valid JSON (or the format's own syntax) as written. */
  repairs: readonly ArgumentRepair[];
}

/** A complete envelope whose arguments (or name) could not be read. */
export interface MalformedTextCall extends TextCallSpan {
  kind: 'malformed';
  name: string | null;
  rawName: string | null;
  offeredName: string | null;
  rawArguments: string;
  error: string;
}

/** An envelope still open when the text ended (cut by max_tokens, or a stop token ate its end). */
export interface IncompleteTextCall extends TextCallSpan {
  kind: 'incomplete';
  name: string | null;
  rawName: string | null;
  offeredName: string | null;
  rawArguments: string;
}

/** A tool call found in text: read, unreadable, or cut off. */
export type TextToolCall = RecognisedTextCall | MalformedTextCall | IncompleteTextCall;

/** A piece of scanned text, in order: text to pass on, or a call taken out of it. */
export type TextCallPiece = { type: 'text'; text: string } | { type: 'call'; call: TextToolCall };

/** What a scanner hands back after a delta (or at the end). */
export interface TextCallScan {
  /** The released text of this step: every `text` piece joined. */
  release: string;
  /** The calls of this step, in order. */
  calls: TextToolCall[];
  /** Text and calls interleaved in stream order (a call can sit between two released texts). */
  pieces: TextCallPiece[];
}
