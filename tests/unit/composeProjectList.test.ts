import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import {
  composeLabels,
  logSourceName,
  resolveConfigFiles,
  toComposeProjects,
  withPhases,
  type ComposePhases,
} from '../../src/main/compose/composeProjectList';
import type { ComposeServicePhase } from '../../src/shared/compose';
import type { ContainerInfoJson } from '../../src/main/containers/containerSummary';

/** `docker ps -a` JSON of one docker-compose 1.29.2 project on this machine's dockerd and Podman (app with a health check, job exited 3). */
const ps = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/compose/ps-compose.json'), 'utf8')) as Record<
  'docker' | 'podman',
  ContainerInfoJson[]
>;

/** A row compose v2 would make: absolute config files, several of them. */
function v2Row(overrides: Partial<ContainerInfoJson> & { labels?: Record<string, string> }): ContainerInfoJson {
  const { labels, ...rest } = overrides;
  return {
    Id: 'a'.repeat(64),
    Names: ['/shop-web-1'],
    Image: 'busybox',
    ImageID: 'sha256:' + 'b'.repeat(64),
    Command: 'sleep 3600',
    Created: 1796447435,
    State: 'running',
    Status: 'Up 2 seconds',
    Ports: [],
    Labels: {
      'com.docker.compose.project': 'shop',
      'com.docker.compose.service': 'web',
      'com.docker.compose.container-number': '1',
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.project.working_dir': '/home/me/shop',
      'com.docker.compose.project.config_files': '/home/me/shop/compose.yaml,/home/me/shop/compose.override.yaml',
      'com.docker.compose.version': '2.29.1',
      ...labels,
    },
    ...rest,
  };
}

describe('compose labels', () => {
  it('reads project, service, folder, files and number as docker-compose 1.29 writes them (relative files)', () => {
    expect(composeLabels(ps.docker[0]!.Labels)).toEqual({
      project: 'berthfix30056',
      service: 'app',
      workingDir: '/tmp/cpfix',
      configFiles: ['/tmp/cpfix/compose.yaml'],
      number: 1,
      oneoff: false,
    });
  });

  it('keeps v2’s absolute files, each of the comma-separated ones', () => {
    expect(
      resolveConfigFiles('/home/me/shop/compose.yaml, /home/me/shop/compose.override.yaml', '/home/me/shop'),
    ).toEqual(['/home/me/shop/compose.yaml', '/home/me/shop/compose.override.yaml']);
    expect(resolveConfigFiles('deploy/prod.yaml,compose.yaml', '/srv/app')).toEqual([
      '/srv/app/deploy/prod.yaml',
      '/srv/app/compose.yaml',
    ]);
    expect(resolveConfigFiles(undefined, '/srv/app')).toEqual([]);
    // Without a folder a relative name cannot be placed: kept as written.
    expect(resolveConfigFiles('compose.yaml', null)).toEqual(['compose.yaml']);
  });

  it('is null for a container compose did not make, and says oneoff for `compose run`', () => {
    expect(composeLabels({ 'com.docker.compose.project': 'x' })).toBeNull();
    expect(composeLabels(null)).toBeNull();
    expect(composeLabels(v2Row({ labels: { 'com.docker.compose.oneoff': 'True' } }).Labels)?.oneoff).toBe(true);
  });

  it('names log sources by service, with the number from the second container on', () => {
    expect(logSourceName('web', 1)).toBe('web');
    expect(logSourceName('web', null)).toBe('web');
    expect(logSourceName('web', 2)).toBe('web-2');
  });
});

describe('projects from docker ps -a', () => {
  it.each(['docker', 'podman'] as const)('%s: services by name, with state, exit code, health and number', (engine) => {
    const [project] = toComposeProjects(ps[engine]);
    const name = engine === 'docker' ? 'berthfix30056' : 'berthfixp30056';
    expect(project).toEqual({
      name,
      workingDir: '/tmp/cpfix',
      configFiles: ['/tmp/cpfix/compose.yaml'],
      status: 'partly',
      services: [
        {
          name: 'app',
          // Podman lists docker.io/library/busybox:latest: shown as the user wrote it.
          image: 'busybox',
          phase: null,
          containers: [
            {
              id: expect.any(String),
              name: `${name}_app_1`,
              state: 'running',
              exitCode: null,
              // Podman's list does not say the health in its status words.
              health: engine === 'docker' ? 'healthy' : null,
              number: 1,
            },
          ],
        },
        {
          name: 'job',
          image: 'busybox',
          phase: null,
          containers: [
            { id: expect.any(String), name: `${name}_job_1`, state: 'exited', exitCode: 3, health: null, number: 1 },
          ],
        },
      ],
    });
  });

  it('reads unhealthy and starting health, sorts projects and containers, leaves out `compose run` containers', () => {
    const projects = toComposeProjects([
      v2Row({
        Id: '2'.repeat(64),
        Names: ['/shop-web-2'],
        Status: 'Up 1 second (health: starting)',
        labels: { 'com.docker.compose.container-number': '2' },
      }),
      v2Row({ Id: '1'.repeat(64), Status: 'Up 9 seconds (unhealthy)' }),
      v2Row({ Id: '3'.repeat(64), Names: ['/shop-web-run-1'], labels: { 'com.docker.compose.oneoff': 'True' } }),
      v2Row({
        Id: '4'.repeat(64),
        Names: ['/blog-db-1'],
        State: 'exited',
        Status: 'Exited (137) 1 minute ago',
        labels: { 'com.docker.compose.project': 'blog', 'com.docker.compose.service': 'db' },
      }),
      // Not compose's.
      { ...v2Row({}), Id: '5'.repeat(64), Labels: {} },
    ]);
    expect(projects.map((project) => [project.name, project.status])).toEqual([
      ['blog', 'stopped'],
      ['shop', 'running'],
    ]);
    const shop = projects[1]!;
    expect(shop.configFiles).toEqual(['/home/me/shop/compose.yaml', '/home/me/shop/compose.override.yaml']);
    expect(
      shop.services[0]!.containers.map((container) => [container.name, container.health, container.number]),
    ).toEqual([
      ['shop-web-1', 'unhealthy', 1],
      ['shop-web-2', 'starting', 2],
    ]);
    expect(projects[0]!.services[0]!.containers[0]).toMatchObject({ state: 'exited', exitCode: 137 });
  });

  it('a paused container does not count as running', () => {
    const [project] = toComposeProjects([
      v2Row({}),
      v2Row({
        Id: '9'.repeat(64),
        State: 'paused',
        Status: 'Up 3 seconds (Paused)',
        labels: { 'com.docker.compose.service': 'db' },
      }),
    ]);
    expect(project!.status).toBe('partly');
  });
});

describe('phases laid over the projects', () => {
  const projects = toComposeProjects([v2Row({})]);

  it('sets each service’s phase, and shows a service without a container yet while it has one', () => {
    const [shop] = withPhases(projects, new Map([['shop', { web: 'stopping', db: 'pulling' } as const]]));
    expect(shop!.services.map((service) => [service.name, service.phase, service.containers.length])).toEqual([
      ['db', 'pulling', 0],
      ['web', 'stopping', 1],
    ]);
    // The list it came from is unchanged.
    expect(projects[0]!.services[0]!.phase).toBeNull();
  });

  it('shows a project none of whose containers exist yet, in name order', () => {
    const phases: ComposePhases = new Map<string, Record<string, ComposeServicePhase>>([
      ['aaa', { api: 'building' }],
      ['empty', {}],
    ]);
    const list = withPhases(projects, phases);
    expect(list.map((project) => project.name)).toEqual(['aaa', 'shop']);
    expect(list[0]).toEqual({
      name: 'aaa',
      workingDir: null,
      configFiles: [],
      status: 'stopped',
      services: [{ name: 'api', image: null, containers: [], phase: 'building' }],
    });
  });
});
