import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AUTOMATIC_LABEL,
  listDockerContexts,
  listEngineOptions,
  type EngineChoicesWorld,
} from '../../src/main/engine/engineChoices';
import { engineOptionSchema } from '../../src/shared/settings';

const sha256 = (name: string) => createHash('sha256').update(name).digest('hex');
const configDir = '/home/me/.docker';
const metaDir = path.join(configDir, 'contexts', 'meta');

/** meta.json as `docker context create` writes it. */
function meta(name: string, host: string, description?: string): string {
  return JSON.stringify({
    Name: name,
    Metadata: description ? { Description: description } : {},
    Endpoints: { docker: { Host: host, SkipTLSVerify: false } },
  });
}

interface FakeOptions {
  env?: Record<string, string | undefined>;
  /** Contexts by folder name (normally sha256 of the name) → meta.json text. */
  contexts?: Record<string, string>;
  files?: Record<string, string>;
  existing?: string[];
}

function fakeWorld(options: FakeOptions = {}): EngineChoicesWorld {
  const files = new Map(Object.entries(options.files ?? {}));
  for (const [id, text] of Object.entries(options.contexts ?? {})) files.set(path.join(metaDir, id, 'meta.json'), text);
  const existing = new Set([...(options.existing ?? []), ...files.keys()]);
  return {
    platform: 'linux',
    env: options.env ?? {},
    homeDir: '/home/me',
    readTextFile: (filePath) => files.get(filePath) ?? null,
    exists: (filePath) => existing.has(filePath),
    listDirectory(dirPath) {
      const prefix = `${dirPath}/`;
      const names = [...files.keys()]
        .filter((filePath) => filePath.startsWith(prefix))
        .map((filePath) => filePath.slice(prefix.length).split('/')[0] ?? '');
      return [...new Set(names)];
    },
  };
}

const context = (name: string, host: string, description?: string) => ({
  [sha256(name)]: meta(name, host, description),
});

describe('listDockerContexts', () => {
  it('lists every context in contexts/meta/*/meta.json by name, skipping broken ones', () => {
    const world = fakeWorld({
      contexts: {
        ...context('orbstack', 'unix:///Users/me/.orbstack/run/docker.sock'),
        ...context('colima', 'unix:///Users/me/.colima/default/docker.sock', 'colima'),
        [sha256('broken')]: '{not json',
        [sha256('no-host')]: JSON.stringify({ Name: 'no-host', Endpoints: { docker: {} } }),
        [sha256('no-docker')]: JSON.stringify({ Name: 'no-docker', Endpoints: { kubernetes: { Host: 'x' } } }),
        // Stored under a folder that is not sha256(Name): the CLI could not find it by name.
        ['0'.repeat(64)]: meta('misplaced', 'tcp://misplaced:2375'),
        [sha256('')]: meta('', 'tcp://nameless:2375'),
      },
    });
    expect(listDockerContexts(world)).toEqual([
      { name: 'colima', host: 'unix:///Users/me/.colima/default/docker.sock', description: 'colima' },
      { name: 'orbstack', host: 'unix:///Users/me/.orbstack/run/docker.sock', description: null },
    ]);
  });

  it('is empty when there is no contexts folder', () => {
    expect(listDockerContexts(fakeWorld())).toEqual([]);
  });

  it('reads $DOCKER_CONFIG when it is set', () => {
    const world = fakeWorld({
      env: { DOCKER_CONFIG: '/cfg' },
      files: { [path.join('/cfg/contexts/meta', sha256('lab'), 'meta.json')]: meta('lab', 'tcp://lab:2375') },
    });
    expect(listDockerContexts(world).map((entry) => entry.name)).toEqual(['lab']);
  });
});

describe('listEngineOptions', () => {
  const contexts = {
    ...context('remote', 'ssh://deploy@build-box', 'CI machine'),
    ...context('colima', 'unix:///home/me/.colima/default/docker.sock'),
  };

  it('lists automatic, the default context, then every context; all valid options of the contract', () => {
    const world = fakeWorld({ contexts, existing: ['/var/run/docker.sock'] });
    const options = listEngineOptions(world, { kind: 'automatic' });
    expect(options).toEqual([
      {
        choice: { kind: 'automatic' },
        label: AUTOMATIC_LABEL,
        url: 'unix:///var/run/docker.sock',
        description: 'context default',
        active: true,
      },
      {
        choice: { kind: 'context', name: 'default' },
        label: 'default',
        url: 'unix:///var/run/docker.sock',
        description: null,
        active: false,
      },
      {
        choice: { kind: 'context', name: 'colima' },
        label: 'colima',
        url: 'unix:///home/me/.colima/default/docker.sock',
        description: null,
        active: false,
      },
      {
        choice: { kind: 'context', name: 'remote' },
        label: 'remote',
        url: 'ssh://deploy@build-box:22',
        description: 'CI machine',
        active: false,
      },
    ]);
    for (const option of options) expect(engineOptionSchema.parse(option)).toEqual(option);
  });

  it("says where automatic leads and why: DOCKER_HOST, DOCKER_CONTEXT or the CLI's current context", () => {
    const byEnv = fakeWorld({ env: { DOCKER_HOST: 'tcp://10.0.0.2:2375' }, contexts });
    expect(listEngineOptions(byEnv, null)[0]).toMatchObject({ url: 'tcp://10.0.0.2:2375', description: 'DOCKER_HOST' });
    // The default context follows DOCKER_HOST too, as the CLI's does.
    expect(listEngineOptions(byEnv, null)[1]).toMatchObject({ url: 'tcp://10.0.0.2:2375', description: 'DOCKER_HOST' });

    const byContextVariable = fakeWorld({ env: { DOCKER_CONTEXT: 'remote' }, contexts });
    expect(listEngineOptions(byContextVariable, null)[0]).toMatchObject({
      url: 'ssh://deploy@build-box:22',
      description: 'DOCKER_CONTEXT remote',
    });

    const byConfig = fakeWorld({
      contexts,
      files: { [path.join(configDir, 'config.json')]: JSON.stringify({ currentContext: 'colima' }) },
    });
    expect(listEngineOptions(byConfig, null)[0]).toMatchObject({
      url: 'unix:///home/me/.colima/default/docker.sock',
      description: 'context colima',
    });
  });

  it('gives no URL and the reason when automatic finds nothing', () => {
    const [automatic, defaultContext] = listEngineOptions(fakeWorld(), null);
    expect(automatic).toMatchObject({ url: null, description: expect.stringContaining('/var/run/docker.sock') });
    expect(defaultContext).toMatchObject({ url: null, description: expect.stringContaining('No Docker engine') });
  });

  it('marks the chosen context active', () => {
    const world = fakeWorld({ contexts, existing: ['/var/run/docker.sock'] });
    const options = listEngineOptions(world, { kind: 'context', name: 'remote' });
    expect(options.filter((option) => option.active).map((option) => option.label)).toEqual(['remote']);
    const withDefault = listEngineOptions(world, { kind: 'context', name: 'default' });
    expect(withDefault.filter((option) => option.active).map((option) => option.label)).toEqual(['default']);
  });

  it('still lists a chosen context that no longer exists, unresolved, so it can be changed', () => {
    const options = listEngineOptions(fakeWorld({ contexts }), { kind: 'context', name: 'gone' });
    expect(options.at(-1)).toEqual({
      choice: { kind: 'context', name: 'gone' },
      label: 'gone',
      url: null,
      description: expect.stringContaining('"gone" was not found'),
      active: true,
    });
  });

  it('adds the custom address last, only when it is the active choice', () => {
    const world = fakeWorld({ contexts, existing: ['/var/run/docker.sock'] });
    expect(listEngineOptions(world, null).some((option) => option.choice.kind === 'custom')).toBe(false);
    const options = listEngineOptions(world, { kind: 'custom', url: 'ssh://me@box' });
    expect(options.at(-1)).toEqual({
      choice: { kind: 'custom', url: 'ssh://me@box' },
      label: 'ssh://me@box',
      url: 'ssh://me@box:22',
      description: null,
      active: true,
    });
    expect(options.filter((option) => option.active)).toHaveLength(1);
  });

  it('lists a context whose host Berth cannot use with the reason instead of a URL', () => {
    const world = fakeWorld({ contexts: context('odd', 'ftp://odd.example'), existing: ['/var/run/docker.sock'] });
    expect(listEngineOptions(world, null).at(-1)).toMatchObject({
      label: 'odd',
      url: null,
      description: expect.stringContaining('ftp'),
    });
  });
});
