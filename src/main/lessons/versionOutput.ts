import type { EngineStatus } from '../../shared/engine';
import type { VersionOutputResult } from '../../shared/lessons';

/**
 * Lesson 3's other way to be done: the Docker server cannot see the docker command run in a
 * terminal, so the learner pastes what `docker version` printed, and Berth checks that its Server
 * half names the version the engine it is connected to reports.
 *
 * The formats read (English, as the CLI prints them):
 * - docker CLI against dockerd: "Client:" (or "Client: Docker Engine - Community"), " Version: …",
 *   then "Server:" (or "Server: Docker Desktop 4.39.0 (184744)", "Server: Docker Engine - Community")
 *   with components " Engine:", " containerd:", " runc:"…, each with "  Version: …";
 * - docker CLI against Podman: "Server: linux/amd64/debian-12" with " Podman Engine:" and " Engine:";
 * - `podman version`: "Client:       Podman Engine" / "Server:       Podman Engine" with unindented
 *   "Version:" lines under each.
 * When the server does not answer, only the Client half prints (the error goes to stderr).
 */

interface Section {
  /** What follows "Client:" or "Server:" on its line (a product name, a platform), possibly empty. */
  title: string;
  /** "Version:" values, each with the component it is under (null when directly under the section). */
  versions: { component: string | null; version: string }[];
}

const HEADER = /^\s*(Client|Server)\s*:\s*(.*)$/;
const FIELD = /^(\s*)([^:]+?)\s*:\s*(.*)$/;

function readSections(text: string): { client: Section | null; server: Section | null } {
  const sections: { client: Section | null; server: Section | null } = { client: null, server: null };
  let current: Section | null = null;
  // The nearest line that opened a component ("  Engine:", with nothing after the colon), by indent.
  let component: { name: string; indent: number } | null = null;
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\t/g, ' ').trimEnd();
    const header = HEADER.exec(line);
    if (header) {
      current = { title: header[2]?.trim() ?? '', versions: [] };
      // The first of each: a second paste of the same output does not change the answer.
      const kind = header[1] === 'Client' ? 'client' : 'server';
      if (sections[kind] === null) sections[kind] = current;
      else current = null;
      component = null;
      continue;
    }
    if (!current) continue;
    const field = FIELD.exec(line);
    if (!field) continue;
    const indent = field[1]?.length ?? 0;
    const key = field[2] ?? '';
    const value = field[3]?.trim() ?? '';
    if (component && indent <= component.indent) component = null;
    if (value === '') {
      // "GitCommit:" with no value sits at the fields' indent, deeper than any component's.
      if (!component) component = { name: key, indent };
      continue;
    }
    if (key === 'Version') current.versions.push({ component: component?.name ?? null, version: value });
  }
  return sections;
}

/**
 * The server's version in a Server section: the Engine component's (dockerd, Docker Desktop, and
 * Podman through the docker CLI), else Podman Engine's, else one directly under the heading (`podman version`).
 */
function serverVersionOf(section: Section): string | null {
  const under = (component: string | null) =>
    section.versions.find((entry) => entry.component === component)?.version ?? null;
  return under('Engine') ?? under('Podman Engine') ?? under(null);
}

/** The client's version: the first "Version:" of the Client section. */
function clientVersionOf(section: Section): string | null {
  return section.versions[0]?.version ?? null;
}

/** Reads pasted `docker version` output and compares its server's version with the connected engine's. */
export function checkVersionOutput(text: string, status: EngineStatus): VersionOutputResult {
  const sections = readSections(text);
  const client = sections.client ? clientVersionOf(sections.client) : null;
  const server = sections.server ? serverVersionOf(sections.server) : null;
  const result = (matches: boolean, reason: VersionOutputResult['reason']): VersionOutputResult => ({
    matches,
    reason,
    client,
    server,
  });
  if (client === null) return result(false, 'no-client');
  if (status.state !== 'connected' || !status.server) return result(false, 'engine-down');
  if (server === null) return result(false, 'no-server');
  if (server !== status.server.version) return result(false, 'other-server');
  return result(true, null);
}
