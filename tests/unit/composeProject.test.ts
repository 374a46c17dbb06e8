import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readComposeProject, type ProjectText } from '../../src/main/compose/composeProject';
import { interpolate, parseDotEnv } from '../../src/main/compose/interpolation';
import { normalizeProjectName } from '../../src/main/compose/composeModel';
import { composeModelSchema, composeProblemSchema, type ComposeProblem } from '../../src/shared/compose';

// A project's files read as compose reads them (parse, interpolate, merge the override, check
// against the Compose Specification and Berth's rules, describe), from the fixtures in
// tests/fixtures/compose/ and from text written here.

const fixtures = path.join(__dirname, '..', 'fixtures', 'compose');

function readFixture(folder: string, names: string[], variables: Record<string, string> = {}) {
  const realFolder = fs.realpathSync(path.join(fixtures, folder));
  const files = names.map((name) => ({ name, content: fs.readFileSync(path.join(realFolder, name), 'utf8') }));
  return { realFolder, ...read(files, variables, realFolder) };
}

function read(files: ProjectText[], variables: Record<string, string> = {}, realFolder = '/projects/demo') {
  const result = readComposeProject({ realFolder, files, variables: (name) => variables[name] });
  for (const problem of result.problems) composeProblemSchema.parse(problem);
  if (result.model) composeModelSchema.parse(result.model);
  return result;
}

/** The problems without the parts each test does not look at. */
const brief = (problems: ComposeProblem[]) =>
  problems.map(({ kind, file, line, column, at, params }) => ({ kind, file, line, column, at, params }));

describe('real-world files', () => {
  it('reads the WordPress + MySQL sample without problems: images, ports, named volumes, secrets marked', () => {
    const { model, problems, projectName } = readFixture('wordpress-mysql', ['docker-compose.yml']);
    expect(problems).toEqual([]);
    expect(projectName).toBe('wordpress-mysql');
    expect(model!.services.map((service) => [service.name, service.image, service.line])).toEqual([
      ['db', 'mysql:5.7', 5],
      ['wordpress', 'wordpress:latest', 16],
    ]);
    const [db, wordpress] = model!.services;
    expect(db!.volumes).toEqual([{ type: 'volume', source: 'db_data', target: '/var/lib/mysql', readOnly: false }]);
    expect(db!.environment.filter((entry) => entry.secret).map((entry) => entry.name)).toEqual([
      'MYSQL_ROOT_PASSWORD',
      'MYSQL_PASSWORD',
    ]);
    expect(wordpress!.ports).toEqual(['8000:80']);
    expect(wordpress!.dependsOn).toEqual([{ service: 'db', condition: 'service_started' }]);
    expect(wordpress!.networks).toEqual(['default']);
    expect(model!.volumes).toEqual([
      { name: 'db_data', external: false },
      { name: 'wordpress_data', external: false },
    ]);
    expect(model!.riskyMounts).toEqual([]);
  });

  it('reads a built service and redis: build context made absolute, long syntaxes in short form, mount kinds', () => {
    const { model, problems, realFolder } = readFixture('build-redis', ['compose.yaml']);
    expect(problems).toEqual([]);
    const [web, redis] = model!.services;
    expect(web!.image).toBeNull();
    expect(web!.build).toEqual({ context: path.join(realFolder, 'app'), dockerfile: 'Dockerfile.dev' });
    expect(web!.command).toBe('flask run --host 0.0.0.0');
    expect(web!.ports).toEqual(['127.0.0.1:8000:5000/tcp', '9229']);
    expect(web!.environment).toEqual([
      { name: 'FLASK_DEBUG', value: '1', secret: false },
      { name: 'API_TOKEN', value: null, secret: true },
    ]);
    expect(web!.volumes).toEqual([
      { type: 'bind', source: path.join(realFolder, 'app'), target: '/code', readOnly: true },
      { type: 'bind', source: path.join(realFolder, 'logs'), target: '/var/log/app', readOnly: false },
      { type: 'tmpfs', source: null, target: '/tmp', readOnly: false },
      { type: 'volume', source: null, target: '/cache', readOnly: false },
    ]);
    expect(web!.dependsOn).toEqual([{ service: 'redis', condition: 'service_healthy' }]);
    expect(web!.networks).toEqual(['back']);
    expect(redis!.networks).toEqual(['back']);
    expect(redis!.volumes).toEqual([{ type: 'volume', source: 'cache', target: '/data', readOnly: false }]);
    expect(model!.networks).toEqual([
      { name: 'back', external: false },
      { name: 'shared', external: true },
    ]);
  });
});

describe('problems, each at its line', () => {
  it('names every kind of problem of the problems fixture at the line and column of what is wrong', () => {
    const { problems, realFolder } = readFixture('problems', ['compose.yaml']);
    const file = 'compose.yaml';
    expect(brief(problems)).toEqual([
      { kind: 'unknown-key', file, line: 4, column: 5, at: 'services.web.portz', params: { key: 'portz' } },
      {
        kind: 'unknown-reference',
        file,
        line: 7,
        column: 9,
        at: 'services.web.depends_on[0]',
        params: { kind: 'service', name: 'ghost' },
      },
      {
        kind: 'dependency-cycle',
        file,
        line: 8,
        column: 9,
        at: 'services.web.depends_on[1]',
        params: { cycle: 'web → api → web' },
      },
      {
        kind: 'unknown-reference',
        file,
        line: 10,
        column: 9,
        at: 'services.web.networks[0]',
        params: { kind: 'network', name: 'nowhere' },
      },
      {
        kind: 'unknown-reference',
        file,
        line: 12,
        column: 9,
        at: 'services.web.volumes[0]',
        params: { kind: 'volume', name: 'missing-volume' },
      },
      // A oneOf (string or object) collapsed into one row naming both.
      {
        kind: 'wrong-type',
        file,
        line: 13,
        column: 9,
        at: 'services.web.volumes[1]',
        params: { expected: 'string, object' },
      },
      // The mapping branch fits: its complaint about the value, not "must be an array".
      {
        kind: 'wrong-type',
        file,
        line: 17,
        column: 13,
        at: 'services.api.environment.LIST',
        params: { expected: 'string, number, boolean, null' },
      },
      {
        kind: 'outside-folder',
        file,
        line: 19,
        column: 16,
        at: 'services.api.build.context',
        params: { path: path.resolve(realFolder, '../../elsewhere') },
      },
      {
        kind: 'outside-folder',
        file,
        line: 20,
        column: 15,
        at: 'services.api.env_file',
        params: { path: path.resolve(realFolder, '../secrets.env') },
      },
      { kind: 'bad-value', file, line: 23, column: 18, at: 'services.worker.pull_policy', params: {} },
      { kind: 'missing-key', file, line: 25, column: 9, at: 'services.worker.volumes[0]', params: { key: 'type' } },
      {
        kind: 'not-allowed',
        file,
        line: 28,
        column: 20,
        at: 'services.worker.depends_on.web.condition',
        params: { allowed: 'service_started, service_healthy, service_completed_successfully' },
      },
      { kind: 'no-image', file, line: 29, column: 3, at: 'services.lonely', params: {} },
    ]);
  });

  it('gives a YAML syntax error its line and no model', () => {
    const { problems, model } = readFixture('yaml-error', ['docker-compose.yml']);
    expect(model).toBeNull();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind: 'yaml-syntax', file: 'docker-compose.yml', line: 5, column: 3 });
    expect(problems[0]!.params.detail).toMatch(/Flow sequence/);
  });

  it('says when there are no services, and when the file is not a mapping', () => {
    expect(brief(read([{ name: 'compose.yaml', content: 'volumes:\n  data:\n' }]).problems)).toEqual([
      { kind: 'no-services', file: 'compose.yaml', line: 1, column: 1, at: '', params: {} },
    ]);
    expect(brief(read([{ name: 'compose.yaml', content: 'name: x\nservices: {}\n' }]).problems)).toEqual([
      { kind: 'no-services', file: 'compose.yaml', line: 2, column: 1, at: 'services', params: {} },
    ]);
    const list = read([{ name: 'compose.yaml', content: '- web\n- db\n' }]);
    expect(list.model).toBeNull();
    expect(brief(list.problems)).toEqual([
      { kind: 'wrong-type', file: 'compose.yaml', line: 1, column: 1, at: '', params: { expected: 'object' } },
    ]);
  });

  it('names a longer cycle once, from the service where it is first met', () => {
    const content = [
      'services:',
      '  a:',
      '    image: busybox',
      '    depends_on: [b]',
      '  b:',
      '    image: busybox',
      '    depends_on:',
      '      c:',
      '        condition: service_started',
      '  c:',
      '    image: busybox',
      '    depends_on: [a]',
      '',
    ].join('\n');
    expect(brief(read([{ name: 'compose.yaml', content }]).problems)).toEqual([
      {
        kind: 'dependency-cycle',
        file: 'compose.yaml',
        line: 4,
        column: 18,
        at: 'services.a.depends_on[0]',
        params: { cycle: 'a → b → c → a' },
      },
    ]);
  });

  it('puts a problem of an override in the override file, at its line', () => {
    const { problems } = readFixture('override', ['compose.yaml', 'compose.override.yaml']);
    expect(brief(problems)).toEqual([
      {
        kind: 'unknown-key',
        file: 'compose.override.yaml',
        line: 12,
        column: 5,
        at: 'services.web.bogus',
        params: { key: 'bogus' },
      },
    ]);
  });

  it('stops an alias bomb instead of expanding it', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    lines.push('services:', '  web:', '    image: busybox', '    labels: *a8');
    const result = read([{ name: 'compose.yaml', content: lines.join('\n') }]);
    expect(result.model).toBeNull();
    expect(result.problems.map((problem) => problem.kind)).toEqual(['yaml-syntax']);
  });
});

describe('merging an override', () => {
  it('merges services key by key: lists appended once, environment by name, command replaced, new services added', () => {
    const { model, realFolder } = readFixture('override', ['compose.yaml', 'compose.override.yaml']);
    const [web, extra] = model!.services;
    expect(web!.command).toBe('httpd -f -v');
    expect(web!.ports).toEqual(['8080:80', '8443:443']);
    expect(web!.environment.map((entry) => [entry.name, entry.value])).toEqual([
      ['MODE', 'development'],
      ['KEEP', 'yes'],
      ['DEBUG', '1'],
    ]);
    expect(web!.volumes.map((mount) => mount.source)).toEqual(['data', path.join(realFolder, 'src')]);
    // Where the service starts stays in the main file.
    expect([web!.file, web!.line]).toEqual(['compose.yaml', 2]);
    expect([extra!.name, extra!.image, extra!.file, extra!.line]).toEqual([
      'extra',
      'redis',
      'compose.override.yaml',
      13,
    ]);
  });

  it('merges depends_on and networks by name, whether written as lists or mappings, and top-level definitions', () => {
    const main = [
      'services:',
      '  web:',
      '    image: busybox',
      '    depends_on: [db]',
      '    networks: [front]',
      '    tmpfs: /run',
      '  db:',
      '    image: redis',
      'networks:',
      '  front: {}',
      '',
    ].join('\n');
    const override = [
      'services:',
      '  web:',
      '    depends_on:',
      '      db:',
      '        condition: service_healthy',
      '      cache:',
      '        condition: service_started',
      '    networks:',
      '      back: {}',
      '  cache:',
      '    image: redis',
      'networks:',
      '  back: {}',
      '',
    ].join('\n');
    const { model, problems } = read([
      { name: 'compose.yaml', content: main },
      { name: 'compose.override.yaml', content: override },
    ]);
    expect(problems).toEqual([]);
    const web = model!.services[0]!;
    expect(web.dependsOn).toEqual([
      { service: 'db', condition: 'service_healthy' },
      { service: 'cache', condition: 'service_started' },
    ]);
    expect(web.networks).toEqual(['front', 'back']);
    expect(web.volumes).toEqual([{ type: 'tmpfs', source: null, target: '/run', readOnly: false }]);
    expect(model!.networks.map((network) => network.name)).toEqual(['front', 'back']);
  });

  it('follows YAML anchors and merge keys (x- extension fields)', () => {
    const content = [
      'x-common: &common',
      '  image: busybox',
      '  environment:',
      '    SHARED: "1"',
      'services:',
      '  one:',
      '    <<: *common',
      '  two:',
      '    <<: *common',
      '    image: redis',
      '',
    ].join('\n');
    const { model, problems } = read([{ name: 'compose.yaml', content }]);
    expect(problems).toEqual([]);
    expect(model!.services.map((service) => [service.name, service.image, service.environment[0]?.name])).toEqual([
      ['one', 'busybox', 'SHARED'],
      ['two', 'redis', 'SHARED'],
    ]);
  });
});

describe('interpolation', () => {
  it('substitutes the shell and .env variables with defaults, $$, nested defaults; a required one unset is a problem', () => {
    const folder = path.join(fixtures, 'interpolation');
    const dotEnv = parseDotEnv(fs.readFileSync(path.join(folder, '.env'), 'utf8'));
    expect(Object.fromEntries(dotEnv)).toEqual({
      TAG: '1.36',
      HOST_PORT: '9000',
      BERTH_TEST_FROM_SHELL: 'from-dotenv',
      QUOTED: 'a b',
    });
    const shell: Record<string, string> = { BERTH_TEST_FROM_SHELL: 'from-shell' };
    const variables = { ...Object.fromEntries(dotEnv), ...shell };
    const { model, problems, projectName } = readFixture('interpolation', ['compose.yaml'], variables);
    expect(projectName).toBe('counter');
    const web = model!.services[0]!;
    expect(web.image).toBe('busybox:1.36');
    expect(web.ports).toEqual(['9000:80']);
    expect(web.environment.slice(0, 3).map((entry) => [entry.name, entry.value])).toEqual([
      ['PRICE', '$5'],
      ['FROM_SHELL', 'from-shell'],
      ['NESTED', '1.36-fallback'],
    ]);
    expect(brief(problems)).toEqual([
      {
        kind: 'bad-value',
        file: 'compose.yaml',
        line: 11,
        column: 17,
        at: 'services.web.environment.REQUIRED',
        params: { detail: 'NOT_SET_ANYWHERE: set it in .env' },
      },
    ]);
  });

  it('handles each operator as compose does', () => {
    const variables = (name: string) => ({ SET: 'v', EMPTY: '' })[name];
    expect(interpolate('$SET-${SET}-${UNSET}', variables)).toBe('v-v-');
    expect(interpolate('${EMPTY:-d}|${EMPTY-d}|${UNSET-d}', variables)).toBe('d||d');
    expect(interpolate('${SET:+alt}|${EMPTY:+alt}|${EMPTY+alt}|${UNSET+alt}', variables)).toBe('alt||alt|');
    expect(interpolate('$$SET costs $$', variables)).toBe('$SET costs $');
    expect(() => interpolate('${EMPTY:?needed}', variables)).toThrow(/EMPTY: needed/);
    expect(interpolate('${EMPTY?needed}', variables)).toBe('');
    expect(() => interpolate('${SET', variables)).toThrow(/not closed/);
  });
});

describe('the model', () => {
  it('lists bind mounts of the whole disk, the engine socket and system folders as risky, with their kind', () => {
    const content = [
      'services:',
      '  tool:',
      '    image: busybox',
      '    volumes:',
      '      - /:/host:ro',
      '      - /var/run/docker.sock:/var/run/docker.sock',
      '      - type: bind',
      '        source: /proc',
      '        target: /hostproc',
      '      - ./data:/data',
      '      - ~/notes:/notes',
      '',
    ].join('\n');
    const { model, problems } = read([{ name: 'compose.yaml', content }]);
    expect(problems).toEqual([]);
    expect(model!.riskyMounts).toEqual([
      { service: 'tool', source: '/', kind: 'disk' },
      { service: 'tool', source: '/var/run/docker.sock', kind: 'socket' },
      { service: 'tool', source: '/proc', kind: 'system' },
    ]);
    expect(model!.services[0]!.volumes.slice(3).map((mount) => mount.source)).toEqual([
      '/projects/demo/data',
      path.join(os.homedir(), 'notes'),
    ]);
  });

  it('sees through links: a bind of a link to / is as risky as / itself', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-compose-link-'));
    try {
      fs.symlinkSync('/', path.join(folder, 'everything'));
      const content = 'services:\n  tool:\n    image: busybox\n    volumes:\n      - ./everything:/host\n';
      const { model } = read([{ name: 'compose.yaml', content }], {}, folder);
      expect(model!.riskyMounts).toEqual([{ service: 'tool', source: path.join(folder, 'everything'), kind: 'disk' }]);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('takes the project name from name:, else from the folder, made valid as compose does', () => {
    expect(read([{ name: 'compose.yaml', content: 'name: shop\nservices: {a: {image: busybox}}\n' }]).projectName).toBe(
      'shop',
    );
    expect(
      read([{ name: 'compose.yaml', content: 'services: {a: {image: busybox}}\n' }], {}, '/home/u/My App.v2')
        .projectName,
    ).toBe('myappv2');
    expect(normalizeProjectName('__Visit-Counter!')).toBe('visit-counter');
    const invalid = read([{ name: 'compose.yaml', content: 'name: My Shop\nservices: {a: {image: busybox}}\n' }]);
    expect(brief(invalid.problems)).toEqual([
      { kind: 'bad-value', file: 'compose.yaml', line: 1, column: 7, at: 'name', params: { detail: 'My Shop' } },
    ]);
    expect(invalid.projectName).toBe('myshop');
  });

  it('shows network_mode services on no network and list commands quoted for a shell', () => {
    const content = [
      'services:',
      '  a:',
      '    image: busybox',
      '    network_mode: host',
      '    command: ["sh", "-c", "echo hi"]',
      '',
    ].join('\n');
    const service = read([{ name: 'compose.yaml', content }]).model!.services[0]!;
    expect(service.networks).toEqual([]);
    expect(service.command).toBe("sh -c 'echo hi'");
  });
});
