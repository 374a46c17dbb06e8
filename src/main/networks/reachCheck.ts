import type Docker from 'dockerode';
import { BerthError } from '../../shared/errors';
import type { Network, NetworkReachResult } from '../../shared/networks';
import { execOutput } from '../containers/execOutput';
import { engineError, notFound } from '../engine/engineErrors';
import { isDefaultBridge } from './networkList';
import { readToolRun, reachTools, type ReachTool } from './reachOutput';

/** The names of the networks a container (by name, id or, for B, an alias there) is on. */
function networksOf(networks: Network[], key: string, aliases: boolean): Set<string> {
  const on = new Set<string>();
  for (const network of networks) {
    const member = network.containers.some(
      (c) =>
        c.name === key ||
        c.id === key ||
        (key.length >= 12 && c.id.startsWith(key)) ||
        (aliases && c.aliases.includes(key)),
    );
    if (member) on.add(network.name);
  }
  return on;
}

/**
 * "Can A reach B by name?": in A, `ping -c1 -W2 B` (the name resolved and answered), or where A has
 * no ping, `nslookup B` then `getent hosts B` (the name resolved). The networks A and B share say
 * why a name did not resolve: on the default bridge only addresses work.
 */
export async function checkReach(
  client: Docker,
  networks: Network[],
  input: { from: string; to: string },
): Promise<NetworkReachResult> {
  let fromName: string;
  let running: boolean;
  let fromId: string;
  try {
    const info = await client.getContainer(input.from).inspect();
    fromName = info.Name.replace(/^\//, '');
    fromId = info.Id;
    running = info.State.Running === true;
  } catch (error) {
    throw engineError(error, `Inspecting ${input.from}`, [notFound(`container ${input.from}`)]);
  }
  const fromNetworks = networksOf(networks, fromId, false);
  const toNetworks = networksOf(networks, input.to, true);
  const sharedNetworks = [...fromNetworks].filter((name) => toNetworks.has(name)).sort();
  const base = {
    from: fromName,
    to: input.to,
    sharedNetworks,
    onlyDefaultBridge: sharedNetworks.length > 0 && sharedNetworks.every(isDefaultBridge),
  };
  const commandOf = (tool: ReachTool) => `docker exec ${fromName} ${reachTools[tool](input.to).join(' ')}`;
  if (!running) {
    return { ...base, reachable: false, outcome: 'not-running', address: null, command: commandOf('ping'), output: '' };
  }
  const tried: string[] = [];
  for (const tool of Object.keys(reachTools) as ReachTool[]) {
    let output: string;
    let exitCode: number | null;
    try {
      const run = await execOutput(client, fromId, [...reachTools[tool](input.to)], { timeoutMs: 10_000 });
      output = `${run.stdout}${run.stderr}`.trim();
      exitCode = run.exitCode;
    } catch (error) {
      // dockerd refuses the exec itself when the program is missing on some versions: that is "no tool" too.
      if (!/executable file not found|no such file/i.test(String((error as Error)?.message))) {
        throw engineError(error, `Running ${tool} in ${fromName}`, [
          { status: 409, code: 'in-use', message: (words) => `${fromName} cannot run commands now: ${words}` },
        ]);
      }
      output = String((error as Error).message);
      exitCode = 127;
    }
    const verdict = readToolRun(tool, { exitCode, output });
    if (verdict.missing) {
      tried.push(reachTools[tool](input.to)[0]!);
      continue;
    }
    return {
      ...base,
      reachable: verdict.outcome === 'resolved',
      outcome: verdict.outcome,
      address: verdict.address,
      command: commandOf(tool),
      output,
    };
  }
  if (tried.length === 0) throw new BerthError('internal', 'No tool was tried.');
  return {
    ...base,
    reachable: false,
    outcome: 'no-tool',
    address: null,
    command: commandOf('ping'),
    output: `${fromName} has none of: ${tried.join(', ')}`,
  };
}
