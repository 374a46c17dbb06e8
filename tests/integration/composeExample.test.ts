import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComposeFiles } from '../../src/main/compose/composeFiles';
import { requireEngine } from '../fixtures/dockerCli';
import { freePort } from '../fixtures/freePort';
import { waitFor } from '../fixtures/waitFor';

// The example Berth ships, run by the real docker-compose (DOCKER_HOST says which engine: dockerd,
// or Podman in the integration-podman project): up builds the web service, the page counts visits
// in redis; down keeps the named volume, so after up again the count goes on; down -v removes it.
// The copy is opened and its port changed through ComposeFiles, as a learner would in Berth.

const run = promisify(execFile);
const project = `berthtest${process.pid}x`;
const volume = `${project}_counter-data`;

async function compose(folder: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('docker-compose', ['-p', project, ...args], {
    cwd: folder,
    maxBuffer: 16 * 1024 * 1024,
    timeout: 300_000,
  });
  return stdout;
}

async function docker(...args: string[]): Promise<string> {
  return (await run('docker', args, { timeout: 60_000 })).stdout.trim();
}

const composeInstalled = (() => {
  try {
    execFileSync('docker-compose', ['version'], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!requireEngine.available || !composeInstalled)('the visit-counter example, with docker-compose', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-compose-example-'));
  const files = new ComposeFiles({ workDir: root });
  let folder = '';
  let url = '';
  /** Service names resolve on the project's network (Podman with CNI needs the dnsname plugin for it). */
  let namesResolve = true;

  /** The count the page shows, once redis answers (it starts just before the web service). */
  async function visit(): Promise<number> {
    let count: number | null = null;
    await waitFor(
      `the counter page at ${url}`,
      async () => {
        const text = await fetch(url).then(
          (response) => response.text(),
          () => '',
        );
        const match = /Visits: (\d+)/.exec(text);
        count = match ? Number(match[1]) : null;
        return count !== null;
      },
      60_000,
      250,
    );
    return count!;
  }

  beforeAll(async () => {
    const document = await files.openExample({ name: 'visit-counter' });
    folder = document.folder;
    const port = await freePort();
    url = `http://127.0.0.1:${port}/`;
    const main = document.files[0]!;
    expect(main.content).toContain('127.0.0.1:8089:80');
    const saved = await files.save({
      folder,
      file: main.name,
      content: main.content.replace('127.0.0.1:8089:80', `127.0.0.1:${port}:80`),
      version: main.version,
    });
    expect(saved.saved && saved.document.model!.services[0]!.ports).toEqual([`127.0.0.1:${port}:80`]);
  }, 60_000);

  afterAll(async () => {
    if (folder) await compose(folder, 'down', '-v', '--rmi', 'local').catch(() => undefined);
    files.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  }, 180_000);

  /** One more visit: through the page, or (where service names do not resolve) the same INCR sent to redis itself. */
  async function count(): Promise<number> {
    if (namesResolve) return visit();
    let value: number | null = null;
    await waitFor(
      'redis to answer',
      async () => {
        const redis = (await compose(folder, 'ps', '-q', 'redis')).trim();
        const answer = await docker('exec', redis, 'redis-cli', 'INCR', 'visits').catch(() => '');
        value = /^\d+$/.test(answer) ? Number(answer) : null;
        return value !== null;
      },
      60_000,
      250,
    );
    return value!;
  }

  it('builds and starts the project; the page counts each visit', async (context) => {
    await compose(folder, 'up', '-d', '--build');
    const web = (await compose(folder, 'ps', '-q', 'web')).trim();
    // busybox's nslookup fails when one of its two queries (A, AAAA) finds nothing: its output says whether the name resolved.
    const lookup = await run('docker', ['exec', web, 'nslookup', 'redis'], { timeout: 60_000 }).then(
      ({ stdout }) => stdout,
      (error: { stdout?: string }) => error.stdout ?? '',
    );
    namesResolve = /Name:\s*redis/.test(lookup);
    if (!namesResolve && process.env.BERTH_TEST_ENGINE === 'podman') {
      // The testbed's Podman uses CNI without the dnsname plugin: no container finds another by name.
      context.skip('Podman here resolves no service names (CNI without dnsname): the page cannot reach redis');
    }
    const first = await visit();
    expect(await visit()).toBe(first + 1);
  }, 400_000);

  it('keeps the count in the named volume across down and up; down -v removes the volume', async () => {
    const before = await count();
    await compose(folder, 'down');
    expect(await docker('volume', 'ls', '-q', '--filter', `name=${volume}`)).toBe(volume);
    await compose(folder, 'up', '-d');
    expect(await count()).toBe(before + 1);

    await compose(folder, 'down', '-v');
    expect(await docker('volume', 'ls', '-q', '--filter', `name=${volume}`)).toBe('');
  }, 400_000);
});
