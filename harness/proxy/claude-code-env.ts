/** The environment that points the Claude Code CLI at the proxy. */

/**
 * Variables to set for Claude Code: base URL (a session URL works too), a dummy token, every
 * model tier mapped to `model`, and no non-essential traffic or telemetry.
 */
export function claudeCodeEnv(proxyUrl: string, model: string): Record<string, string> {
  return {
    ANTHROPIC_BASE_URL: proxyUrl,
    ANTHROPIC_AUTH_TOKEN: 'dummy',
    ANTHROPIC_MODEL: model,
    ANTHROPIC_DEFAULT_OPUS_MODEL: model,
    ANTHROPIC_DEFAULT_SONNET_MODEL: model,
    ANTHROPIC_DEFAULT_HAIKU_MODEL: model,
    // Older versions name their background model this way.
    ANTHROPIC_SMALL_FAST_MODEL: model,
    CLAUDE_CODE_SUBAGENT_MODEL: model,
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_TELEMETRY: '1',
  };
}
