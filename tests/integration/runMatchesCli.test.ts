import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PullManager } from '../../src/main/images/pullManager';
import { RunService } from '../../src/main/run/runService';
import { dockerRunCommand } from '../../src/shared/dockerRunCommand';
import { BIND_SOURCE_MISSING, runInputSchema, type RunFlow, type RunInput } from '../../src/shared/run';
import { docker, dockerQuiet, engineFamily, imageExists, requireEngine } from '../fixtures/dockerCli';
import { engineClient } from '../fixtures/engineClient';
import { waitForValue } from '../fixtures/waitFor';

/**
 * The run dialog and its copied `docker run` line must make the same container. Each case starts one
 * configuration both ways, from Berth's RunService with the request and with the copied line through
 * the real docker CLI (in /bin/sh, as a terminal would), and compares `docker inspect` of the two.
 * The same file runs on dockerd and on Podman (DOCKER_HOST).
 */

interface Inspected {
  Config: { Image: string; Cmd: string[] | null };
  Mounts: Array<{ Type: string; Name?: string; Source: string; Destination: string; RW: boolean }>;
}

function inspect(name: string): Inspected {
  return (JSON.parse(docker('inspect', name)) as Inspected[])[0]!;
}

/** What both sides must agree on: the image, the command and each mount's type, source, target and RW. */
function comparable(container: Inspected) {
  return {
    image: container.Config.Image,
    cmd: container.Config.Cmd,
    mounts: container.Mounts.map((mount) => ({
      type: mount.Type,
      // A named volume's Source is where the engine keeps it; its name is what was asked for.
      source: mount.Type === 'volume' ? mount.Name : mount.Source,
      destination: mount.Destination,
      rw: mount.RW,
    })).sort((a, b) => a.destination.localeCompare(b.destination)),
  };
}

describe.skipIf(!requireEngine.available)('the run dialog and its copied docker run line agree', () => {
  let client: Docker;
  let service: RunService;
  let family: 'docker' | 'podman';
  let folder: string;
  const suffix = randomBytes(4).toString('hex');
  const names: string[] = [];
  const volumes: string[] = [];
  let cases = 0;

  beforeAll(() => {
    client = engineClient();
    service = new RunService({ getClient: () => client, pulls: new PullManager({ getClient: () => client }) });
    family = engineFamily();
    if (!imageExists('busybox')) docker('pull', '-q', 'busybox');
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-runcli-'));
  });

  afterEach(() => {
    for (const name of names.splice(0)) dockerQuiet('rm', '-f', name);
    for (const volume of volumes.splice(0)) dockerQuiet('volume', 'rm', '-f', volume);
  });

  afterAll(() => {
    service?.dispose();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  function finished(runId: string): Promise<RunFlow> {
    const watched = {
      current: () => service.flow(runId),
      subscribe: (listener: (flow: RunFlow) => void) => service.onFlow(runId, listener),
    };
    return waitForValue('the run', watched, (flow) => flow.state === 'exited' || flow.state === 'failed', {
      timeoutMs: 60_000,
    });
  }

  /**
   * Runs `input` from Berth (named …-berth) and as the copied line (named …-cli): the same request
   * but for the name. Input is what the dialog sends (the Command field as a line).
   */
  async function runBoth(input: RunInput) {
    cases += 1;
    const berthName = `berthrc-${suffix}-${cases}-berth`;
    const cliName = `berthrc-${suffix}-${cases}-cli`;
    names.push(berthName, cliName);
    const { runId } = await service.start(runInputSchema.parse({ ...input, name: berthName }));
    const flow = await finished(runId);
    const line = dockerRunCommand(runInputSchema.parse({ ...input, name: cliName }));
    const cli = spawnSync('/bin/sh', ['-c', line], { encoding: 'utf8', env: process.env });
    return { flow, line, cli, berthName, cliName };
  }

  it('(18) a ":" in a folder or container path: the same mount both ways, and /data:ro stays read-write', async () => {
    const colonFolder = path.join(folder, 'a:b');
    const plain = path.join(folder, 'plain');
    fs.mkdirSync(colonFolder);
    fs.mkdirSync(plain);
    const { flow, line, cli, berthName, cliName } = await runBoth({
      image: 'busybox',
      command: ['true'],
      volumes: [
        { kind: 'bind', hostPath: colonFolder, containerPath: '/data:ro', confirmed: true },
        { kind: 'bind', hostPath: plain, containerPath: '/ro', readOnly: true, confirmed: true },
      ],
    });
    expect(flow).toMatchObject({ state: 'exited', exitCode: 0 });
    expect(cli.status, `${line}\n${cli.stderr}`).toBe(0);
    const berth = comparable(inspect(berthName));
    expect(comparable(inspect(cliName))).toEqual(berth);
    expect(berth.mounts).toEqual([
      { type: 'bind', source: colonFolder, destination: '/data:ro', rw: true },
      { type: 'bind', source: plain, destination: '/ro', rw: false },
    ]);
  });

  it('(18) a comma, a double quote and spaces in the paths: --mount’s CSV quoting carries them', async () => {
    const odd = path.join(folder, 'a,b "c" d');
    fs.mkdirSync(odd);
    const { flow, line, cli, berthName, cliName } = await runBoth({
      image: 'busybox',
      command: ['true'],
      volumes: [{ kind: 'bind', hostPath: odd, containerPath: '/in side,x', confirmed: true }],
    });
    if (family === 'podman') {
      // Podman's compatible service writes the mount back out as CSV without quoting, and refuses
      // its own text ("bare \" in non-quoted-field"): the dialog and the line fail alike.
      expect(flow).toMatchObject({ state: 'failed', steps: { create: 'failed' } });
      expect(flow.error?.message).toContain('fill out specgen');
      expect(cli.status).not.toBe(0);
      expect(cli.stderr).toContain('fill out specgen');
      return;
    }
    expect(flow).toMatchObject({ state: 'exited', exitCode: 0 });
    expect(cli.status, `${line}\n${cli.stderr}`).toBe(0);
    const berth = comparable(inspect(berthName));
    expect(comparable(inspect(cliName))).toEqual(berth);
    expect(berth.mounts).toEqual([{ type: 'bind', source: odd, destination: '/in side,x', rw: true }]);
  });

  it('(18) a read-only named volume', async () => {
    const volume = `berthrc-${suffix}-data`;
    volumes.push(volume);
    const { flow, line, cli, berthName, cliName } = await runBoth({
      image: 'busybox',
      command: ['true'],
      volumes: [{ kind: 'named', name: volume, containerPath: '/data', readOnly: true }],
    });
    expect(flow).toMatchObject({ state: 'exited', exitCode: 0 });
    expect(cli.status, `${line}\n${cli.stderr}`).toBe(0);
    const berth = comparable(inspect(berthName));
    expect(comparable(inspect(cliName))).toEqual(berth);
    expect(berth.mounts).toEqual([{ type: 'volume', source: volume, destination: '/data', rw: false }]);
  });

  it('(18) a folder that does not exist: refused before anything is created, as the copied line is', async () => {
    const missing = path.join(folder, 'not-there');
    const berthName = `berthrc-${suffix}-missing-berth`;
    const cliName = `berthrc-${suffix}-missing-cli`;
    names.push(berthName, cliName);
    const input: RunInput = {
      image: 'busybox',
      command: ['true'],
      volumes: [{ kind: 'bind', hostPath: missing, containerPath: '/data', confirmed: true }],
    };
    await expect(service.start(runInputSchema.parse({ ...input, name: berthName }))).rejects.toMatchObject({
      code: 'invalid-input',
      message: `The folder ${missing} does not exist on this computer.`,
      issues: [{ path: 'volumes.0.hostPath', message: BIND_SOURCE_MISSING }],
    });
    expect(dockerQuiet('inspect', berthName)).toBe('');
    expect(fs.existsSync(missing)).toBe(false);

    const line = dockerRunCommand(runInputSchema.parse({ ...input, name: cliName }));
    const cli = spawnSync('/bin/sh', ['-c', line], { encoding: 'utf8', env: process.env });
    if (family === 'podman') {
      // Podman's compatible service makes a missing bind source (podman itself refuses it, as
      // dockerd does): here the terminal goes further than Berth, which asks for the folder first.
      expect(cli.status, cli.stderr).toBe(0);
      expect(fs.existsSync(missing)).toBe(true);
      return;
    }
    expect(cli.status).not.toBe(0);
    expect(cli.stderr).toContain(`bind source path does not exist: ${missing}`);
    expect(dockerQuiet('inspect', cliName)).toBe('');
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('(19) the Command field split like a shell: the same words reach the container both ways', async () => {
    const typed = String.raw`sh -c 'printf "%s|" "$@"' x "a\nb" 'c\d' e\ f "q\"uote" ''`;
    const words = ['sh', '-c', 'printf "%s|" "$@"', 'x', String.raw`a\nb`, String.raw`c\d`, 'e f', 'q"uote', ''];
    const { flow, line, cli, berthName, cliName } = await runBoth({ image: 'busybox', command: typed });
    expect(flow).toMatchObject({ state: 'exited', exitCode: 0 });
    expect(cli.status, `${line}\n${cli.stderr}`).toBe(0);
    const berth = comparable(inspect(berthName));
    expect(comparable(inspect(cliName))).toEqual(berth);
    expect(berth.cmd).toEqual(words);
    // And what the container printed.
    const printed = String.raw`a\nb|c\d|e f|q"uote||`;
    expect(flow.output.map((output) => output.text).join('\n')).toBe(printed);
    expect(cli.stdout).toBe(printed);
  });

  it('(19) what a shell refuses, Berth refuses too, saying where; neither creates a container', () => {
    for (const [typed, message] of [
      ['sh -c "echo hi', 'command:unterminated-double-quote:7'],
      ["echo 'it", 'command:unterminated-single-quote:6'],
    ] as const) {
      const parsed = runInputSchema.safeParse({ image: 'busybox', command: typed });
      expect(parsed.success, typed).toBe(false);
      expect(parsed.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([[['command'], message]]);

      const name = `berthrc-${suffix}-refused`;
      names.push(name);
      const cli = spawnSync('/bin/sh', ['-c', `docker run --name ${name} busybox ${typed}`], { encoding: 'utf8' });
      expect(cli.status, typed).not.toBe(0);
      expect(cli.stderr.toLowerCase()).toMatch(/unterminated|unexpected eof|syntax error/);
      expect(dockerQuiet('inspect', name)).toBe('');
    }
  });

  it('(23) Config.Image is the image as typed, as docker run stores it', async () => {
    for (const typed of ['busybox', 'busybox:latest']) {
      const { flow, line, cli, berthName, cliName } = await runBoth({ image: typed, command: ['true'] });
      expect(line).toBe(`docker run --name ${cliName} ${typed} true`);
      expect(flow.state).toBe('exited');
      expect(cli.status, cli.stderr).toBe(0);
      const image = inspect(berthName).Config.Image;
      expect(inspect(cliName).Config.Image).toBe(image);
      // dockerd keeps the words; Podman always records the full name, from the CLI as from Berth.
      expect(image).toBe(family === 'podman' ? 'docker.io/library/busybox:latest' : typed);
    }
  });
});
