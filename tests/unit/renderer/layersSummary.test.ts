import { describe, expect, it } from 'vitest';
import type { ImageLayer, ImageLayers } from '../../../src/shared/builds';
import { createTranslator } from '../../../src/shared/i18n/translator';
import { imageNameList, layersSummary } from '../../../src/renderer/src/images/layersSummary';

const layer = (bytes: number, sharedWith: string[] = [], metadataOnly = false): ImageLayer => ({
  instruction: metadataOnly ? 'ENV A=b' : 'COPY . /www',
  buildArgs: [],
  bytes,
  created: 0,
  metadataOnly,
  imageId: null,
  sharedWith,
});

function image(layers: ImageLayer[], sharingKnown = true): ImageLayers {
  const sharedBytes = layers.reduce((sum, l) => sum + (l.sharedWith.length > 0 ? l.bytes : 0), 0);
  const totalBytes = layers.reduce((sum, l) => sum + l.bytes, 0);
  return { id: 'sha256:abc', repoTags: ['site:latest'], layers, sharingKnown, sharedBytes, totalBytes };
}

const en = createTranslator('en');
const ko = createTranslator('ko');

describe('layersSummary: the sentence on top of the layers view', () => {
  it('counts the shared layers (not the metadata steps) and says what the image adds', () => {
    const site = image([layer(4_300_000, ['busybox:latest']), layer(0, [], true), layer(12_000), layer(0, [], true)]);
    expect(layersSummary(en, site, 'en')).toBe(
      '1 of these 2 layers (4.3 MB) is shared with busybox:latest: it is stored once on disk, so this image costs you only 12 kB more.',
    );
    expect(layersSummary(ko, site, 'ko')).toBe(
      '레이어 2개 중 1개(4.3MB)는 다른 이미지도 함께 써요: busybox:latest. 디스크에는 한 번만 저장되니, 이 이미지가 더 차지하는 공간은 12kB뿐이에요.',
    );
  });

  it('names every image that shares the base, the base layer listing them all', () => {
    const site = image([
      layer(4_300_000, ['busybox:latest', 'web:1']),
      layer(2_000, ['web:1']),
      layer(1_000, ['web:1']),
      layer(12_000),
    ]);
    expect(layersSummary(en, site, 'en')).toBe(
      '3 of these 4 layers (4.3 MB) are shared with busybox:latest and web:1: they are stored once on disk, so this image costs you only 12 kB more.',
    );
  });

  it('says when every layer is shared, when none is, when there are none, and when it cannot tell', () => {
    expect(layersSummary(en, image([layer(5_000, ['a:1']), layer(0, [], true)]), 'en')).toBe(
      'Its one layer (5 kB) is shared with a:1: it is stored once on disk, so this image costs you no more disk space.',
    );
    expect(layersSummary(en, image([layer(5_000)]), 'en')).toBe(
      'No other image in your local image cache has these layers: all 5 kB are this image’s own.',
    );
    expect(layersSummary(en, image([layer(0, [], true)]), 'en')).toBe(
      'This image has no layers of files, only settings.',
    );
    expect(layersSummary(en, image([layer(5_000)], false), 'en')).toContain('could not match');
  });

  it('lists at most three names, then how many more', () => {
    expect(imageNameList(en, ['a', 'b', 'c', 'd', 'e'], 'en')).toBe('a, b, c, and 2 more images');
    expect(imageNameList(en, ['a', 'b', 'c', 'd'], 'en')).toBe('a, b, c, and d');
    expect(imageNameList(ko, ['a', 'b', 'c', 'd', 'e'], 'ko')).toBe('a, b, c 및 이미지 2개 더');
  });
});
