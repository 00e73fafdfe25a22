/**
 * Parser for Claude Code's `--output-format stream-json --verbose` output (one JSON event per
 * line). Only the parts the agent runner uses are typed; unknown events are skipped. Pure.
 */
import { finiteNumber, isRecord } from '../../core/json.ts';

export interface StreamInit {
  cwd: string | null;
  sessionId: string | null;
  model: string | null;
  permissionMode: string | null;
  version: string | null;
  tools: string[];
}

export interface StreamToolUse {
  id: string;
  name: string;
  input: unknown;
}

/** What Claude Code fed back to the model for one tool call (a `user` event's tool_result). */
export interface StreamToolResult {
  toolUseId: string;
  isError: boolean;
  text: string;
}

export interface StreamPermissionDenial {
  toolName: string;
  toolUseId: string;
  message: string;
}

export interface StreamResult {
  isError: boolean;
  subtype: string | null;
  /** completed, max_turns, api_error, prompt_too_long, malformed_tool_use_exhausted, … */
  terminalReason: string | null;
  apiErrorStatus: number | null;
  numTurns: number | null;
  durationMs: number | null;
  result: string;
  errors: string[];
}

export interface ClaudeStream {
  init: StreamInit | null;
  /** Model text blocks as Claude Code received them, in order. */
  texts: string[];
  toolUses: StreamToolUse[];
  toolResults: StreamToolResult[];
  permissionDenials: StreamPermissionDenial[];
  /** Messages Claude Code synthesised for API failures (`is_api_error_message`). */
  apiErrors: string[];
  result: StreamResult | null;
  /** Lines that were not JSON (a crash message, a truncated last line). */
  unparsedLines: string[];
}

type Json = Record<string, unknown>;

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Flatten a tool_result's content (string or blocks) to text. */
export function toolResultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((block) => (isRecord(block) && typeof block.text === 'string' ? block.text : ''))
    .filter((text) => text !== '')
    .join('\n');
}

/** Parse the whole stream-json text of one CLI run. */
export function parseClaudeStream(text: string): ClaudeStream {
  const stream: ClaudeStream = {
    init: null,
    texts: [],
    toolUses: [],
    toolResults: [],
    permissionDenials: [],
    apiErrors: [],
    result: null,
    unparsedLines: [],
  };
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch {
      stream.unparsedLines.push(line);
      continue;
    }
    if (isRecord(event)) readEvent(stream, event);
  }
  return stream;
}

function readEvent(stream: ClaudeStream, event: Json): void {
  const message = isRecord(event.message) ? event.message : null;
  const content = message !== null && Array.isArray(message.content) ? message.content.filter(isRecord) : [];
  switch (event.type) {
    case 'system':
      if (event.subtype === 'init') stream.init = readInit(event);
      if (event.subtype === 'permission_denied') {
        stream.permissionDenials.push({
          toolName: str(event.tool_name) ?? '',
          toolUseId: str(event.tool_use_id) ?? '',
          message: str(event.message) ?? str(event.decision_reason) ?? '',
        });
      }
      return;
    case 'assistant':
      if (event.is_api_error_message === true) {
        stream.apiErrors.push(content.map((block) => str(block.text) ?? '').join(''));
        return;
      }
      for (const block of content) {
        if (block.type === 'text' && typeof block.text === 'string') stream.texts.push(block.text);
        if (block.type === 'tool_use')
          stream.toolUses.push({ id: str(block.id) ?? '', name: str(block.name) ?? '', input: block.input });
      }
      return;
    case 'user':
      for (const block of content) {
        if (block.type !== 'tool_result') continue;
        stream.toolResults.push({
          toolUseId: str(block.tool_use_id) ?? '',
          isError: block.is_error === true,
          text: toolResultText(block.content),
        });
      }
      return;
    case 'result':
      stream.result = {
        isError: event.is_error === true,
        subtype: str(event.subtype),
        terminalReason: str(event.terminal_reason),
        apiErrorStatus: finiteNumber(event.api_error_status),
        numTurns: finiteNumber(event.num_turns),
        durationMs: finiteNumber(event.duration_ms),
        result: str(event.result) ?? '',
        errors: Array.isArray(event.errors) ? event.errors.filter((e): e is string => typeof e === 'string') : [],
      };
      return;
    default:
      return;
  }
}

function readInit(event: Json): StreamInit {
  return {
    cwd: str(event.cwd),
    sessionId: str(event.session_id),
    model: str(event.model),
    permissionMode: str(event.permissionMode),
    version: str(event.claude_code_version),
    tools: Array.isArray(event.tools) ? event.tools.filter((t): t is string => typeof t === 'string') : [],
  };
}
