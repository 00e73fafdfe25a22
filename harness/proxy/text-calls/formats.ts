/**
 * The textual tool-call formats, as data: what each looks like, which family writes it, whether
 * it is an envelope, and where its real parser or template lives (repository, path, commit read).
 * `openerRows` says at which markers each is looked for and which reader takes it from there.
 */
import { readBareJson } from './read-bare-json.ts';
import { readBracketCall } from './read-bracket-call.ts';
import { deepseekOpeners, readDeepseek } from './read-deepseek.ts';
import { dsmlOpeners, readDsml } from './read-dsml.ts';
import { readFence } from './read-fence.ts';
import { gemmaCall } from './read-gemma.ts';
import { readHarmony } from './read-harmony.ts';
import { jsonEnvelope } from './read-json-envelope.ts';
import { kimiOpeners, readKimi } from './read-kimi.ts';
import { pythonTag } from './read-llama.ts';
import { readMistral } from './read-mistral.ts';
import { readLfm2, readOlmo3 } from './read-pythonic.ts';
import { readFunctionTag } from './read-qwen-xml.ts';
import { readToolCallTag } from './read-tool-call-tag.ts';
import { type FormatReader, finishCalls, partial } from './reader.ts';
import type { ModelFamily, TextCallFormatId } from './types.ts';

export interface TextCallFormat {
  family: ModelFamily;
  envelope: boolean;
  /** What the format looks like. */
  shape: string;
  /** Where it is defined: repository, path (and the commit read). */
  sources: readonly string[];
}

const ollama = 'ollama/ollama@fb30760996871fa9460115c753afd2c60d4ab0f7';
const llamaCpp =
  'ggml-org/llama.cpp common/chat.cpp (as vendored in ollama/ollama@612c0edd llama/llama.cpp/common/chat.cpp)';

export const textCallFormats: Readonly<Record<TextCallFormatId, TextCallFormat>> = {
  'hermes-json': {
    family: 'qwen',
    envelope: true,
    shape: '<tool_call>{"name": N, "arguments": {…}}</tool_call>',
    sources: [`${ollama} model/parsers/qwen3.go`, 'vllm-project/vllm vllm/tool_parsers/hermes_tool_parser.py'],
  },
  'qwen3-coder-xml': {
    family: 'qwen3-coder',
    envelope: true,
    shape: '<tool_call><function=N><parameter=K>V</parameter></function></tool_call>',
    sources: [`${ollama} model/parsers/qwen3coder.go`, 'vllm-project/vllm vllm/tool_parsers/qwen3coder_tool_parser.py'],
  },
  'qwen3-coder-xml-unwrapped': {
    family: 'qwen3-coder',
    envelope: true,
    shape: '<function=N><parameter=K>V</parameter></function> (no <tool_call>; F07, F08)',
    sources: ['ggml-org/llama.cpp PR#16755', `${llamaCpp} common_chat_parse_hermes_2_pro`],
  },
  'function-tag-json': {
    family: 'functionary',
    envelope: true,
    shape: '<function=N>{…}</function>',
    sources: [`${llamaCpp} common_chat_parse_functionary_v3_1_llama_3_1, common_chat_parse_hermes_2_pro`],
  },
  'glm-xml': {
    family: 'glm',
    envelope: true,
    shape: '<tool_call>N\\n<arg_key>K</arg_key>\\n<arg_value>V</arg_value></tool_call> (or N\\n{…})',
    sources: [
      `${ollama} model/parsers/glm46.go, glm47.go, laguna.go`,
      'vllm-project/vllm vllm/tool_parsers/glm4_moe_tool_parser.py',
    ],
  },
  'granite-json-list': {
    family: 'granite',
    envelope: true,
    shape: '<|tool_call|>[{"name": N, "arguments": {…}}] (Granite 3.0), <tool_call>[…] (3.1)',
    sources: ['vllm-project/vllm@037ed062 vllm/tool_parsers/granite_tool_parser.py'],
  },
  'llama-python-tag': {
    family: 'llama',
    envelope: true,
    shape: '<|python_tag|>{"name": N, "parameters": {…}} or <|python_tag|>N.call(k=v)',
    sources: [`${llamaCpp} common_chat_parse_llama_3_1`, 'vllm-project/vllm vllm/tool_parsers/llama_tool_parser.py'],
  },
  'llama4-python-start': {
    family: 'llama',
    envelope: true,
    shape: '<|python_start|>{"name": N, "parameters": {…}}<|python_end|>',
    sources: ['vllm-project/vllm issue #16214', 'vllm-project/vllm vllm/tool_parsers/llama4_pythonic_tool_parser.py'],
  },
  harmony: {
    family: 'gpt-oss',
    envelope: true,
    shape: '<|start|>assistant<|channel|>commentary to=functions.N <|constrain|>json<|message|>{…}<|call|>',
    sources: [`${ollama} harmony/harmonyparser.go`, 'vllm-project/vllm vllm/tool_parsers/openai_tool_parser.py'],
  },
  'deepseek-v3': {
    family: 'deepseek',
    envelope: true,
    shape:
      '<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>N\\n```json\\n{…}\\n```<｜tool▁call▁end｜>',
    sources: [`${llamaCpp} common_chat_parse_deepseek_r1`, `${ollama} model/parsers/cogito.go`],
  },
  'deepseek-v31': {
    family: 'deepseek',
    envelope: true,
    shape: '<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>N<｜tool▁sep｜>{…}<｜tool▁call▁end｜><｜tool▁calls▁end｜>',
    sources: [`${ollama} model/parsers/deepseek3.go`, 'vllm-project/vllm vllm/tool_parsers/deepseekv31_tool_parser.py'],
  },
  'deepseek-dsml': {
    family: 'deepseek',
    envelope: true,
    shape:
      '<｜DSML｜tool_calls><｜DSML｜invoke name="N"><｜DSML｜parameter name="K" string="true">V</｜DSML｜parameter>…',
    sources: [
      'vllm-project/vllm@0372d7fd vllm/tool_parsers/deepseekv32_tool_parser.py',
      'vllm-project/vllm@15c99cb1 vllm/tool_parsers/deepseekv4_tool_parser.py',
    ],
  },
  'kimi-k2': {
    family: 'kimi',
    envelope: true,
    shape:
      '<|tool_calls_section_begin|><|tool_call_begin|>functions.N:0<|tool_call_argument_begin|>{…}<|tool_call_end|>…',
    sources: ['ggml-org/llama.cpp@2c92078c common/chat-parsers/kimi-k2.cpp'],
  },
  'mistral-args': {
    family: 'mistral',
    envelope: true,
    shape: '[TOOL_CALLS]N[ARGS]{…}',
    sources: [
      `${ollama} model/parsers/ministral.go`,
      'vllm-project/vllm@023f36c6 vllm/tool_parsers/mistral_tool_parser.py',
    ],
  },
  'mistral-json-list': {
    family: 'mistral',
    envelope: true,
    shape: '[TOOL_CALLS][{"name": N, "arguments": {…}}]',
    sources: [`${llamaCpp} common_chat_parse_mistral_nemo`],
  },
  'gemma4-call': {
    family: 'gemma',
    envelope: true,
    shape: '<|tool_call>call:N{k:<|"|>v<|"|>}<tool_call|>',
    sources: [`${ollama} model/parsers/gemma4.go`, 'vllm-project/vllm vllm/tool_parsers/gemma4_tool_parser.py'],
  },
  'functiongemma-call': {
    family: 'gemma',
    envelope: true,
    shape: '<start_function_call>call:N{k:<escape>v<escape>}<end_function_call>',
    sources: [`${ollama} model/parsers/functiongemma.go`],
  },
  'gemma-tool-code': {
    family: 'gemma',
    envelope: true,
    shape: '```tool_code\\nprint(default_api.N(k="v"))\\n```',
    sources: [
      'google-ai-edge/LiteRT-LM@0aac30eb runtime/conversation/model_data_processor/gemma3_data_processor_test.cc',
    ],
  },
  'lfm2-pythonic': {
    family: 'lfm2',
    envelope: true,
    shape: '<|tool_call_start|>[N(k="v")]<|tool_call_end|>',
    sources: [`${ollama} model/parsers/lfm2.go`, 'vllm-project/vllm vllm/tool_parsers/lfm2_tool_parser.py'],
  },
  'olmo3-pythonic': {
    family: 'olmo',
    envelope: true,
    shape: '<function_calls>N(k="v")</function_calls>',
    sources: [`${ollama} model/parsers/olmo3.go`],
  },
  'pythonic-list': {
    family: 'generic',
    envelope: false,
    shape: '[N(k="v"), M(…)] (bare, only with offered names)',
    sources: [
      'ai.google.dev/gemma/docs/capabilities/function-calling (Gemma 3 prompted format)',
      'vllm-project/vllm vllm/tool_parsers/pythonic_tool_parser.py (Llama 3.2), llama4_pythonic_tool_parser.py',
    ],
  },
  'cohere-action': {
    family: 'cohere',
    envelope: true,
    shape: '<|START_ACTION|>[{"tool_call_id": "0", "tool_name": N, "parameters": {…}}]<|END_ACTION|>',
    sources: [`${ollama} model/parsers/cohere.go`, `${llamaCpp} common_chat_parse_command_r7b`],
  },
  'bracket-pseudo-call': {
    family: 'generic',
    envelope: true,
    shape: '[Tool call: N({…})] (also "[Calling tool: …]")',
    sources: [
      'suhaibbinyounis/github-copilot-api-vscode issue #79 (F34)',
      'jundot/omlx issue #159',
      'jjang-ai/vmlx tests (QwenToolParser "[Calling tool: …]")',
    ],
  },
  'bare-json': {
    family: 'generic',
    envelope: false,
    shape: '{"name": N, "arguments"|"parameters": {…}}',
    sources: [
      'musistudio/claude-code-router#376 (F01)',
      'ollama/ollama#11185 (F03)',
      `${llamaCpp} common_chat_parse_llama_3_1`,
    ],
  },
  'fenced-json': {
    family: 'generic',
    envelope: false,
    shape: '```json\\n{"name": N, "arguments": {…}}\\n```',
    sources: [`${llamaCpp} common_chat_parse_hermes_2_pro (block_start)`],
  },
  'shell-fence': {
    family: 'generic',
    envelope: false,
    shape: 'a reply that is only ```bash\\n<command>\\n```',
    sources: ['Luce-Org/lucebox-hub PR#276 (F36)'],
  },
};

/** Markers at which formats are looked for, and the reader that takes over there. */
export interface OpenerRow {
  openers: readonly string[];
  /** The format of the calls found, unless the reader names another (a `<tool_call>` body, say). */
  format: TextCallFormatId;
  read: FormatReader;
}

// `<function=N>…</function>` without `<tool_call>`, maybe followed by the orphan `</tool_call>` (F07).
const readUnwrappedFunction: FormatReader = (input) => {
  const body = readFunctionTag(input, input.at);
  if (body.kind !== 'call') return body.kind === 'partial' ? partial : { kind: 'none' };
  return finishCalls(input, [body.call], ['</tool_call>'], false);
};

/** In order: where two rows' openers match at one place, the earlier row is asked first. */
export const openerRows: readonly OpenerRow[] = [
  { openers: ['<tool_call>'], format: 'hermes-json', read: readToolCallTag },
  { openers: ['<function='], format: 'qwen3-coder-xml-unwrapped', read: readUnwrappedFunction },
  {
    openers: ['<|tool_call|>'],
    format: 'granite-json-list',
    read: jsonEnvelope({ format: 'granite-json-list', closers: [], closeRequired: false, otherBody: 'malformed' }),
  },
  {
    openers: ['<|python_tag|>'],
    format: 'llama-python-tag',
    read: pythonTag({ format: 'llama-python-tag', closers: ['<|eom_id|>', '<|eot_id|>'], closeRequired: false }),
  },
  {
    openers: ['<|python_start|>'],
    format: 'llama4-python-start',
    read: pythonTag({ format: 'llama4-python-start', closers: ['<|python_end|>'], closeRequired: true }),
  },
  { openers: ['<|start|>', '<|channel|>', 'to=functions.'], format: 'harmony', read: readHarmony },
  { openers: deepseekOpeners, format: 'deepseek-v31', read: readDeepseek },
  { openers: dsmlOpeners, format: 'deepseek-dsml', read: readDsml },
  { openers: kimiOpeners, format: 'kimi-k2', read: readKimi },
  { openers: ['[TOOL_CALLS]'], format: 'mistral-args', read: readMistral },
  {
    openers: ['<|tool_call>'],
    format: 'gemma4-call',
    read: gemmaCall({ format: 'gemma4-call', closer: '<tool_call|>', delimiter: '<|"|>' }),
  },
  {
    openers: ['<start_function_call>'],
    format: 'functiongemma-call',
    read: gemmaCall({ format: 'functiongemma-call', closer: '<end_function_call>', delimiter: '<escape>' }),
  },
  { openers: ['<|tool_call_start|>'], format: 'lfm2-pythonic', read: readLfm2 },
  { openers: ['<function_calls>'], format: 'olmo3-pythonic', read: readOlmo3 },
  {
    openers: ['<|START_ACTION|>'],
    format: 'cohere-action',
    read: jsonEnvelope({
      format: 'cohere-action',
      closers: ['<|END_ACTION|>'],
      closeRequired: true,
      otherBody: 'malformed',
    }),
  },
  { openers: ['[Tool call:', '[Tool Call:', '[Calling tool:'], format: 'bracket-pseudo-call', read: readBracketCall },
  { openers: ['```'], format: 'fenced-json', read: readFence },
  { openers: ['{', '['], format: 'bare-json', read: readBareJson },
];

/**
 * Markers that can end a call in some format. The streaming scanner re-reads a long held call
 * when one arrives (see scanner.ts); a format missing here is still found, only later.
 */
export const callClosers: readonly string[] = [
  '</tool_call>',
  '</function>',
  '<|python_end|>',
  '<|eom_id|>',
  '<|eot_id|>',
  '<|call|>',
  '<|end|>',
  '<|return|>',
  '<｜tool▁call▁end｜>',
  '<｜tool▁calls▁end｜>',
  '</｜DSML｜invoke>',
  '<|tool_call_end|>',
  '<|tool_calls_section_end|>',
  '<tool_call|>',
  '<end_function_call>',
  '</function_calls>',
  '<|END_ACTION|>',
  '```',
];
