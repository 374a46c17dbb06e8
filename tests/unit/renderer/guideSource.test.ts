import { describe, expect, it } from 'vitest';
import { guideAgainText, guidePulledText } from '../../../src/renderer/src/run/sourceText';
import { createTranslator } from '../../../src/shared/i18n/translator';
import type { RunFlow } from '../../../src/shared/run';

/** Only what the guide's texts read from a finished first run. */
function flowFrom(source: RunFlow['source']): RunFlow {
  return { image: 'hello-world', source } as RunFlow;
}

describe('the guide says where the first image really came from', () => {
  const en = createTranslator('en');
  const ko = createTranslator('ko');

  it('names Docker Hub only when the engine pulled from Docker Hub itself', () => {
    const hub = flowFrom({ registry: 'docker.io', mirrors: [] });
    expect(guidePulledText(en, hub)).toContain('from Docker Hub');
    expect(guideAgainText(en, hub)).toContain('Docker Hub is skipped');
  });

  it('names the mirror the engine pulled through, in English and Korean', () => {
    const mirrored = flowFrom({ registry: 'docker.io', mirrors: ['http://127.0.0.1:5001'] });
    expect(guidePulledText(en, mirrored)).toBe(
      'The Docker server did not find the image in the local image cache, so it pulled "hello-world" through the Docker Hub mirror http://127.0.0.1:5001, as it is set up to do.',
    );
    expect(guidePulledText(en, mirrored)).not.toContain('from Docker Hub');
    expect(guideAgainText(en, mirrored)).toContain('the mirror http://127.0.0.1:5001 is skipped');
    expect(guidePulledText(ko, mirrored)).toContain('도커 허브 미러 http://127.0.0.1:5001에서');
    expect(guideAgainText(ko, mirrored)).not.toContain('도커 허브를 건너뛰어요');
  });

  it('names another registry', () => {
    const other = flowFrom({ registry: 'ghcr.io', mirrors: [] });
    expect(guidePulledText(en, other)).toContain('from the registry ghcr.io');
    expect(guidePulledText(ko, other)).toContain('ghcr.io 저장소에서');
    expect(guideAgainText(en, other)).toContain('the registry ghcr.io is skipped');
  });
});
