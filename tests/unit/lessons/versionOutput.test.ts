import { describe, expect, it } from 'vitest';
import { checkVersionOutput } from '../../../src/main/lessons/versionOutput';
import type { EngineStatus } from '../../../src/shared/engine';
import { versionOutputResultSchema } from '../../../src/shared/lessons';
import { world } from './worldFixture';

// Real outputs, taken on the testbed: the docker CLI against dockerd, against Podman's socket, and
// `podman version` (remote); Docker Desktop's as its documentation prints it.
const dockerd = `Client:
 Version:           28.2.2
 API version:       1.41 (downgraded from 1.50)
 Go version:        go1.24.3
 Git commit:        e6534b4
 Built:             Fri May 30 12:07:14 2025
 OS/Arch:           linux/amd64
 Context:           default

Server:
 Engine:
  Version:          20.10.24+dfsg1
  API version:      1.41 (minimum version 1.12)
  Go version:       go1.19.8
  Git commit:       5d6db84
  Built:            Thu May  7 21:09:36 2026
  OS/Arch:          linux/amd64
  Experimental:     false
 containerd:
  Version:          1.6.20~ds1
  GitCommit:        1.6.20~ds1-1+deb12u3
 runc:
  Version:          1.1.5+ds1
  GitCommit:        1.1.5+ds1-1+deb12u1
 docker-init:
  Version:          0.19.0
  GitCommit:        
`;

const dockerAgainstPodman = `Client:
 Version:           28.2.2
 API version:       1.41 (downgraded from 1.50)
 Go version:        go1.24.3
 Git commit:        e6534b4
 Built:             Fri May 30 12:07:14 2025
 OS/Arch:           linux/amd64
 Context:           default

Server: linux/amd64/debian-12
 Podman Engine:
  Version:          4.3.1
  APIVersion:       4.3.1
  Arch:             amd64
  BuildTime:        1970-01-01T00:00:00Z
  Experimental:     false
  GitCommit:        
  GoVersion:        go1.19.8
  KernelVersion:    6.18.44-fc-v1147
  MinAPIVersion:    4.0.0
  Os:               linux
 Conmon:
  Version:          conmon version 2.1.6, commit: unknown
  Package:          conmon_2.1.6+ds1-1_amd64
 OCI Runtime (runc):
  Version:          runc version 1.1.5+ds1
commit: 1.1.5+ds1-1+deb12u1
spec: 1.0.2-dev
go: go1.19.8
libseccomp: 2.5.4
  Package:          runc_1.1.5+ds1-1+deb12u1_amd64
 Engine:
  Version:          4.3.1
  API version:      1.41 (minimum version 1.24)
  Go version:       go1.19.8
  Git commit:       
  Built:            Thu Jan  1 00:00:00 1970
  OS/Arch:          linux/amd64
  Experimental:     false
`;

const podmanVersion = `Client:       Podman Engine
Version:      4.3.1
API Version:  4.3.1
Go Version:   go1.19.8
Built:        Thu Jan  1 00:00:00 1970
OS/Arch:      linux/amd64

Server:       Podman Engine
Version:      4.3.1
API Version:  4.3.1
Go Version:   go1.19.8
Built:        Thu Jan  1 00:00:00 1970
OS/Arch:      linux/amd64
`;

const dockerDesktop = `Client: Docker Engine - Community
 Cloud integration: v1.0.31
 Version:           23.0.3
 API version:       1.42
 Go version:        go1.19.7
 Git commit:        3e7cbfd
 Built:             Tue Apr  4 22:05:41 2023
 OS/Arch:           darwin/amd64
 Context:           desktop-linux

Server: Docker Desktop 4.19.0 (106363)
 Engine:
  Version:          23.0.3
  API version:      1.42 (minimum version 1.12)
  Go version:       go1.19.7
  Git commit:       59118bf
  Built:            Tue Apr  4 22:05:41 2023
  OS/Arch:          linux/amd64
  Experimental:     false
 containerd:
  Version:          1.6.20
  GitCommit:        2806fc1057397dbaeefbea0e4e17bddfbd388f38
 runc:
  Version:          1.1.5
  GitCommit:        v1.1.5-0-gf19387a
 docker-init:
  Version:          0.19.0
  GitCommit:        de40ad0
`;

// The server down: the Client half on stdout, the error on stderr (pasted together).
const serverDown = `Client:
 Version:           28.2.2
 API version:       1.50
 Go version:        go1.24.3
 Git commit:        e6534b4
 Built:             Fri May 30 12:07:14 2025
 OS/Arch:           linux/amd64
 Context:           default
Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?
`;

/** The fixture world's engine status with the server's version (and product) replaced. */
function connected(version: string, family: 'docker' | 'podman' = 'docker'): EngineStatus {
  const status = world().engine;
  return {
    ...status,
    server: {
      ...status.server!,
      family,
      version,
      product: { id: family === 'podman' ? 'podman' : 'dockerd', version },
    },
  };
}

const down: EngineStatus = { ...world().engine, state: 'disconnected', server: null };

describe('checkVersionOutput: pasted `docker version` against the connected Docker server', () => {
  it('matches the docker CLI against dockerd', () => {
    const result = checkVersionOutput(dockerd, connected('20.10.24+dfsg1'));
    expect(versionOutputResultSchema.parse(result)).toEqual({
      matches: true,
      reason: null,
      client: '28.2.2',
      server: '20.10.24+dfsg1',
    });
  });

  it('matches the docker CLI against Podman (its Engine part), and `podman version`', () => {
    expect(checkVersionOutput(dockerAgainstPodman, connected('4.3.1', 'podman'))).toEqual({
      matches: true,
      reason: null,
      client: '28.2.2',
      server: '4.3.1',
    });
    expect(checkVersionOutput(podmanVersion, connected('4.3.1', 'podman'))).toEqual({
      matches: true,
      reason: null,
      client: '4.3.1',
      server: '4.3.1',
    });
  });

  it("reads Docker Desktop's Server line and Engine part, with Windows line ends too", () => {
    expect(checkVersionOutput(dockerDesktop, connected('23.0.3'))).toMatchObject({
      matches: true,
      client: '23.0.3',
      server: '23.0.3',
    });
    expect(checkVersionOutput(dockerDesktop.replace(/\n/g, '\r\n'), connected('23.0.3')).matches).toBe(true);
    // The terminal's prompt and command pasted with it.
    expect(checkVersionOutput(`$ docker version\n${dockerDesktop}$ `, connected('23.0.3')).matches).toBe(true);
  });

  it("says which server answered when it is another one than Berth's", () => {
    expect(checkVersionOutput(dockerd, connected('4.3.1', 'podman'))).toEqual({
      matches: false,
      reason: 'other-server',
      client: '28.2.2',
      server: '20.10.24+dfsg1',
    });
    // containerd's or runc's versions are not the server's.
    expect(checkVersionOutput(dockerDesktop, connected('1.6.20')).reason).toBe('other-server');
  });

  it('finds no server when the docker command could not reach one', () => {
    expect(checkVersionOutput(serverDown, connected('20.10.24+dfsg1'))).toEqual({
      matches: false,
      reason: 'no-server',
      client: '28.2.2',
      server: null,
    });
  });

  it('refuses what is not `docker version` output', () => {
    for (const garbage of [
      'hello',
      'Version: 20.10.24+dfsg1',
      'Server:\n Engine:\n  Version: 20.10.24+dfsg1',
      '{"Client":{}}',
    ]) {
      expect(checkVersionOutput(garbage, connected('20.10.24+dfsg1'))).toMatchObject({
        matches: false,
        reason: 'no-client',
      });
    }
  });

  it('cannot compare while Berth has no Docker server', () => {
    expect(checkVersionOutput(dockerd, down)).toMatchObject({
      matches: false,
      reason: 'engine-down',
      client: '28.2.2',
    });
  });
});
