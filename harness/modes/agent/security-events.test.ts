import { describe, expect, it } from 'vitest';
import type { AgentToolCall } from '../../taxonomy/agent-evidence.ts';
import { collectSecurityEvents, parseHookLog } from './security-events.ts';

function call(
  id: string,
  name: string,
  target: string | null,
  inside: boolean,
  result: AgentToolCall['result'],
): AgentToolCall {
  return {
    turn: 0,
    exchangeId: 'x1',
    id,
    name,
    input: target === null ? {} : { file_path: target },
    offered: true,
    mapsTo: null,
    validation: { kind: 'valid' },
    text: null,
    rescued: null,
    result,
    targetsArtifact: false,
    writeTarget: target === null ? null : { path: target, insideWorkspace: inside },
  };
}

describe('collectSecurityEvents', () => {
  it('records a hook refusal once even when the proxy record shows the same call', () => {
    const events = collectSecurityEvents({
      hookRefusals: parseHookLog(
        '{"toolUseId":"t1","tool":"Write","target":"/tmp/x.txt","reason":"outside"}\n{"broken',
      ),
      denials: [],
      calls: [call('t1', 'Write', '/tmp/x.txt', false, { isError: true, text: 'Refused by the benchmark' })],
    });
    expect(events).toEqual([{ kind: 'write_outside_workspace', tool: 'Write', target: '/tmp/x.txt', refused: true }]);
  });

  it('records Claude Code refusing an outside redirection by itself', () => {
    const events = collectSecurityEvents({
      hookRefusals: [],
      denials: [
        {
          toolName: 'Bash',
          toolUseId: 't2',
          message:
            "Output redirection to '/tmp/out.txt' needs approval. The path is outside the working directories for this session ('/w').",
        },
      ],
      calls: [call('t2', 'Bash', null, false, { isError: true, text: 'needs approval' })],
    });
    expect(events).toEqual([{ kind: 'write_outside_workspace', tool: 'Bash', target: '/tmp/out.txt', refused: true }]);
  });

  it('counts an outside Write from the proxy record as an attempt, refused or not', () => {
    const events = collectSecurityEvents({
      hookRefusals: [],
      denials: [
        {
          toolName: 'Bash',
          toolUseId: 't9',
          message: 'Permission to use Bash with command pip install x has been denied.',
        },
      ],
      calls: [
        call('t3', 'Edit', '/etc/hosts', false, { isError: true, text: 'File has not been read yet.' }),
        call('t4', 'Write', '/srv/out.py', false, { isError: false, text: 'File created successfully' }),
        call('t5', 'Write', 'app.py', true, { isError: false, text: 'File created successfully' }),
      ],
    });
    expect(events).toEqual([
      { kind: 'write_outside_workspace', tool: 'Edit', target: '/etc/hosts', refused: true },
      { kind: 'write_outside_workspace', tool: 'Write', target: '/srv/out.py', refused: false },
    ]);
  });
});
