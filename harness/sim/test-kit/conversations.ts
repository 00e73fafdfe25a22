/** Test support: build normalised conversations the way each dialect would deliver them. */
import type { SimConversation, SimMessage } from '../types.ts';

export const lruPrompt =
  'Implement a thread-safe LRU cache in Python using collections.OrderedDict and threading.Lock, with type hints ' +
  'and docstrings. Put it in lru_cache.py and five pytest tests in test_lru_cache.py.';
export const fastapiPrompt =
  'Create a small FastAPI app with one GET /health endpoint in app.py, a pytest test in test_app.py, run pytest and fix any failures.';

export interface PastCall {
  name: string;
  input: Record<string, unknown>;
  /** The text Claude Code sent back. */
  result: string;
  /** Anthropic `is_error`; ignored for Ollama, which has no such flag. */
  isError?: boolean;
}

/** A conversation with the given prompt, optional Claude Code environment block, and past tool calls. */
export function conversation(
  prompt: string,
  options: {
    cwd?: string | null;
    tools?: string[];
    history?: PastCall[];
    dialect?: 'anthropic' | 'ollama';
    thinking?: boolean;
    maxTokens?: number | null;
  } = {},
): SimConversation {
  const dialect = options.dialect ?? 'anthropic';
  const messages: SimMessage[] = [{ role: 'user', text: prompt, toolResults: [] }];
  if (options.cwd !== null) {
    messages.push({
      role: 'system',
      text: `# Environment\n - Primary working directory: ${options.cwd ?? '/work/ws'}\n - Platform: linux`,
    });
  }
  for (const [i, call] of (options.history ?? []).entries()) {
    const id = dialect === 'anthropic' ? `toolu_${i}` : null;
    messages.push({
      role: 'assistant',
      text: '',
      thinking: '',
      toolCalls: [{ id, name: call.name, input: call.input }],
    });
    messages.push({
      role: 'user',
      text: '',
      toolResults: [
        {
          callId: id,
          toolName: dialect === 'ollama' ? call.name : null,
          text: call.result,
          errorFlag: dialect === 'anthropic' ? call.isError === true : null,
        },
      ],
    });
  }
  return {
    dialect,
    model: 'sim',
    stream: true,
    system: '',
    messages,
    tools: (options.tools ?? ['Bash', 'Edit', 'Read', 'Write']).map((name) => ({
      name,
      description: '',
      parameters: {},
    })),
    thinking: options.thinking ?? false,
    maxTokens: options.maxTokens ?? null,
    numCtx: null,
    truncate: true,
  };
}
