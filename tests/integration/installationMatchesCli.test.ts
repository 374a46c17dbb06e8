import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { realHostSystem } from '../../src/main/host/hostSystem';
import type { InstallationReport } from '../../src/shared/engine';
import { formatVersionReport } from '../../src/shared/versionReport';
import { engineFamily, requireEngine } from '../fixtures/dockerCli';

/**
 * The installation check is the app's `docker version`: its text report is checked against what
 * `docker version` prints for the same engine (dockerd or Podman, by DOCKER_HOST). The page's tables
 * are checked against it in tests/e2e/installationCheck.spec.ts.
 */

/** `docker version`'s text as sections: "Client", "Server", then each component ("Engine", "containerd"…). */
function sectionsOf(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current = new Map<string, string>();
  let inServer = false;
  let lastKey: string | null = null;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const top = /^(Client|Server)(?::|: .*)$/.exec(line);
    const component = inServer ? /^ (\S.*):$/.exec(line) : null;
    const row = /^ {1,2}([^:]+):(?: +(.*))?$/.exec(line);
    if (top) {
      inServer = top[1] === 'Server';
      current = new Map([['header', line]]);
      sections.set(top[1]!, current);
      lastKey = null;
    } else if (component) {
      current = new Map();
      sections.set(component[1]!, current);
      lastKey = null;
    } else if (row) {
      lastKey = row[1]!;
      current.set(lastKey, row[2] ?? '');
    } else if (lastKey) {
      // A value over several lines (runc's version on Podman).
      current.set(lastKey, `${current.get(lastKey)}\n${line}`);
    }
  }
  return sections;
}

describe.skipIf(!requireEngine.available)('the installation check agrees with `docker version`', () => {
  let backend: Backend;
  let report: InstallationReport;
  let cliText: string;
  let cli: Map<string, Map<string, string>>;
  let family: 'docker' | 'podman';

  beforeAll(async () => {
    backend = createBackend({ system: realHostSystem(process.env) });
    void backend.start();
    const result = await backend.server.handleRequest('installation.check', {});
    if (!result.ok) throw new Error(result.error.message);
    report = result.value as InstallationReport;
    cliText = execFileSync('docker', ['version'], { encoding: 'utf8' });
    cli = sectionsOf(cliText);
    family = engineFamily();
  });

  afterAll(() => backend?.stop());

  const section = (name: string) => {
    const found = cli.get(name);
    if (!found) throw new Error(`docker version has no ${name} section:\n${cliText}`);
    return found;
  };

  it('the text report starts with `docker version`’s own lines, then Berth’s (path, product, kernel, endpoint)', () => {
    expect(report.client.found).toBe(true);
    expect(report.engine.state).toBe('connected');
    const text = formatVersionReport(report.client, report.engine);
    const [clientPart] = cliText.split('\n\nServer');
    // The client half, line for line (components' versions are whole, Built as docker prints it).
    expect(text.startsWith(`${clientPart}\n\nServer`)).toBe(true);
    if (family === 'docker') {
      // dockerd: all of it, Experimental included, nothing cut.
      expect(text.startsWith(`${cliText}\nPath:     `)).toBe(true);
    } else {
      // Podman: its Engine section the same but for the build date, which Podman does not know
      // (it says 1970) and Berth leaves empty.
      const berth = sectionsOf(text);
      const engine = new Map(section('Engine'));
      expect(engine.get('Built')).toBe('Thu Jan  1 00:00:00 1970');
      engine.set('Built', '');
      expect(berth.get('Engine')).toEqual(engine);
      expect(berth.get('Server')?.get('header')).toBe(section('Server').get('header'));
      // Each component it lists with the version docker version shows.
      for (const component of report.engine.server!.components) {
        expect(berth.get(component.name)?.get('Version')).toBe(section(component.name).get('Version'));
      }
    }
    expect(text).toContain(`\n  Experimental:     ${report.engine.server?.experimental}\n`);
  });
});
