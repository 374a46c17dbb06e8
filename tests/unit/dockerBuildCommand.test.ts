import { describe, expect, it } from 'vitest';
import { buildOptionsSchema } from '../../src/shared/builds';
import { dockerBuildCommand } from '../../src/shared/dockerBuildCommand';

const options = (input: Partial<Parameters<typeof buildOptionsSchema.parse>[0]>) =>
  buildOptionsSchema.parse({ contextPath: '/home/me/site', ...input });

describe('the docker build line the Build page offers to copy', () => {
  it('builds the folder with the classic builder, as POST /build does', () => {
    expect(dockerBuildCommand(options({}))).toBe('DOCKER_BUILDKIT=0 docker build /home/me/site');
    expect(dockerBuildCommand(options({ tag: 'static-site:1' }))).toBe(
      'DOCKER_BUILDKIT=0 docker build -t static-site:1 /home/me/site',
    );
  });

  it('has every option, in the order docker build documents them', () => {
    expect(
      dockerBuildCommand(
        options({
          tag: 'app',
          dockerfile: 'docker/dev.Dockerfile',
          buildArgs: [
            { name: 'VERSION', value: '1.2' },
            { name: 'GREETING', value: "it's me" },
          ],
          target: 'build',
          noCache: true,
          pull: true,
        }),
      ),
    ).toBe(
      "DOCKER_BUILDKIT=0 docker build -t app -f /home/me/site/docker/dev.Dockerfile --build-arg VERSION=1.2 --build-arg 'GREETING=it'\\''s me' --target build --no-cache --pull /home/me/site",
    );
  });

  it('gives -f as a full path (the CLI reads it from where the line is typed) and quotes what needs it', () => {
    expect(dockerBuildCommand(options({ contextPath: '/home/me/my site/', dockerfile: 'Containerfile' }))).toBe(
      "DOCKER_BUILDKIT=0 docker build -f '/home/me/my site/Containerfile' '/home/me/my site/'",
    );
    expect(dockerBuildCommand(options({ contextPath: 'C:\\Users\\me\\site', dockerfile: 'docker/Dockerfile' }))).toBe(
      "DOCKER_BUILDKIT=0 docker build -f 'C:\\Users\\me\\site\\docker\\Dockerfile' 'C:\\Users\\me\\site'",
    );
  });
});
