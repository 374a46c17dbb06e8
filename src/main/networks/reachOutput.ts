import type { NetworkReachResult } from '../../shared/networks';

/** The three ways to ask "what address is this name?" inside a container, best first. */
export const reachTools = {
  ping: (to: string) => ['ping', '-c1', '-W2', to],
  nslookup: (to: string) => ['nslookup', to],
  getent: (to: string) => ['getent', 'hosts', to],
} as const;
export type ReachTool = keyof typeof reachTools;

export interface ToolRun {
  exitCode: number | null;
  /** stdout and stderr together, as a terminal shows them. */
  output: string;
}

export type ToolVerdict =
  { missing: true } | { missing: false; outcome: NetworkReachResult['outcome']; address: string | null };

/**
 * Whether the program is not in the container at all: the runtime's "executable file not found"
 * (dockerd: exit 126, Podman: 127) or a shell's "not found".
 */
function toolMissing(run: ToolRun): boolean {
  if (run.exitCode === 126 || run.exitCode === 127) return true;
  return (
    /executable file not found|no such file or directory|: not found$/im.test(run.output) && !/^PING /m.test(run.output)
  );
}

const ipv4 = String.raw`\d{1,3}(?:\.\d{1,3}){3}`;
const address = String.raw`(?:${ipv4}|[0-9a-fA-F:]*:[0-9a-fA-F:.]+)`;

/** What one tool's run says: the name's address, and whether it answered (ping only). */
export function readToolRun(tool: ReachTool, run: ToolRun): ToolVerdict {
  if (toolMissing(run)) return { missing: true };
  const { output } = run;
  if (tool === 'ping') {
    // busybox "PING web (172.18.0.3): 56 data bytes", iputils "PING web (172.18.0.3) 56(84) bytes of data."
    const resolved = new RegExp(String.raw`^PING \S+ \((${address})\)`, 'm').exec(output);
    if (!resolved) return { missing: false, outcome: 'no-name', address: null };
    const answered = run.exitCode === 0 || /\b[1-9]\d* (?:packets )?received\b/.test(output);
    return { missing: false, outcome: answered ? 'resolved' : 'no-answer', address: resolved[1]! };
  }
  if (tool === 'nslookup') {
    // The server's own "Address: 10.0.0.53:53" comes first; the answer follows "Name:".
    const answer = new RegExp(String.raw`^Name:\s*\S+\s*\n\s*Address(?: \d+)?:\s*(${address})\s*$`, 'm').exec(output);
    return answer
      ? { missing: false, outcome: 'resolved', address: answer[1]! }
      : { missing: false, outcome: 'no-name', address: null };
  }
  const line = new RegExp(String.raw`^(${address})\s+\S`, 'm').exec(output);
  return line && run.exitCode === 0
    ? { missing: false, outcome: 'resolved', address: line[1]! }
    : { missing: false, outcome: 'no-name', address: null };
}
