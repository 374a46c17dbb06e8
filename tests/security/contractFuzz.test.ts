import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { z } from 'zod';
import type { Backend } from '../../src/main/backend';
import { contract, requestNames, streamNames } from '../../src/shared/contract';
import type { WireResult } from '../../src/shared/transport';
import { startSocketProxy, type CountingProxy } from '../fixtures/countingProxy';
import { requireEngine } from '../fixtures/dockerCli';
import { recordFuzz } from '../fixtures/faultTools';
import { waitFor } from '../fixtures/waitFor';
import { startHarness, type RunningHarness } from '../fixtures/harness';
import { startProxiedBackend } from '../fixtures/proxiedBackend';

// Hostile input must never reach the engine: a renderer that was taken over (or any page that
// reaches the harness's WebSocket) may send anything. Every request and stream of the contract gets
// thousands of malformed inputs; each must be refused with invalid-input before a handler runs, the
// engine (behind a counting proxy) must see nothing, and nothing may leak into Object.prototype.

type Schema = z.ZodType;
interface Def {
  type: string;
  shape?: Record<string, Schema>;
  element?: Schema;
  options?: Schema[];
  entries?: Record<string, string>;
  values?: unknown[];
  innerType?: Schema;
  in?: Schema;
}
const defOf = (schema: Schema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const accepts = (schema: Schema, value: unknown) => schema.safeParse(value).success;

const MB_STRING = 'x'.repeat(1024 * 1024);
/** Under the harness's 1 MB frame limit, for the WebSocket. */
const HALF_MB_STRING = 'y'.repeat(512 * 1024);

function deepObject(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { nested: value };
  return value;
}
function deepArray(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}
const protoPayload = () => JSON.parse('{"__proto__": {"polluted": "yes", "isAdmin": true}}') as object;
const constructorPayload = () => JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}') as object;

const garbageStrings = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDC00\uD800',
  '\uFFFE\uFFFF',
  '\u202Eexe.txt',
  '💥'.repeat(64),
  'Ω≈ç√∫˜µ≤≥÷ 한국어 ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ',
  '\u001b[31mred\u001b[0m\u0007',
  '../../../../etc/passwd',
  '/var/run/docker.sock',
  '; rm -rf / #',
  '$(reboot)',
  '`id`',
  '%00%0d%0a',
  '${jndi:ldap://127.0.0.1/a}',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  'A'.repeat(513),
  'B'.repeat(70_000),
];

/** Wrong values for any field: wrong types, out-of-range numbers, huge and garbage strings, deep nesting. */
function leafPool(big: string): unknown[] {
  return [
    null,
    true,
    false,
    0,
    -1,
    -0.5,
    0.5,
    1.5,
    2 ** 53 + 2,
    -(2 ** 53) - 2,
    1e308,
    -1e308,
    NaN,
    Infinity,
    -Infinity,
    ...garbageStrings,
    big,
    [],
    [null],
    [big],
    [1, 'a', {}],
    {},
    { a: 1 },
    deepObject(10_000),
    deepArray(10_000),
    protoPayload(),
    constructorPayload(),
  ];
}

/** Keys no input has: engine options a hostile page would love to slip in, and prototype keys. */
function extraKeyObjects(): object[] {
  return [
    { unknownField: 1 },
    { Privileged: true },
    { HostConfig: { Privileged: true, Binds: ['/:/host'], PidMode: 'host' } },
    { CapAdd: ['ALL'] },
    { NetworkMode: 'host' },
    { PidMode: 'host' },
    { IpcMode: 'host' },
    { Devices: [{ PathOnHost: '/dev/sda', PathInContainer: '/dev/sda', CgroupPermissions: 'rwm' }] },
    { Binds: ['/:/host'] },
    { prototype: { polluted: 'yes' } },
    { nested: deepObject(10_000) },
    { '\u0000': 1 },
    { '': 1 },
    protoPayload(),
    constructorPayload(),
  ];
}

// ---------------------------------------------------------------------------
// A valid sample of a schema (never sent): the base the mutations start from, so that one bad
// field among good ones is tried too.

const stringCandidates = ['ab', '/data', 'abc123', 'http://127.0.0.1:1', 'a'.repeat(12)];
const numberCandidates = [1, 80, 0, 1000];

function sample(schema: Schema, full: boolean, depth = 0): { ok: true; value: unknown } | { ok: false } {
  if (depth > 8) return { ok: false };
  const def = defOf(schema);
  const pick = (candidates: unknown[]) => {
    for (const candidate of candidates) if (accepts(schema, candidate)) return { ok: true as const, value: candidate };
    return { ok: false as const };
  };
  switch (def.type) {
    case 'string':
      return pick(stringCandidates);
    case 'number':
      return pick(numberCandidates);
    case 'boolean':
      return { ok: true, value: false };
    case 'literal':
      return { ok: true, value: def.values?.[0] };
    case 'enum':
      return { ok: true, value: Object.values(def.entries ?? {})[0] };
    case 'null':
      return { ok: true, value: null };
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable': {
      const inner = def.innerType ? sample(def.innerType, full, depth + 1) : { ok: false as const };
      if (inner.ok) return inner;
      return def.type === 'nullable' ? { ok: true, value: null } : { ok: true, value: undefined };
    }
    case 'pipe':
      return def.in ? sample(def.in, full, depth + 1) : { ok: false };
    case 'array': {
      const element = def.element ? sample(def.element, full, depth + 1) : { ok: false as const };
      if (element.ok && accepts(schema, [element.value])) return { ok: true, value: [element.value] };
      return pick([[]]);
    }
    case 'union':
      for (const option of def.options ?? []) {
        const value = sample(option, full, depth + 1);
        if (value.ok && accepts(schema, value.value)) return value;
      }
      return { ok: false };
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(def.shape ?? {})) {
        const optional = accepts(field, undefined);
        if (optional && !full) continue;
        const fieldSample = sample(field, full, depth + 1);
        if (fieldSample.ok && fieldSample.value !== undefined) value[key] = fieldSample.value;
        else if (!optional) return { ok: false };
      }
      return accepts(schema, value) ? { ok: true, value } : { ok: false };
    }
    default:
      return { ok: false };
  }
}

/** Every path (object keys, array indices) inside a sample value. */
function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const paths: Array<Array<string | number>> = [];
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      paths.push([...prefix, index], ...pathsOf(item, [...prefix, index]));
    });
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) paths.push([...prefix, key], ...pathsOf(item, [...prefix, key]));
  }
  return paths;
}

function setAt(base: unknown, at: Array<string | number>, leaf: unknown, remove = false): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let node = copy;
  for (const step of at.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  const last = at.at(-1)!;
  if (remove) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else {
    node[last] = leaf;
  }
  return copy;
}

/** Merges keys into a copy of base, keeping own "__proto__"/"constructor" keys as JSON.parse makes them. */
function withKeys(base: unknown, extra: object): unknown {
  const text = JSON.stringify(base ?? {});
  const extraText = safeJson(extra);
  if (extraText === null) return { ...(base as object), ...extra };
  const inner = extraText.slice(1, -1);
  if (inner === '') return JSON.parse(text);
  return JSON.parse(text === '{}' ? `{${inner}}` : `{${inner},${text.slice(1)}`);
}

function safeJson(value: unknown): string | null {
  try {
    return JSON.stringify(value) ?? null;
  } catch {
    return null;
  }
}

interface Case {
  input: unknown;
  /** Why it is malformed, for failure messages. */
  label: string;
}

/** The malformed inputs for one schema: every one is refused by the contract (checked before it is sent). */
function malformedInputs(schema: Schema, options: { big: string; jsonOnly: boolean }): Case[] {
  const cases: Case[] = [];
  const add = (input: unknown, label: string) => cases.push({ input, label });
  const acceptsEmpty = accepts(schema, {});
  const bases = [sample(schema, true), sample(schema, false)].flatMap((s) => (s.ok ? [s.value] : []));

  // Not an object at all.
  for (const value of [
    undefined,
    null,
    true,
    false,
    0,
    -1,
    1.5,
    NaN,
    Infinity,
    -Infinity,
    'x',
    options.big,
    ...garbageStrings.slice(0, 12),
    [],
    [{}],
    [null],
    bases,
    deepArray(10_000),
  ]) {
    add(value, `top-level ${typeof value}`);
  }
  if (!options.jsonOnly) add(10n, 'top-level bigint');
  // Objects with keys no input has (alone and on top of a valid input).
  for (const extra of extraKeyObjects()) {
    add(extra, `extra keys ${Object.keys(extra).join(',')}`);
    for (const base of bases) add(withKeys(base, extra), `valid input plus ${Object.keys(extra).join(',')}`);
  }
  // Empty-looking objects where fields are required.
  if (!acceptsEmpty) {
    add({}, 'empty object');
    if (!options.jsonOnly) {
      for (const exotic of [
        new Map([['id', 'x']]),
        new Set(['x']),
        new Date(0),
        /x/,
        new Error('x'),
        new Uint8Array(0),
      ]) {
        add(exotic, `exotic ${exotic.constructor.name}`);
      }
    }
  }
  // One field wrong or missing, everywhere in the sample, the rest valid.
  const pool = leafPool(options.big);
  const shapeKeys = Object.keys(defOf(schema).shape ?? {});
  for (const base of bases) {
    const paths = pathsOf(base);
    for (const key of shapeKeys) if (!paths.some((p) => p.length === 1 && p[0] === key)) paths.push([key]);
    for (const at of paths) {
      add(setAt(base, at, undefined, true), `without ${at.join('.')}`);
      for (const leaf of pool) add(setAt(base, at, leaf), `${at.join('.')} = ${describeLeaf(leaf)}`);
    }
  }
  // JSON loses NaN, Infinity and undefined on the way: judge what would really arrive.
  const arriving = options.jsonOnly
    ? cases.flatMap((c) => {
        const text = safeJson(c.input);
        return text === null ? [] : [{ input: JSON.parse(text) as unknown, label: c.label }];
      })
    : cases;
  return arriving.filter((c) => !accepts(schema, c.input));
}

function describeLeaf(leaf: unknown): string {
  if (typeof leaf === 'string') return leaf.length > 40 ? `string(${leaf.length})` : JSON.stringify(leaf);
  if (Array.isArray(leaf)) return `array(${leaf.length})`;
  if (leaf && typeof leaf === 'object') return `object{${Object.keys(leaf).join(',').slice(0, 40)}}`;
  return String(leaf);
}

const unknownNames: unknown[] = [
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'prototype',
  '__defineGetter__',
  '',
  ' engine.getStatus',
  'engine.getStatus ',
  'ENGINE.GETSTATUS',
  'engine.getStatus\u0000',
  'engine',
  'engine.',
  '.getStatus',
  'requests.engine.getStatus',
  'docker.exec',
  'containers.create',
  '../engine.getStatus',
  MB_STRING,
  'é'.repeat(300),
  123,
  NaN,
  null,
  undefined,
  true,
  {},
  [],
  ['engine.getStatus'],
  { toString: 'engine.getStatus' },
];

function prototypeSnapshot(): string {
  const names = (target: object) => Object.getOwnPropertyNames(target).sort().join(',');
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype].map(names).join('|');
}

describe.skipIf(!requireEngine.available)('contract fuzz: malformed inputs never reach the engine', () => {
  let dir: string;
  let proxy: CountingProxy;
  let backend: Backend;
  const prototypeBefore = prototypeSnapshot();
  const totals = { tried: 0, accepted: 0, engineRequests: 0 };

  beforeAll(async () => {
    ({ dir, proxy, backend } = await startProxiedBackend('berth-fuzz-'));
    expect(backend.monitor.getStatus().state).toBe('connected');
    // Connected means the events stream is open: from here on an idle backend sends nothing.
    await waitFor('the events stream', () => proxy.requests().some((r) => /\/events/.test(r.path)));
  });

  afterAll(async () => {
    recordFuzz('contract server', totals);
    backend?.stop();
    await proxy?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses thousands of malformed inputs to every request and stream with invalid-input, before any engine call', async () => {
    const before = proxy.requests().length;
    const refusedWrongly: string[] = [];
    const perName: Record<string, number> = {};
    let streamCallbacks = 0;

    for (const name of requestNames) {
      const cases = malformedInputs(contract.requests[name].input, { big: MB_STRING, jsonOnly: false });
      perName[name] = cases.length;
      for (const { input, label } of cases) {
        totals.tried += 1;
        const result: WireResult = await backend.server.handleRequest(name, input);
        if (result.ok || result.error.code !== 'invalid-input') {
          totals.accepted += 1;
          refusedWrongly.push(`${name} <- ${label}: ${JSON.stringify(result).slice(0, 200)}`);
        }
      }
    }
    for (const name of streamNames) {
      const cases = malformedInputs(contract.streams[name].input, { big: MB_STRING, jsonOnly: false });
      perName[`stream ${name}`] = cases.length;
      for (const { input, label } of cases) {
        totals.tried += 1;
        const opened = backend.server.openStream(
          name,
          input,
          () => (streamCallbacks += 1),
          () => (streamCallbacks += 1),
        );
        if (opened.ok) {
          opened.close();
          totals.accepted += 1;
          refusedWrongly.push(`stream ${name} <- ${label}: opened`);
        } else if (opened.error.code !== 'invalid-input') {
          totals.accepted += 1;
          refusedWrongly.push(`stream ${name} <- ${label}: ${opened.error.code}`);
        }
      }
    }
    // Give anything a handler might have started a moment to reach the proxy.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const reached = proxy.requests().slice(before);
    totals.engineRequests += reached.length;

    console.log(
      `contract fuzz: ${Object.values(perName).reduce((a, b) => a + b, 0)} malformed inputs over ` +
        `${requestNames.length} requests and ${streamNames.length} streams`,
    );
    expect(refusedWrongly).toEqual([]);
    expect(streamCallbacks).toBe(0);
    expect(reached.map((r) => `${r.method} ${r.path}`)).toEqual([]);
    // Every name got its share: a new request in the contract is fuzzed without anyone listing it here.
    for (const name of requestNames) expect(perName[name], name).toBeGreaterThanOrEqual(30);
    for (const name of streamNames) expect(perName[`stream ${name}`], name).toBeGreaterThanOrEqual(30);
    expect(totals.tried).toBeGreaterThanOrEqual(2000);
  });

  it('answers unknown names, prototype names and streams asked as requests with unknown-request', async () => {
    const before = proxy.requests().length;
    const wrong: string[] = [];
    const names = [
      ...unknownNames,
      // A stream is not a request, and a request is not a stream.
      ...streamNames.filter((name) => !(requestNames as string[]).includes(name)),
    ];
    for (const name of names) {
      for (const input of [{}, undefined, { id: 'x' }, protoPayload()]) {
        totals.tried += 1;
        const result = await backend.server.handleRequest(name, input);
        if (result.ok || result.error.code !== 'unknown-request' || result.error.message.length > 200) {
          totals.accepted += 1;
          wrong.push(`request ${String(name).slice(0, 40)}: ${JSON.stringify(result).slice(0, 200)}`);
        }
      }
    }
    const streamOnlyNames = [
      ...unknownNames,
      ...requestNames.filter((name) => !(streamNames as string[]).includes(name)),
    ];
    for (const name of streamOnlyNames) {
      totals.tried += 1;
      const opened = backend.server.openStream(
        name,
        {},
        () => wrong.push(`stream ${String(name)} emitted`),
        () => undefined,
      );
      if (opened.ok || opened.error.code !== 'unknown-request') {
        if (opened.ok) opened.close();
        totals.accepted += 1;
        wrong.push(`stream ${String(name).slice(0, 40)}: ${opened.ok ? 'opened' : opened.error.code}`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const reached = proxy.requests().slice(before);
    totals.engineRequests += reached.length;
    expect(wrong).toEqual([]);
    expect(reached).toEqual([]);
  });

  it('leaves Object.prototype alone and the backend answering', async () => {
    expect(prototypeSnapshot()).toBe(prototypeBefore);
    const probe = {} as Record<string, unknown>;
    expect(probe.polluted).toBeUndefined();
    expect(probe.isAdmin).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    // Still connected, still answering: the fuzz broke nothing.
    expect(backend.monitor.getStatus().state).toBe('connected');
    const status = await backend.server.handleRequest('engine.getStatus', {});
    expect(status).toMatchObject({ ok: true, value: { state: 'connected' } });
    const images = await backend.server.handleRequest('images.list', {});
    expect(images.ok).toBe(true);
  });
});

// ---------------------------------------------------------------------------
// The same through the harness's WebSocket, where JSON.parse and the frame limit come first.

interface Connection {
  socket: WebSocket;
  messages: Array<{ type: string; id?: number; result?: WireResult; error?: { code: string } }>;
  closed: Promise<{ code: number }>;
}

async function connect(harness: RunningHarness): Promise<Connection> {
  const socket = new WebSocket(`ws://${new URL(harness.origin).host}/ws?token=${harness.token}`, {
    origin: harness.origin,
  });
  const messages: Connection['messages'] = [];
  // A refused frame ends in a close code; the socket error that may come with it is expected.
  socket.on('error', () => undefined);
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as Connection['messages'][number]));
  const closed = new Promise<{ code: number }>((resolve) => socket.on('close', (code) => resolve({ code })));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('close', (code) => reject(new Error(`the harness refused the connection (${code})`)));
  });
  return { socket, messages, closed };
}

function send(connection: Connection, frame: string | Buffer, binary = false): Promise<void> {
  return new Promise((resolve, reject) =>
    connection.socket.send(frame, { binary }, (error) => (error ? reject(error) : resolve())),
  );
}

describe.skipIf(!requireEngine.available)('contract fuzz through the harness WebSocket', () => {
  let dir: string;
  let proxy: CountingProxy;
  let harness: RunningHarness;
  const totals = { tried: 0, accepted: 0, engineRequests: 0 };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-wsfuzz-'));
    proxy = await startSocketProxy(path.join(dir, 'docker.sock'), { countRequests: true });
    harness = await startHarness({
      DOCKER_HOST: `unix://${proxy.path}`,
      BERTH_SETTINGS_DIR: dir,
    });
    const connection = await connect(harness);
    await waitFor('the harness to connect to the engine', async () => {
      await send(connection, JSON.stringify({ type: 'request', id: 1, name: 'engine.getStatus', input: {} }));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const last = connection.messages.at(-1);
      return last?.result?.ok === true && (last.result.value as { state: string }).state === 'connected';
    });
    await waitFor('the events stream', () => proxy.requests().some((r) => /\/events/.test(r.path)));
    connection.socket.close();
  }, 60_000);

  afterAll(async () => {
    recordFuzz('harness WebSocket', totals);
    await harness?.stop();
    await proxy?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses malformed inputs and frames, survives a 2 MB frame, invalid UTF-8 and deep nesting, then still answers', async () => {
    const before = proxy.requests().length;
    let connection = await connect(harness);
    let closeCode = 0;
    let lastSent = '';
    connection.socket.on('close', (code, reason) => {
      closeCode = code;
      lastSent += ` (close ${code} ${String(reason)})`;
    });
    let lastId = 1000;
    const newId = () => (lastId += 1);
    const expected = new Map<number, { code: string; what: string }>();

    // Malformed inputs to every request and stream, as JSON frames.
    for (const name of requestNames) {
      for (const { input, label } of malformedInputs(contract.requests[name].input, {
        big: HALF_MB_STRING,
        jsonOnly: true,
      }).filter((_, index) => index % 4 === 0)) {
        const id = newId();
        expected.set(id, { code: 'invalid-input', what: `${name} <- ${label}` });
        if (connection.socket.readyState === WebSocket.OPEN)
          lastSent = `${name} <- ${label} (${JSON.stringify(input)?.length})`;
        await send(connection, JSON.stringify({ type: 'request', id, name, input }));
      }
    }
    for (const name of streamNames) {
      for (const { input, label } of malformedInputs(contract.streams[name].input, {
        big: HALF_MB_STRING,
        jsonOnly: true,
      }).filter((_, index) => index % 4 === 0)) {
        const id = newId();
        expected.set(id, { code: 'invalid-input', what: `stream ${name} <- ${label}` });
        await send(connection, JSON.stringify({ type: 'subscribe', id, name, input }));
      }
    }
    for (const name of unknownNames) {
      const text = safeJson(name);
      // The 1 MB name would be over the frame limit: the 2 MB frame below covers that.
      if (text === null || typeof name !== 'string' || text.length > 512 * 1024) continue;
      const id = newId();
      expected.set(id, { code: 'unknown-request', what: `unknown ${name.slice(0, 30)}` });
      await send(connection, JSON.stringify({ type: 'request', id, name, input: {} }));
    }
    // Deep nesting inside a valid envelope: JSON.parse must cope, zod must refuse.
    for (const depth of [10_000, 100_000]) {
      const id = newId();
      expected.set(id, { code: 'invalid-input', what: `input nested ${depth} deep` });
      await send(
        connection,
        `{"type":"request","id":${id},"name":"images.list","input":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`,
      );
    }
    {
      const id = newId();
      expected.set(id, { code: 'invalid-input', what: 'input of arrays nested 200000 deep' });
      await send(
        connection,
        `{"type":"request","id":${id},"name":"containers.remove","input":${'['.repeat(200_000)}${']'.repeat(200_000)}}`,
      );
    }
    // A binary frame holding a malformed request is read like text: refused the same way.
    {
      const id = newId();
      expected.set(id, { code: 'invalid-input', what: 'binary frame' });
      await send(
        connection,
        Buffer.from(JSON.stringify({ type: 'request', id, name: 'run.start', input: { Privileged: true } })),
        true,
      );
    }

    // Frames that are not messages at all: dropped without an answer, the connection stays.
    const junk: Array<string | Buffer> = [
      '',
      'not json',
      '{',
      '}{',
      'null',
      '123',
      '"request"',
      '[]',
      '[{"type":"request","id":1,"name":"images.list","input":{}}]',
      '{"type":"request"}',
      '{"type":"request","id":"1","name":"images.list","input":{}}',
      '{"type":"request","id":1.5,"name":"images.list","input":{}}',
      '{"type":"request","id":1e400,"name":"images.list","input":{}}',
      '{"type":"request","id":1,"name":123,"input":{}}',
      '{"type":"request","id":1,"name":{"toString":"images.list"},"input":{}}',
      '{"type":"delete","id":1,"name":"images.list","input":{}}',
      '{"type":"__proto__","id":1}',
      '{"__proto__":{"type":"request","id":1,"name":"images.list","input":{}}}',
      '{"constructor":{"prototype":{"polluted":"yes"}},"type":"unsubscribe","id":-1}',
      `${'['.repeat(300_000)}${']'.repeat(300_000)}`,
      `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`,
      '\u0000\u0001\u0002',
      '\uFEFF{"type":"request","id":1,"name":"images.list","input":{}}',
      Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0xff]),
      Buffer.alloc(1024, 0xff),
    ];
    for (const frame of junk) await send(connection, frame, Buffer.isBuffer(frame));

    const answered = () => new Set(connection.messages.map((m) => m.id));
    await waitFor(
      'an answer to every malformed request',
      () => {
        const ids = answered();
        return [...expected.keys()].every((id) => ids.has(id));
      },
      60_000,
    ).catch((error: Error) => {
      const ids = answered();
      const missing = [...expected].filter(([id]) => !ids.has(id)).map(([, want]) => want.what);
      throw new Error(
        `${error.message}; socket state ${connection.socket.readyState} (${closeCode}); last sent ${lastSent}; ${missing.length} of ${expected.size} unanswered, e.g. ${missing.slice(0, 5).join(' | ')}`,
      );
    });
    const wrong: string[] = [];
    for (const [id, want] of expected) {
      totals.tried += 1;
      const answer = connection.messages.find((m) => m.id === id)!;
      const code =
        answer.type === 'response' ? (answer.result?.ok ? 'ok' : answer.result?.error.code) : answer.error?.code;
      if (code !== want.code) {
        totals.accepted += 1;
        wrong.push(`${want.what}: ${JSON.stringify(answer).slice(0, 200)}`);
      }
    }
    totals.tried += junk.length;
    // Junk frames get no answer: nothing but the expected ids came back.
    const unexpected = connection.messages.filter((m) => m.id === undefined || !expected.has(m.id));
    totals.accepted += unexpected.length;
    expect(wrong).toEqual([]);
    expect(unexpected).toEqual([]);
    expect(connection.socket.readyState).toBe(WebSocket.OPEN);

    // A 2 MB frame is over maxPayload: the harness closes that connection (1009) and lives on.
    totals.tried += 1;
    const tooBig = JSON.stringify({ type: 'request', id: 1, name: 'hub.search', input: { query: 'z'.repeat(2e6) } });
    connection.socket.send(tooBig);
    expect((await connection.closed).code).toBe(1009);

    // Invalid UTF-8 in a text frame: closed with 1007, nothing else happens.
    connection = await connect(harness);
    totals.tried += 1;
    connection.socket.send(Buffer.from([0x7b, 0xc3, 0x28, 0xff, 0x7d]), { binary: false });
    expect((await connection.closed).code).toBe(1007);

    await new Promise((resolve) => setTimeout(resolve, 300));
    const reached = proxy.requests().slice(before);
    totals.engineRequests += reached.length;
    expect(reached.map((r) => `${r.method} ${r.path}`)).toEqual([]);

    // Still up, still answering a valid request, and the engine is asked only now.
    connection = await connect(harness);
    await send(connection, JSON.stringify({ type: 'request', id: 1, name: 'images.list', input: {} }));
    await waitFor('the valid answer', () => connection.messages.some((m) => m.id === 1));
    expect(connection.messages[0]?.result?.ok).toBe(true);
    expect(
      proxy
        .requests()
        .slice(before)
        .some((r) => /\/images\/json/.test(r.path)),
    ).toBe(true);
    connection.socket.close();
  });
});
