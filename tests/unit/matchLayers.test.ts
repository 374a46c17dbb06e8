import { describe, expect, it } from 'vitest';
import { matchLayers } from '../../src/main/images/imageLayers';

describe('matchLayers: history steps matched to the image layers, oldest first', () => {
  it('counts the layers each step leaves, metadata steps adding none', () => {
    // busybox: COPY (a layer), CMD, LABEL.
    expect(matchLayers(['layer', 'metadata', 'metadata'], 1)).toEqual({
      madeLayer: [true, false, false],
      chainLength: [1, 1, 1],
    });
  });

  it('reads an empty RUN or WORKDIR as no layer when the sure layers already make the count', () => {
    expect(matchLayers(['layer', 'either', 'metadata', 'layer'], 2)).toEqual({
      madeLayer: [true, false, false, true],
      chainLength: [1, 1, 1, 2],
    });
  });

  it('reads them as layers of 0 B when only with them the count adds up', () => {
    expect(matchLayers(['layer', 'either', 'metadata', 'layer'], 3)).toEqual({
      madeLayer: [true, true, false, true],
      chainLength: [1, 2, 2, 3],
    });
  });

  it('says nothing when the count cannot tell which of them made a layer', () => {
    expect(matchLayers(['layer', 'either', 'either'], 2)).toBeNull();
    expect(matchLayers(['layer', 'metadata'], 3)).toBeNull();
  });
});
