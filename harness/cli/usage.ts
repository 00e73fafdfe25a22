/** The usage text printed after an argument error and for --help. */
export const benchUsage = `Usage:
  pnpm bench --model <name>[,<name>...] [--task lru-cache|fastapi-smoke|all] [--mode raw|agent|both]
             [--backend ollama|anthropic|openai|sim] [--base-url URL] [--out DIR]
             [--repeat N] [--num-ctx N] [--max-tokens N] [--temperature T] [--timeout SECONDS] [--rescue]
             [--think] [--max-turns N] [--no-fixability] [--python PATH] [--claude-bin PATH]
             [--claude-version V[,V...]] [--loop-limit N] [--sim-dialect ollama|anthropic|openai]
             [--sim-server ollama|llama-server|vllm|lm-studio] [--resume DIR] [--debug]
  pnpm bench proxy --backend ollama|anthropic|openai|sim --base-url URL --model NAME [--port 4000] [--rescue] [--log FILE]
             [--num-ctx N] [--think] [--alias-file FILE]... [--max-concurrency N] [--housekeeping local|model|<small model>]
             [--loop-limit N]
  pnpm bench sim [--port 11435]
  pnpm bench compare <base.json> <head.json> [--fail-on-regression] [--format md|table|json] [--threshold 0.1]
  pnpm bench merge <report.json>... --out DIR
  pnpm bench history <report.json | DIR>... --out DIR

Try it without a model server: pnpm bench --backend sim --model sim-correct,sim-typo
The same model under two Claude Code releases: pnpm bench --model <name> --mode agent --claude-version 2.1.85,pinned`;
