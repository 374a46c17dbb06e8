import { describe, expect, it, vi } from 'vitest';
import { ContextFollower, type ContextFollowWorld } from '../../src/main/engine/contextFollower';

const CONFIG_DIR = '/home/me/.docker';
const CONFIG = `${CONFIG_DIR}/config.json`;

/** A machine whose files are a map, with one watchable folder whose changes the test fires. */
function fakeWorld(env: Record<string, string | undefined> = {}, watchable = true) {
  const files = new Map<string, string>();
  const watchers = new Map<string, (fileName: string | null) => void>();
  const stops: string[] = [];
  const world: ContextFollowWorld = {
    platform: 'linux',
    env: { HOME: '/home/me', ...env },
    homeDir: '/home/me',
    readTextFile: (filePath) => files.get(filePath) ?? null,
    exists: (filePath) => files.has(filePath),
    watchDirectory(dirPath, onChange) {
      if (!watchable) return null;
      watchers.set(dirPath, onChange);
      return () => {
        watchers.delete(dirPath);
        stops.push(dirPath);
      };
    },
  };
  /** Writes config.json (or removes it) and fires the folder's change, as `docker context use` does. */
  const write = (text: string | null, fileName: string | null = 'config.json', dir = CONFIG_DIR) => {
    const file = `${dir}/config.json`;
    if (text === null) files.delete(file);
    else files.set(file, text);
    watchers.get(dir)?.(fileName);
  };
  return { world, files, watchers, stops, write };
}

function setup(options: { env?: Record<string, string | undefined>; automatic?: boolean; watchable?: boolean } = {}) {
  const fake = fakeWorld(options.env, options.watchable);
  let automatic = options.automatic ?? true;
  const onFollow = vi.fn<(name: string) => void>();
  const follower = new ContextFollower({ world: fake.world, isAutomatic: () => automatic, onFollow });
  return { ...fake, follower, onFollow, setAutomatic: (value: boolean) => (automatic = value) };
}

describe('ContextFollower: `docker context use` moves Berth while the choice is automatic', () => {
  it('follows each change of currentContext, once, and "default" when it is removed', () => {
    const { follower, files, write, onFollow, watchers } = setup();
    files.set(CONFIG, JSON.stringify({ auths: {}, currentContext: 'colima' }));
    follower.start();
    expect([...watchers.keys()]).toEqual([CONFIG_DIR]);
    expect(onFollow).not.toHaveBeenCalled();

    write(JSON.stringify({ auths: {}, currentContext: 'podman' }));
    expect(onFollow).toHaveBeenLastCalledWith('podman');
    // The CLI's write makes several events; the same context again is no change.
    write(JSON.stringify({ auths: {}, currentContext: 'podman' }));
    write(JSON.stringify({ auths: {}, currentContext: 'podman' }), null);
    expect(onFollow).toHaveBeenCalledTimes(1);

    write(JSON.stringify({ auths: {} }));
    expect(onFollow).toHaveBeenLastCalledWith('default');
    write(JSON.stringify({ currentContext: 'colima' }));
    write(null);
    expect(onFollow.mock.calls).toEqual([['podman'], ['default'], ['colima'], ['default']]);
  });

  it('ignores a file caught half written, and other files of the folder', () => {
    const { follower, files, watchers, write, onFollow } = setup();
    files.set(CONFIG, JSON.stringify({ currentContext: 'colima' }));
    follower.start();
    write('');
    write('{"currentContext": "pod');
    expect(onFollow).not.toHaveBeenCalled();
    // The CLI writes a temporary file first, then renames it over config.json: only the rename counts.
    files.set(CONFIG, JSON.stringify({ currentContext: 'podman' }));
    watchers.get(CONFIG_DIR)?.('config.json2718281828');
    expect(onFollow).not.toHaveBeenCalled();
    watchers.get(CONFIG_DIR)?.('config.json');
    expect(onFollow.mock.calls).toEqual([['podman']]);
  });

  it('does not follow while another engine is chosen, nor when DOCKER_HOST or DOCKER_CONTEXT decide', () => {
    const chosen = setup({ automatic: false });
    chosen.follower.start();
    chosen.write(JSON.stringify({ currentContext: 'podman' }));
    expect(chosen.onFollow).not.toHaveBeenCalled();
    // Back to automatic: the next change is followed (the one seen meanwhile is not replayed).
    chosen.setAutomatic(true);
    chosen.write(JSON.stringify({ currentContext: 'colima' }));
    expect(chosen.onFollow.mock.calls).toEqual([['colima']]);

    for (const env of [{ DOCKER_HOST: 'unix:///run/podman.sock' }, { DOCKER_CONTEXT: 'colima' }]) {
      const overridden = setup({ env });
      overridden.follower.start();
      overridden.write(JSON.stringify({ currentContext: 'podman' }));
      expect(overridden.onFollow).not.toHaveBeenCalled();
    }
  });

  it('watches DOCKER_CONFIG when it is set', () => {
    const { follower, watchers, write, onFollow } = setup({ env: { DOCKER_CONFIG: '/tmp/cfg' } });
    follower.start();
    expect([...watchers.keys()]).toEqual(['/tmp/cfg']);
    write(JSON.stringify({ currentContext: 'podman' }), 'config.json', '/tmp/cfg');
    expect(onFollow).toHaveBeenCalledWith('podman');
  });

  it('stops watching on stop, and starts without failing where the folder cannot be watched', () => {
    const { follower, watchers, stops, write, onFollow } = setup();
    follower.start();
    follower.stop();
    expect(watchers.size).toBe(0);
    expect(stops).toEqual([CONFIG_DIR]);
    write(JSON.stringify({ currentContext: 'podman' }));
    expect(onFollow).not.toHaveBeenCalled();

    const unwatchable = setup({ watchable: false });
    expect(() => unwatchable.follower.start()).not.toThrow();
    expect(() => unwatchable.follower.stop()).not.toThrow();
  });
});
