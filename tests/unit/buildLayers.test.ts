import { describe, expect, it } from 'vitest';
import { layerSizes, type HistoryEntry } from '../../src/main/builds/buildLayers';
import { plannedSteps } from '../../src/main/builds/buildStream';
import { parseDockerfile } from '../../src/shared/dockerfile';

const dockerfile = 'FROM busybox\nRUN echo x > /x\nCOPY f /f\nENV A=1\n';
/** The steps as the stream left them: each with the short id of the image it made. */
function builtSteps(ids: string[]) {
  return plannedSteps(parseDockerfile(dockerfile).instructions, 0).map((step, position) => ({
    ...step,
    state: 'ran' as const,
    imageId: ids[position] ?? null,
  }));
}
const base: HistoryEntry[] = [
  { Id: 'sha256:bd72d60d281cc', Size: 0, CreatedBy: '/bin/sh -c #(nop)  LABEL org.berth.testbed.fingerprint=8e2a7' },
  { Id: '<missing>', Size: 0, CreatedBy: '/bin/sh -c #(nop)  CMD ["sh"]' },
  { Id: '<missing>', Size: 1984241, CreatedBy: '/bin/sh -c #(nop) COPY dir:ab5b19392bc8a6afe in / ' },
];

describe("each step's layer size, from the image's history", () => {
  it("dockerd: by position, checked against each entry's instruction; FROM is the base's size", () => {
    // GET /images/{id}/history of this Dockerfile's image on dockerd 20.10, newest first.
    const history: HistoryEntry[] = [
      { Id: 'sha256:0916d16154824', Size: 0, CreatedBy: '/bin/sh -c #(nop)  ENV A=1' },
      { Id: 'sha256:c891b6a5937ec', Size: 5000, CreatedBy: '/bin/sh -c #(nop) COPY file:2e9badfe1f08 in /f ' },
      { Id: 'sha256:74c6eaae65a38', Size: 2, CreatedBy: '/bin/sh -c echo x > /x' },
      ...base,
    ];
    const steps = layerSizes(builtSteps(['bd72d60d281c', '74c6eaae65a3', 'c891b6a5937e', '0916d1615482']), history, 0);
    expect(steps.map((step) => step.layerBytes)).toEqual([1984241, 2, 5000, 0]);
  });

  it('Podman: its history files the ids one entry off, and position still gives each step its own size', () => {
    const history: HistoryEntry[] = [
      { Id: '223ebaa6f8f4677af592ff7b878ac5ca', Size: 0, CreatedBy: '/bin/sh -c #(nop) ENV A=1' },
      { Id: '<missing>', Size: 6656, CreatedBy: '/bin/sh -c #(nop) COPY file:2952c1bed9123de525da in /f ' },
      { Id: '99c34f925c34bae8308f59446a1de799', Size: 6144, CreatedBy: '/bin/sh -c echo x > /x' },
      ...base,
    ];
    const steps = layerSizes(builtSteps(['bd72d60d281', '99c34f925c3', '223ebaa6f8f', '6c569d79884']), history, 0);
    expect(steps.map((step) => step.layerBytes)).toEqual([1984241, 6144, 6656, 0]);
  });

  it('when the entries do not line up with the steps: by image id, metadata-only steps 0, the rest unknown', () => {
    const history: HistoryEntry[] = [
      { Id: 'sha256:c891b6a5937ec', Size: 5000, CreatedBy: '/bin/sh -c #(nop) COPY file:2e9badfe1f08 in /f ' },
      { Id: 'sha256:74c6eaae65a38', Size: 2, CreatedBy: '/bin/sh -c echo x > /x' },
      ...base,
    ];
    const steps = layerSizes(builtSteps(['bd72d60d281c', '74c6eaae65a3', 'c891b6a5937e', '0916d1615482']), history, 0);
    expect(steps.map((step) => step.layerBytes)).toEqual([null, 2, 5000, 0]);
  });
});
