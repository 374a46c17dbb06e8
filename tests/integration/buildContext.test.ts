import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packBuildContext } from '../../src/main/builds/buildContext';
import { EngineMonitor } from '../../src/main/engine/engineMonitor';
import { resolveEndpoint } from '../../src/main/engine/endpoint';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { docker, dockerQuiet, imageExists, requireEngine } from '../fixtures/dockerCli';

/**
 * The context Berth sends, built by the real engine (POST /build through dockerode, as the
 * BuildManager does): what .dockerignore names is not in the image, the rest is.
 */
describe.skipIf(!requireEngine.available)('the build context against the real engine', () => {
  const monitor = new EngineMonitor({ resolveEndpoint: () => resolveEndpoint(realHostSystem(process.env)) });
  const tag = `berth-context-test-${process.pid}:latest`;
  let context: string;

  function write(relative: string, content = 'x'): void {
    const file = path.join(context, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }

  beforeAll(async () => {
    const status = await monitor.start();
    expect(status.state).toBe('connected');
    if (!imageExists('busybox:latest')) docker('pull', '-q', 'busybox');
    context = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-context-build-'));
  });

  afterAll(() => {
    dockerQuiet('rmi', '-f', tag);
    monitor.stop();
    fs.rmSync(context, { recursive: true, force: true });
  });

  it('leaves out of the image what .dockerignore names, and sends links as links', async () => {
    write('Dockerfile', 'FROM busybox\nCOPY . /app\n');
    write('index.html', '<h1>hi</h1>');
    write('src/app.js', 'console.log(1)');
    write('src/debug.log', 'noise');
    write('server.log', 'noise');
    write('logs/keep.log', 'kept');
    write('node_modules/left-pad/index.js', 'module.exports = 1');
    write('.dockerignore', 'node_modules\n**/*.log\n!logs/keep.log\n');
    fs.symlinkSync('/etc/hostname', path.join(context, 'host-link'));

    const packed = await packBuildContext(context, 'Dockerfile');
    const client = monitor.requireClient();
    const stream = await client.buildImage(packed.stream as unknown as NodeJS.ReadableStream, { t: tag });
    const messages = await new Promise<{ stream?: string; error?: string }[]>((resolve, reject) =>
      client.modem.followProgress(stream, (error: Error | null, output: { stream?: string; error?: string }[]) =>
        error ? reject(error) : resolve(output),
      ),
    );
    expect(messages.filter((message) => message.error)).toEqual([]);

    const listed = docker('run', '--rm', tag, 'find', '/app').split('\n').sort();
    expect(listed).toEqual([
      '/app',
      '/app/.dockerignore',
      '/app/Dockerfile',
      '/app/host-link',
      '/app/index.html',
      '/app/logs',
      '/app/logs/keep.log',
      '/app/src',
      '/app/src/app.js',
    ]);
    // The link arrived as a link, pointing where it pointed: /etc/hostname was not copied in.
    expect(docker('run', '--rm', tag, 'readlink', '/app/host-link')).toBe('/etc/hostname');
    expect(packed.files).toBe(6);
  });
});
