import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

/** The testbed's registry, dockerd's mirror (scripts/testbed.sh). */
export const REGISTRY = '127.0.0.1:5000';
/** The images later tests expect to find locally. */
export const TESTBED_IMAGES = ['redis', 'busybox', 'hello-world'] as const;

/** Runs the docker CLI; rejects with its stderr when it fails. */
export function docker(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('docker', args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`docker ${args.join(' ')}: ${stderr.trim() || error.message}`));
      else resolve(stdout.trim());
    });
  });
}

export async function imageExists(reference: string): Promise<boolean> {
  try {
    await docker('image', 'inspect', reference, '--format', '{{.Id}}');
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes the image a reference names, every tag it has and every container made from it, so the
 * next pull must download every layer again.
 */
export async function removeImageCompletely(reference: string): Promise<void> {
  if (!(await imageExists(reference))) return;
  const id = await docker('image', 'inspect', reference, '--format', '{{.Id}}');
  const users = (await docker('ps', '-aq', '--filter', `ancestor=${id}`)).split('\n').filter(Boolean);
  if (users.length > 0) await docker('rm', '-f', ...users);
  try {
    await docker('rmi', '-f', id);
  } catch {
    await docker('rmi', '-f', reference);
  }
  if (await imageExists(reference)) throw new Error(`could not remove ${reference}`);
}

/** `docker image inspect REF --format '{{index .RepoDigests 0}}'`'s digest part (after "@"). */
export async function repoDigest(reference: string): Promise<string | null> {
  const text = await docker('image', 'inspect', reference, '--format', '{{index .RepoDigests 0}}');
  const at = text.indexOf('@');
  return at === -1 ? null : text.slice(at + 1);
}

/** Runs a command and measures its wall time, from spawn to the close of its output. */
export function timeCommand(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ ms: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve({ ms, stdout });
      else reject(new Error(`${file} ${args.join(' ')} exited with ${code}: ${stderr.trim()}`));
    });
  });
}

export async function dockerServerVersion(): Promise<string | null> {
  try {
    return await docker('version', '--format', '{{.Server.Version}}');
  } catch {
    return null;
  }
}

async function registryAnswers(): Promise<boolean> {
  try {
    const response = await fetch(`http://${REGISTRY}/v2/`, { signal: AbortSignal.timeout(3000) });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * The engine and the testbed's registry must answer. When either does not and this is the testbed
 * machine (root, scripts/testbed.sh exists), bring the testbed up first.
 */
export async function ensureTestbed(log: (message: string) => void): Promise<void> {
  if ((await dockerServerVersion()) && (await registryAnswers())) return;
  if (process.getuid?.() !== 0 || !fs.existsSync('scripts/testbed.sh')) {
    throw new Error(`no Docker engine or no registry at ${REGISTRY}: run \`npm run testbed\` first`);
  }
  log('bench: the engine or the registry does not answer; running scripts/testbed.sh');
  await new Promise<void>((resolve, reject) => {
    const child = spawn('bash', ['scripts/testbed.sh'], { stdio: ['ignore', 2, 2] });
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`testbed.sh exited with ${code}`))));
  });
}

/** Leaves redis, busybox and hello-world in the local image cache, pulling whatever is missing. */
export async function restoreTestbedImages(log: (message: string) => void): Promise<void> {
  for (const name of TESTBED_IMAGES) {
    if (await imageExists(name)) continue;
    log(`bench: pulling ${name} back`);
    await docker('pull', name);
  }
}
