import { describe, expect, it } from 'vitest';
import {
  checkIssueErrors,
  emptyRunForm,
  pathsAfterRemoving,
  startIssueErrors,
  visibleErrors,
  toRunInput,
  validateRunForm,
  type RunForm,
} from '../../../src/renderer/src/run/runForm';
import { createTranslator } from '../../../src/shared/i18n/translator';
import { BIND_FORBIDDEN, BIND_SOURCE_MISSING, runInputSchema } from '../../../src/shared/run';

const en = createTranslator('en');
const ko = createTranslator('ko');
const withCommand = (command: string): RunForm => ({ ...emptyRunForm('busybox'), command });

describe('the run dialog’s Command field', () => {
  it('is split like a shell: a backslash in double quotes stays (the old splitter made "a\\nb" anb)', () => {
    const { input, errors } = validateRunForm(en, withCommand(String.raw`echo "a\nb" 'c\d' e\ f`));
    expect(errors).toEqual({});
    expect(input?.command).toEqual(['echo', String.raw`a\nb`, String.raw`c\d`, 'e f']);
  });

  it('refuses an unterminated quote and a trailing backslash, saying where, in the user’s language', () => {
    // The old splitter ran `sh -c "echo hi` as if the quote were closed.
    expect(validateRunForm(en, withCommand('sh -c "echo hi'))).toEqual({
      input: null,
      errors: {
        command: 'The double quote (") at character 7 is never closed. Close it, or put a backslash before it.',
      },
    });
    expect(validateRunForm(ko, withCommand('sh -c "echo hi')).errors.command).toBe(
      '7번째 글자의 큰따옴표(")가 닫히지 않았어요. 따옴표를 닫거나 앞에 백슬래시(\\)를 붙이세요.',
    );
    expect(validateRunForm(en, withCommand("echo 'it")).errors.command).toBe(
      "The single quote (') at character 6 is never closed. Close it, or put a backslash before it.",
    );
    expect(validateRunForm(en, withCommand('echo hi\\')).errors.command).toBe(
      'The backslash (\\) at character 8 has nothing after it. Remove it, or write \\\\ for a backslash.',
    );
  });

  it('sends the line as typed: the main process’s schema splits and refuses it the same way', () => {
    const sent = toRunInput(withCommand('sh -c "echo hi'));
    expect(sent.command).toBe('sh -c "echo hi');
    const parsed = runInputSchema.safeParse(sent);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toEqual([
      expect.objectContaining({ path: ['command'], message: 'command:unterminated-double-quote:7' }),
    ]);
    expect(runInputSchema.parse(toRunInput(withCommand(`sh -c 'echo hi'`))).command).toEqual(['sh', '-c', 'echo hi']);
    // An empty field keeps the image's command; words already split are taken as they are.
    expect(runInputSchema.parse(toRunInput(withCommand('   '))).command).toBeNull();
    expect(runInputSchema.parse({ image: 'busybox', command: ['a b'] }).command).toEqual(['a b']);
  });
});

describe('folders refused by run.start, on their rows', () => {
  const form: RunForm = {
    ...emptyRunForm('busybox'),
    volumes: [
      { kind: 'named', name: 'data', containerPath: '/data', readOnly: false },
      { kind: 'bind', hostPath: ' /home/me/site ', containerPath: '/site', readOnly: false, confirmed: true },
      { kind: 'bind', hostPath: '/home/me/link', containerPath: '/link', readOnly: false, confirmed: true },
    ],
  };

  it('says a missing folder and a forbidden one in the user’s language; other issues stay with the card', () => {
    const issues = [
      { path: 'volumes.1.hostPath', message: BIND_SOURCE_MISSING },
      { path: 'volumes.2.hostPath', message: BIND_FORBIDDEN },
      { path: 'name', message: 'The name "x" is already used.' },
    ];
    expect(startIssueErrors(en, form, issues)).toEqual({
      'volumes.1.hostPath':
        'The folder /home/me/site does not exist on this computer. Create it first, or check the path.',
      'volumes.2.hostPath':
        'This folder may not be shared with a container: it would give it control of your computer.',
    });
    expect(startIssueErrors(ko, form, issues)['volumes.1.hostPath']).toBe(
      '이 컴퓨터에 /home/me/site 폴더가 없어요. 먼저 폴더를 만들거나 경로를 확인하세요.',
    );
    expect(startIssueErrors(en, form, undefined)).toEqual({});
  });
});

describe('the container name’s length', () => {
  it('is said as the length (2 to 128), not as bad characters', () => {
    const long = 'a'.repeat(300);
    expect(validateRunForm(en, { ...emptyRunForm('busybox'), name: long }).errors.name).toBe(
      'A name has 2 to 128 characters; this one has 300.',
    );
    expect(validateRunForm(ko, { ...emptyRunForm('busybox'), name: long }).errors.name).toBe(
      '이름은 2자에서 128자까지 쓸 수 있어요. 지금은 300자예요.',
    );
    expect(validateRunForm(en, { ...emptyRunForm('busybox'), name: 'a' }).errors.name).toBe(
      'A name has 2 to 128 characters; this one has 1.',
    );
    // 128 is allowed; bad characters are still bad characters.
    expect(validateRunForm(en, { ...emptyRunForm('busybox'), name: 'a'.repeat(128) }).errors).toEqual({});
    expect(validateRunForm(en, { ...emptyRunForm('busybox'), name: 'my box' }).errors.name).toBe(
      'Letters, digits, _ . - only, starting with a letter or digit.',
    );
  });
});

describe('what the engine found, on the fields', () => {
  const form: RunForm = {
    ...emptyRunForm('redis'),
    ports: [{ hostIp: '127.0.0.1', hostPort: '6379', containerPort: '6379', protocol: 'tcp' }],
    volumes: [
      { kind: 'bind', hostPath: '/home/me/innocent', containerPath: '/host', readOnly: false, confirmed: true },
      { kind: 'bind', hostPath: '/', containerPath: '/disk', readOnly: false, confirmed: true },
    ],
  };

  it('names the container holding a host port', () => {
    const issue = { field: 'ports.0.hostPort', code: 'port-in-use' as const, message: '…', holder: 'uxw-redis' };
    expect(checkIssueErrors(en, form, [issue])['ports.0.hostPort']).toBe(
      'Port 6379 on this computer is already taken (by container uxw-redis). Pick another host port.',
    );
    expect(checkIssueErrors(en, form, [{ ...issue, holder: null }])['ports.0.hostPort']).toBe(
      'Port 6379 on this computer is already taken. Pick another host port.',
    );
  });

  it('says where a link leads and why that may not be shared, on the row', () => {
    const errors = checkIssueErrors(en, form, [
      {
        field: 'volumes.0.hostPath',
        code: 'folder-forbidden',
        message: '…',
        realPath: '/',
        reason: 'disk',
      },
      { field: 'volumes.1.hostPath', code: 'folder-forbidden', message: '…', realPath: '/', reason: 'disk' },
    ]);
    expect(errors['volumes.0.hostPath']).toBe(
      '/home/me/innocent leads to /. This is the whole disk of this computer: a container given it could change anything. Share a folder inside it instead.',
    );
    // Typed as it is: no "leads to" itself.
    expect(errors['volumes.1.hostPath']).toBe(
      'This is the whole disk of this computer: a container given it could change anything. Share a folder inside it instead.',
    );
    expect(
      checkIssueErrors(ko, form, [
        {
          field: 'volumes.0.hostPath',
          code: 'folder-forbidden',
          message: '…',
          realPath: '/run/docker.sock',
          reason: 'socket',
        },
      ])['volumes.0.hostPath'],
    ).toBe(
      '/home/me/innocent 경로는 실제로 /run/docker.sock 경로로 이어져요. 도커 서버의 소켓이에요. 컨테이너가 이 컴퓨터를 제어할 수 있게 되니, 다른 폴더를 공유하세요.',
    );
  });
});

describe('when a field’s own mistakes show', () => {
  const errors = { 'ports.0.containerPort': 'A port is a number from 1 to 65535.', name: 'bad' };

  it('after the field was left, or after Run; what the engine found at once', () => {
    expect(visibleErrors(errors, new Set(), false)).toEqual({});
    expect(visibleErrors(errors, new Set(['name']), false)).toEqual({ name: 'bad' });
    expect(visibleErrors(errors, new Set(), true)).toEqual(errors);
    expect(visibleErrors({}, new Set(), false, { 'ports.0.hostPort': 'taken' })).toEqual({
      'ports.0.hostPort': 'taken',
    });
  });

  it('a removed row takes its left fields with it; the rows after it move up', () => {
    const left = new Set(['name', 'ports.0.hostPort', 'ports.1.hostPort', 'ports.2.containerPort', 'env.1.key']);
    expect([...pathsAfterRemoving(left, 'ports', 1)].sort()).toEqual(
      ['env.1.key', 'name', 'ports.0.hostPort', 'ports.1.containerPort'].sort(),
    );
  });
});
