import { describe, expect, it } from 'vitest';
import {
  emptyBuildForm,
  suggestedTag,
  undeclaredArgs,
  validateBuildForm,
  type BuildForm,
} from '../../../src/renderer/src/build/buildForm';
import { parseDockerfile } from '../../../src/shared/dockerfile';
import { createTranslator } from '../../../src/shared/i18n/translator';

const en = createTranslator('en');
const ko = createTranslator('ko');
const dockerfile = parseDockerfile(
  'ARG VERSION=1\nFROM busybox AS build\nRUN echo $VERSION > /v\nFROM busybox\nCOPY --from=build /v /v\n',
);
const place = { contextPath: '/home/me/site', dockerfile: 'Dockerfile', stages: dockerfile.stages };
const form = (patch: Partial<BuildForm>): BuildForm => ({ ...emptyBuildForm('site'), ...patch });

describe('the Build page’s options', () => {
  it('become builds.start’s options when they read well', () => {
    const { options, errors } = validateBuildForm(
      en,
      form({
        tag: ' site:1 ',
        buildArgs: [
          { name: 'VERSION', value: '2' },
          { name: '', value: '' },
        ],
        target: 'build',
        noCache: true,
      }),
      place,
    );
    expect(errors).toEqual({});
    expect(options).toEqual({
      contextPath: '/home/me/site',
      dockerfile: 'Dockerfile',
      tag: 'site:1',
      buildArgs: [{ name: 'VERSION', value: '2' }],
      target: 'build',
      noCache: true,
      pull: false,
    });
  });

  it('check the image name with the reference grammar, in the user’s language', () => {
    expect(validateBuildForm(en, form({ tag: 'My-Site' }), place)).toEqual({
      options: null,
      errors: { tag: en('run.error.reference.uppercase', { suggestion: 'my-site' }) },
    });
    expect(validateBuildForm(en, form({ tag: 'site:1' }), place).errors).toEqual({});
    const korean = validateBuildForm(ko, form({ tag: 'site:bad tag' }), place).errors.tag;
    expect(korean).toBe(ko('run.error.reference.has-spaces', { suggestion: 'site:bad tag' }));
    expect(korean).toMatch(/[가-힣]/);
    // A digest is the registry's, not a name the build can give.
    expect(validateBuildForm(en, form({ tag: `site@sha256:${'a'.repeat(64)}` }), place).errors.tag).toBe(
      en('build.error.tagDigest'),
    );
    // No name at all builds an image without one, as docker build without -t.
    expect(validateBuildForm(en, form({ tag: '' }), place).options?.tag).toBe('');
  });

  it('say which build argument is wrong, by its row', () => {
    const { options, errors } = validateBuildForm(
      en,
      form({
        buildArgs: [
          { name: '1ST', value: 'x' },
          { name: 'VERSION', value: '1' },
          { name: 'VERSION', value: '2' },
        ],
      }),
      place,
    );
    expect(options).toBeNull();
    expect(errors).toEqual({
      'buildArgs.0.name': en('build.error.argName'),
      'buildArgs.2.name': en('build.error.argTwice', { name: 'VERSION' }),
    });
  });

  it('refuse a target stage the Dockerfile in the editor no longer names', () => {
    const renamed = parseDockerfile('FROM busybox AS compile\nFROM busybox\n');
    expect(validateBuildForm(en, form({ target: 'build' }), { ...place, stages: renamed.stages }).errors).toEqual({
      target: en('build.error.targetGone', { target: 'build' }),
    });
  });

  it('name build arguments no ARG line declares (the builder ignores them), not the predefined proxies', () => {
    const args = [
      { name: 'VERSION', value: '1' },
      { name: 'COLOUR', value: 'red' },
      { name: 'HTTP_PROXY', value: 'http://proxy' },
    ];
    expect(undeclaredArgs(form({ buildArgs: args }), dockerfile)).toEqual(['COLOUR']);
  });

  it('suggest an image name from the folder’s name', () => {
    expect(suggestedTag('/home/me/static-site')).toBe('static-site');
    expect(suggestedTag('/home/me/My Site!/')).toBe('my-site');
    expect(suggestedTag('C:\\Users\\me\\Web_App')).toBe('web_app');
    expect(suggestedTag('/')).toBe('my-image');
  });
});
