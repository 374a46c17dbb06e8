// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/shared/dockerfile';

// The renderer's tsconfig knows no Buffer: the test reaches it as jsdom's Node has it.
const global = globalThis as { Buffer?: unknown };
const buffer = global.Buffer;
afterEach(() => {
  global.Buffer = buffer;
});

describe('parseDockerfile in the renderer', () => {
  it('reads a Dockerfile without Node’s Buffer, as the Build page’s stage list does', () => {
    delete global.Buffer;
    expect(parseDockerfile('FROM busybox AS build\nFROM busybox\n').stages.map((stage) => stage.name)).toEqual([
      'build',
      null,
    ]);
  });

  it('still skips a byte order mark at the start', () => {
    const parsed = parseDockerfile('\uFEFFFROM busybox AS site\nEXPOSE 8080\n');
    expect(parsed.stages).toEqual([{ name: 'site', base: 'busybox', line: 1 }]);
    expect(parsed.exposedPorts).toEqual([{ port: 8080, protocol: 'tcp' }]);
  });
});
