import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRiskyMounts } from '../../src/main/compose/bindSourceRisks';

describe('readRiskyMounts (until the compose-files part’s model is merged)', () => {
  let folder: string;
  beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-risky-'));
    fs.symlinkSync('/', path.join(folder, 'everything'));
    fs.mkdirSync(path.join(folder, 'site'));
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('names the binds of the disk, the socket and system folders, short and long syntax, through links; not volumes or ordinary folders', async () => {
    fs.writeFileSync(
      path.join(folder, 'compose.yaml'),
      [
        'services:',
        '  agent:',
        '    image: busybox',
        '    volumes:',
        '      - /var/run/docker.sock:/var/run/docker.sock',
        '      - ./site:/www:ro',
        '      - data:/data',
        '      - /anonymous',
        '  root:',
        '    image: busybox',
        '    volumes:',
        '      - type: bind',
        '        source: ./everything',
        '        target: /host',
        '      - type: volume',
        '        source: data',
        '        target: /v',
        '      - /proc/1/root:/x',
        'volumes:',
        '  data:',
        '',
      ].join('\n'),
    );
    const risky = await readRiskyMounts({ projectName: 'p', folder, files: [] }, '/home/me');
    expect(risky).toEqual([
      { service: 'agent', source: '/var/run/docker.sock', kind: 'socket' },
      { service: 'root', source: path.join(folder, 'everything'), kind: 'disk' },
      { service: 'root', source: '/proc/1/root', kind: 'system' },
    ]);
  });

  it('reads the override beside the file compose picks, and ~ as the home folder', async () => {
    fs.writeFileSync(path.join(folder, 'compose.yaml'), 'services:\n  a:\n    image: busybox\n');
    fs.writeFileSync(
      path.join(folder, 'compose.override.yaml'),
      'services:\n  a:\n    volumes:\n      - ~/../..:/up\n',
    );
    expect(await readRiskyMounts({ projectName: 'p', folder, files: [] }, '/home/me')).toEqual([
      { service: 'a', source: '/', kind: 'disk' },
    ]);
  });
});
