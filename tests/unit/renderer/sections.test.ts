import { describe, expect, it } from 'vitest';
import { routeFromHash, routeHash } from '../../../src/renderer/src/app/sections';

describe('routes in the URL hash', () => {
  it('reads a section, and a section with its param', () => {
    expect(routeFromHash('#/images')).toEqual({ section: 'images', param: null });
    expect(routeFromHash('#/hub/library/redis')).toEqual({ section: 'hub', param: 'library/redis' });
    expect(routeFromHash('#/nowhere')).toBeNull();
    expect(routeFromHash('')).toBeNull();
  });

  it('reads a folder to build from #/build/<folder>, as lesson 5 links it and navigate writes it', () => {
    const folder = '/home/me/my site/static-site';
    expect(routeFromHash(`#/build/${encodeURIComponent(folder)}`)).toEqual({ section: 'build', param: folder });
    expect(routeFromHash(routeHash({ section: 'build', param: folder }))).toEqual({ section: 'build', param: folder });
    expect(routeFromHash(`#/build/${encodeURIComponent('C:\\Users\\me\\site')}`)?.param).toBe('C:\\Users\\me\\site');
  });

  it('reads the older volume lesson’s address as lesson 6, ports and volumes', () => {
    expect(routeFromHash('#/lessons/volumes')).toEqual({ section: 'lessons', param: 'portsAndVolumes' });
    expect(routeFromHash('#/lessons/portsAndVolumes')).toEqual({ section: 'lessons', param: 'portsAndVolumes' });
    // Only under lessons: a volume named "volumes" is still itself.
    expect(routeFromHash('#/volumes/volumes')).toEqual({ section: 'volumes', param: 'volumes' });
  });

  it('reads the Hub search words from ?q=', () => {
    expect(routeFromHash('#/hub?q=redis')).toEqual({ section: 'hub', param: null, query: 'redis' });
    expect(routeFromHash('#/hub?q=bitnami%2Fredis%20sentinel')).toEqual({
      section: 'hub',
      param: null,
      query: 'bitnami/redis sentinel',
    });
    expect(routeFromHash('#/hub/library/redis?q=redis')).toEqual({
      section: 'hub',
      param: 'library/redis',
      query: 'redis',
    });
  });

  it('leaves out an empty or blank query, and other query fields', () => {
    expect(routeFromHash('#/hub?q=')).toEqual({ section: 'hub', param: null });
    expect(routeFromHash('#/hub?q=%20%20')).toEqual({ section: 'hub', param: null });
    expect(routeFromHash('#/hub?page=2')).toEqual({ section: 'hub', param: null });
    // A "?" is not part of the section's name.
    expect(routeFromHash('#/hub?')).toEqual({ section: 'hub', param: null });
  });

  it('writes a hash that reads back as the same route', () => {
    const routes = [
      { section: 'hub' as const, param: null, query: 'redis' },
      { section: 'hub' as const, param: null, query: 'a&b=c?d#e' },
      { section: 'hub' as const, param: 'library/redis' },
      { section: 'containers' as const, param: 'abc123' },
      { section: 'settings' as const, param: null },
    ];
    for (const route of routes) expect(routeFromHash(routeHash(route))).toEqual(route);
    expect(routeHash({ section: 'hub', param: null, query: 'redis' })).toBe('#/hub?q=redis');
    expect(routeHash({ section: 'hub', param: null, query: '  ' })).toBe('#/hub');
  });

  it('reads and writes the tab a details page opens on', () => {
    expect(routeFromHash('#/containers/box-1?tab=terminal')).toEqual({
      section: 'containers',
      param: 'box-1',
      tab: 'terminal',
    });
    expect(routeHash({ section: 'containers', param: 'box-1', tab: 'terminal' })).toBe(
      '#/containers/box-1?tab=terminal',
    );
  });
});
