import { describe, expect, it } from 'vitest';
import { historyInstruction } from '../../src/main/images/historyInstruction';

describe('historyInstruction: what each builder records, as people wrote it', () => {
  it.each([
    // The classic builder (dockerd's POST /build) and Podman: "#(nop)" for steps that run nothing.
    ['/bin/sh -c #(nop)  ENV PATH=/usr/local/bin:/usr/bin:/bin', 'ENV PATH=/usr/local/bin:/usr/bin:/bin', 'ENV'],
    ['/bin/sh -c #(nop)  CMD ["sh"]', 'CMD ["sh"]', 'CMD'],
    ['/bin/sh -c #(nop) WORKDIR /data', 'WORKDIR /data', 'WORKDIR'],
    [
      '/bin/sh -c #(nop) COPY dir:ab5b19392bc8a6afe5119f21fbc2a84da5c8cc478c0aad4be34d0dd1b9f0fd8e in / ',
      'COPY dir:ab5b19392bc8… in /',
      'COPY',
    ],
    [
      '/bin/sh -c #(nop) ADD file:6b5e0f1a2c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f in / ',
      'ADD file:6b5e0f1a2c4d… in /',
      'ADD',
    ],
    ['/bin/sh -c apk add --no-cache curl', 'RUN apk add --no-cache curl', 'RUN'],
    ['/bin/bash -o pipefail -c curl -fsS https://example.org | sh', 'RUN curl -fsS https://example.org | sh', 'RUN'],
    // BuildKit: the instruction first, and "# buildkit" after the commands it ran.
    ['ENV A=b', 'ENV A=b', 'ENV'],
    ['EXPOSE map[8080/tcp:{}]', 'EXPOSE map[8080/tcp:{}]', 'EXPOSE'],
    ['COPY site /www # buildkit', 'COPY site /www', 'COPY'],
    ['RUN /bin/sh -c apk add curl # buildkit', 'RUN apk add curl', 'RUN'],
    ['WORKDIR /app', 'WORKDIR /app', 'WORKDIR'],
    // A `docker commit` or an import: shown as recorded.
    ['', '', null],
    [
      "# debian.sh --arch 'amd64' out/ 'bookworm' '@1700000000'",
      "# debian.sh --arch 'amd64' out/ 'bookworm' '@1700000000'",
      null,
    ],
  ])('%j → %j', (createdBy, instruction, keyword) => {
    const result = historyInstruction(createdBy);
    expect(result.instruction).toBe(instruction);
    expect(result.keyword).toBe(keyword);
    expect(result.buildArgs).toEqual([]);
  });

  it('takes the build arguments a RUN saw apart from its command, in both forms', () => {
    expect(historyInstruction('|1 GREETING=hello /bin/sh -c echo $GREETING > /greeting')).toEqual({
      instruction: 'RUN echo $GREETING > /greeting',
      keyword: 'RUN',
      buildArgs: ['GREETING=hello'],
    });
    expect(historyInstruction('RUN |2 A=b MESSAGE=two words /bin/sh -c echo "$A $MESSAGE" # buildkit')).toEqual({
      instruction: 'RUN echo "$A $MESSAGE"',
      keyword: 'RUN',
      buildArgs: ['A=b', 'MESSAGE=two words'],
    });
  });

  it('reads a RUN in the exec form with build arguments, whose words follow the arguments', () => {
    expect(historyInstruction('|1 A=b echo hi')).toEqual({
      instruction: 'RUN echo hi',
      keyword: 'RUN',
      buildArgs: ['A=b'],
    });
  });
});
