#!/usr/bin/env node
// @ts-check
/**
 * Claude Code PreToolUse hook: refuses tool calls that would write outside the run's workspace
 * and logs every refusal as one JSON line.
 *
 * Usage (from the settings file the agent runner writes):
 *   node contain-workspace.mjs <workspace> <log.jsonl> [allowed outside path]...
 *
 * Plain JavaScript on purpose: Claude Code runs it with bare node for every matching tool call.
 * File tools are judged by their target path; shell commands by every path-like token in them
 * (a heuristic: a command naming no outside path is left to Claude Code's own checks).
 */
import { appendFileSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';

const PATH_FIELDS = ['file_path', 'notebook_path', 'path'];
const COMMAND_FIELDS = ['command'];
// Outside paths a command may name without writing: the null device and standard streams.
const ALWAYS_ALLOWED = ['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/stdin', '/dev/tty'];
// A path-like token: absolute, home-relative, parent-relative, or through a variable.
const PATH_TOKEN = /(?:^|[\s=:<>|;&'"(`,])((?:\/|~|\.\.(?=$|[/\s'"<>|;&)`,])|\$\{?\w+\}?\/)[^\s'"<>|;&)`,]*)/g;

/**
 * Decide one tool call.
 * @param {{tool_name?: string, tool_input?: Record<string, unknown>, cwd?: string}} call
 * @param {string} workspace absolute, resolved
 * @param {string[]} allowed absolute outside paths that may be named
 * @returns {{deny: false} | {deny: true, target: string, reason: string}}
 */
export function judge(call, workspace, allowed) {
  const input = call.tool_input ?? {};
  const cwd = typeof call.cwd === 'string' ? call.cwd : workspace;
  for (const field of PATH_FIELDS) {
    const value = input[field];
    if (typeof value === 'string' && value !== '' && !isInside(workspace, cwd, value)) {
      return {
        deny: true,
        target: value,
        reason: `${call.tool_name ?? 'tool'} target ${value} is outside the workspace ${workspace}`,
      };
    }
  }
  for (const field of COMMAND_FIELDS) {
    const value = input[field];
    if (typeof value !== 'string') continue;
    for (const match of value.matchAll(PATH_TOKEN)) {
      const token = match[1] ?? '';
      if (allowed.includes(token) || ALWAYS_ALLOWED.includes(token)) continue;
      if (isArithmetic(value, match.index ?? 0, match[0], token)) continue;
      // `http://127.0.0.1:8000/health`: the part after a URL scheme is not a path.
      if (match[0].startsWith(':') && token.startsWith('//')) continue;
      if (!isInside(workspace, cwd, token)) {
        return { deny: true, target: token, reason: `command names ${token}, outside the workspace ${workspace}` };
      }
    }
  }
  return { deny: false };
}

/**
 * A bare `/` or `//` between spaces is division in inline code (`python3 -c "print(7 / 2)"`).
 * @param {string} command
 * @param {number} index where the match (with its leading delimiter) starts
 * @param {string} matched
 * @param {string} token
 */
function isArithmetic(command, index, matched, token) {
  if (token !== '/' && token !== '//') return false;
  const before = matched.length > token.length ? matched[0] : '';
  const after = command[index + matched.length] ?? '';
  return before !== undefined && /\s/.test(before) && /\s/.test(after);
}

/**
 * @param {string} workspace
 * @param {string} cwd
 * @param {string} target
 */
function isInside(workspace, cwd, target) {
  if (target.startsWith('~') || target.startsWith('$')) return false;
  const resolved = realpathOfNearest(path.resolve(cwd, target));
  const relative = path.relative(workspace, resolved);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Resolve symlinks of the deepest existing ancestor (a link in the workspace may point out).
 * @param {string} absolute
 */
function realpathOfNearest(absolute) {
  let head = absolute;
  const tail = [];
  for (;;) {
    try {
      return path.join(realpathSync(head), ...tail.reverse());
    } catch {
      const parent = path.dirname(head);
      if (parent === head) return absolute;
      tail.push(path.basename(head));
      head = parent;
    }
  }
}

function main() {
  const [workspaceArg, logFile, ...allowed] = process.argv.slice(2);
  if (!workspaceArg || !logFile) {
    process.stderr.write('usage: contain-workspace.mjs <workspace> <log.jsonl> [allowed path]...\n');
    process.exit(2);
  }
  const workspace = realpathOfNearest(path.resolve(workspaceArg));
  let call;
  try {
    call = JSON.parse(readFileSync(0, 'utf8'));
  } catch (error) {
    // Exit code 2 blocks the tool call: when in doubt, refuse.
    process.stderr.write(`containment hook could not read the tool call: ${String(error)}\n`);
    process.exit(2);
  }
  const verdict = judge(call, workspace, allowed);
  if (!verdict.deny) return;
  const entry = {
    at: new Date().toISOString(),
    toolUseId: call.tool_use_id ?? null,
    tool: call.tool_name ?? null,
    target: verdict.target,
    reason: verdict.reason,
  };
  appendFileSync(logFile, `${JSON.stringify(entry)}\n`);
  const output = {
    hookSpecificOutput: {
      hookEventName: 'PreToolUse',
      permissionDecision: 'deny',
      permissionDecisionReason: `Refused by the benchmark: ${verdict.reason}. Work only inside the current directory.`,
    },
  };
  // No process.exit here: it could cut the answer short on an asynchronous stdout.
  process.stdout.write(JSON.stringify(output));
}

if (process.argv[1]?.endsWith('contain-workspace.mjs')) main();
