import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { targetRiskyMounts } from '../../src/main/compose/targetRiskyMounts';

describe('targetRiskyMounts: the model’s risky mounts of exactly the files up runs', () => {
  let folder: string;
  beforeAll(() => {
    folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-risky-')));
    fs.writeFileSync(
      path.join(folder, 'compose.yaml'),
      'services:\n  agent:\n    image: busybox\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n      - ./site:/www\n      - data:/data\nvolumes:\n  data:\n',
    );
    fs.writeFileSync(
      path.join(folder, 'compose.override.yaml'),
      'services:\n  agent:\n    volumes:\n      - ${ROOT}:/host\n',
    );
    fs.writeFileSync(path.join(folder, '.env'), 'ROOT=/\n');
    fs.writeFileSync(path.join(folder, 'other.yaml'), 'services:\n  web:\n    image: busybox\n');
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('the file compose picks and its override, ${VAR}s from the folder’s .env', async () => {
    expect(await targetRiskyMounts({ projectName: 'p', folder, files: [] }, {})).toEqual([
      { service: 'agent', source: '/var/run/docker.sock', kind: 'socket' },
      { service: 'agent', source: '/', kind: 'disk' },
    ]);
  });

  it('the shell’s variables win over .env; named files only', async () => {
    const files = [path.join(folder, 'compose.yaml'), path.join(folder, 'compose.override.yaml')];
    expect(await targetRiskyMounts({ projectName: 'p', folder, files }, { ROOT: '/tmp' })).toEqual([
      { service: 'agent', source: '/var/run/docker.sock', kind: 'socket' },
    ]);
    const other = [path.join(folder, 'other.yaml')];
    expect(await targetRiskyMounts({ projectName: 'p', folder, files: other }, {})).toEqual([]);
  });
});
