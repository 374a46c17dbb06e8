import { describe, expect, it } from 'vitest';
import {
  emptyRunForm,
  startIssueErrors,
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
