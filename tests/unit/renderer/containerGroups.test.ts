import { describe, expect, it } from 'vitest';
import { groupContainers, matchesFilter, type ListItem } from '../../../src/renderer/src/containers/containerGroups';
import { container } from '../../fixtures/builders/sharedModels';

/** The list as the page draws it: a header per project, then its rows. */
const rows = (items: ListItem[]) =>
  items.map((item) => (item.kind === 'group' ? `# ${item.project}` : item.container.name));

describe('the containers list grouped by Compose project', () => {
  it('puts each project under its header, projects by name, then the other containers in the order given', () => {
    const items = groupContainers([
      container({ id: 'a1', name: 'loose-new' }),
      container({ id: 'b1', name: 'web-1', composeProject: 'web', composeService: 'app' }),
      container({ id: 'c1', name: 'api-db', composeProject: 'api', composeService: 'db' }),
      container({ id: 'a2', name: 'loose-old' }),
      container({ id: 'b2', name: 'web-2', composeProject: 'web', composeService: 'proxy' }),
      container({ id: 'c2', name: 'api-app', composeProject: 'api', composeService: 'app' }),
    ]);
    expect(rows(items)).toEqual(['# api', 'api-db', 'api-app', '# web', 'web-1', 'web-2', 'loose-new', 'loose-old']);
  });

  it('gives each header the containers drawn under it', () => {
    const one = container({ id: 'b1', name: 'web-1', composeProject: 'web' });
    const two = container({ id: 'b2', name: 'web-2', composeProject: 'web' });
    const [header] = groupContainers([one, two]);
    expect(header).toEqual({ kind: 'group', project: 'web', containers: [one, two] });
  });

  it('draws no header when no container belongs to a project, and nothing for no containers', () => {
    const items = groupContainers([container({ id: 'a1', name: 'one' }), container({ id: 'a2', name: 'two' })]);
    expect(items.every((item) => item.kind === 'container')).toBe(true);
    expect(rows(items)).toEqual(['one', 'two']);
    expect(groupContainers([])).toEqual([]);
  });
});

describe('the containers filter', () => {
  const redis = container({
    id: '3f2a9c0d1e',
    name: 'My-Redis',
    image: 'Redis:7-alpine',
    ports: [{ privatePort: 6379, publicPort: 16379, type: 'tcp', ip: '0.0.0.0' }],
    composeProject: 'Cache',
  });
  const unpublished = container({
    id: '9e8d7c',
    name: 'worker',
    image: 'busybox',
    ports: [{ privatePort: 8080, publicPort: null, type: 'tcp', ip: null }],
  });

  it('keeps everything when the filter is empty or only spaces', () => {
    expect(matchesFilter(redis, '')).toBe(true);
    expect(matchesFilter(redis, '   ')).toBe(true);
  });

  it('finds a name, an image and a Compose project in any case, with spaces around ignored', () => {
    expect(matchesFilter(redis, 'my-redis')).toBe(true);
    expect(matchesFilter(redis, ' REDIS:7 ')).toBe(true);
    expect(matchesFilter(redis, 'cache')).toBe(true);
    expect(matchesFilter(unpublished, 'cache')).toBe(false);
  });

  it('finds an id by its beginning only, as docker does', () => {
    expect(matchesFilter(redis, '3f2a')).toBe(true);
    expect(matchesFilter(redis, '9c0d')).toBe(false);
  });

  it('finds a published port and a container port; an unpublished port has no host side', () => {
    expect(matchesFilter(redis, '16379')).toBe(true);
    expect(matchesFilter(redis, '6379')).toBe(true);
    expect(matchesFilter(unpublished, '8080')).toBe(true);
    expect(matchesFilter(unpublished, 'null')).toBe(false);
  });

  it('drops a container that matches nothing', () => {
    expect(matchesFilter(redis, 'postgres')).toBe(false);
  });
});
