import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { realHostSystem } from '../../src/main/host/hostSystem';
import type { VolumeListing } from '../../src/shared/volumes';
import { docker, dockerQuiet, imageExists, requireEngine } from '../fixtures/dockerCli';
import { requestError, requestOk } from '../fixtures/faultTools';

// Browsing a volume keeps a helper container on it for a minute between clicks. Removing the volume
// from the Volumes page right after must not be refused as "in use" by Berth's own helper — and a
// container of the user's must still make it so.

const name = `berth-vol-browsed-${process.pid}`;
const userContainer = `berth-vol-browsed-user-${process.pid}`;
const volumeExists = () => dockerQuiet('volume', 'inspect', '--format', '{{.Name}}', name) === name;

describe.skipIf(!requireEngine.available)('removing a volume just browsed', () => {
  let backend: Backend;

  beforeAll(async () => {
    if (!imageExists('busybox:latest')) docker('pull', '-q', 'busybox');
    docker('volume', 'create', name);
    docker('run', '--rm', '-v', `${name}:/d`, 'busybox', 'sh', '-c', 'echo hello > /d/greeting.txt');
    backend = createBackend({ system: realHostSystem(process.env) });
    await backend.start();
    expect(backend.monitor.getStatus().state).toBe('connected');
  });

  afterAll(() => {
    backend?.stop();
    dockerQuiet('rm', '-f', userContainer);
    dockerQuiet('volume', 'rm', '-f', name);
  });

  it("is refused while the user's container uses it, and goes once only Berth's helper is left", async () => {
    const listing = await requestOk<VolumeListing>(backend.server, 'volumes.browse', { name, path: '' });
    expect(listing.entries.map((entry) => entry.name)).toEqual(['greeting.txt']);
    // The helper is there, holding the volume.
    expect(docker('ps', '-q', '--filter', 'label=berth.helper=volume-files', '--filter', `volume=${name}`)).not.toBe(
      '',
    );

    docker('create', '--name', userContainer, '-v', `${name}:/d`, 'busybox', 'true');
    const inUse = await requestError(backend.server, 'volumes.remove', { name, confirm: name });
    expect(inUse.code).toBe('in-use');
    expect(inUse.message).toContain(userContainer);
    expect(volumeExists()).toBe(true);

    docker('rm', userContainer);
    await requestOk(backend.server, 'volumes.browse', { name, path: '' });
    expect(await requestOk(backend.server, 'volumes.remove', { name, confirm: name })).toEqual({ removed: name });
    expect(volumeExists()).toBe(false);
    expect(docker('ps', '-aq', '--filter', 'label=berth.helper=volume-files', '--filter', `volume=${name}`)).toBe('');
  });
});
