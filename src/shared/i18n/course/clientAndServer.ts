import type { Widen } from '../catalogShape';

/** Lesson 3: client and server. The intro is the onboarding's third concept card, shown with the live versions. */
export const clientAndServerEn = {
  title: 'Client and server',
  summary: 'See the two halves of Docker: the docker command and the Docker server (daemon).',
  intro:
    'You type commands into the Docker client (the docker command, or Berth). The Docker server (daemon) receives them and does the work. They are two programs: the client sends requests, and the Docker server answers them on a socket.',
  live: {
    title: 'On this computer now',
    client: {
      title: 'Docker client',
      body: 'The docker command in your terminal, and Berth. Each sends its requests to the Docker server.',
    },
    socket: 'Requests go to {{endpoint}}',
    server: {
      title: 'Docker server',
      body: '{{product}} answers: version {{serverVersion}}, API {{apiVersion}}.',
      down: 'The Docker server does not answer now. Start Docker, and this shows its version.',
    },
  },
  honest:
    'The Docker server only sees the requests that reach it, not the commands typed in a terminal. So Berth checks what it can: that you opened the installation check in Berth, or the `docker version` output you paste here.',
  steps: {
    versions: {
      title: 'Ask the client and the Docker server for their versions',
      body: 'Run `docker version` in a terminal, or open the installation check in Berth. Both show two halves: `Client:` is the docker command itself, `Server:` is what the Docker server answered.',
      done: 'Berth saw the Docker server {{seenVersion}} answer.',
      action: 'Open the installation check',
    },
  },
  paste: {
    label: 'Paste what `docker version` printed in your terminal',
    check: 'Check the output',
    checking: 'Checking…',
    matched: 'It matches: your terminal’s docker command talked to this Docker server (version {{server}}).',
    failed: 'Berth could not check the output',
    reasons: {
      empty: 'Paste the output first.',
      'no-client':
        'This does not look like `docker version` output: there is no `Client:` part. Run `docker version` and paste everything it printed.',
      'no-server':
        'The output has a `Client:` part but no `Server:` part: the docker command could not reach a Docker server. Start Docker, run `docker version` again, and paste the new output.',
      'other-server':
        'The `Server:` part says version {{server}}, but the Docker server Berth is connected to is version {{live}}. Your terminal may be using another Docker (another context or `DOCKER_HOST`).',
      'engine-down': 'Berth is not connected to a Docker server now, so it cannot compare. Start Docker and try again.',
    },
  },
} as const;

export const clientAndServerKo: Widen<typeof clientAndServerEn> = {
  title: '도커 클라이언트와 도커 서버',
  summary: '도커의 두 부분, docker 명령어와 도커 서버(데몬)를 살펴봐요.',
  intro:
    '명령어는 도커 클라이언트(docker 명령어나 Berth)에 입력해요. 도커 서버(데몬)가 그 명령어를 받아 실제 일을 해요. 둘은 서로 다른 프로그램이에요. 클라이언트가 요청을 보내면 도커 서버가 소켓으로 응답해요.',
  live: {
    title: '지금 이 컴퓨터에서는',
    client: {
      title: '도커 클라이언트',
      body: '터미널의 docker 명령어와 Berth예요. 둘 다 도커 서버에 요청을 보내요.',
    },
    socket: '요청이 가는 곳: {{endpoint}}',
    server: {
      title: '도커 서버',
      body: '응답하는 프로그램: {{product}}. 버전 {{serverVersion}}, API {{apiVersion}}.',
      down: '지금은 도커 서버가 응답하지 않아요. 도커를 실행하면 여기에 버전이 나와요.',
    },
  },
  honest:
    '도커 서버는 도착한 요청만 볼 수 있고, 터미널에 입력한 명령어는 볼 수 없어요. 그래서 Berth는 볼 수 있는 것을 확인해요. Berth에서 설치 확인을 열었는지, 또는 여기에 붙여 넣은 `docker version` 출력이 맞는지예요.',
  steps: {
    versions: {
      title: '도커 클라이언트와 도커 서버의 버전 확인하기',
      body: '터미널에서 `docker version`을 실행하거나 Berth에서 설치 확인을 열어요. 둘 다 두 부분을 보여 줘요. `Client:`는 docker 명령어 자신이고, `Server:`는 도커 서버가 응답한 내용이에요.',
      done: 'Berth가 도커 서버 {{seenVersion}}의 응답을 확인했어요.',
      action: '설치 확인 열기',
    },
  },
  paste: {
    label: '터미널에서 `docker version`이 출력한 내용을 붙여 넣으세요',
    check: '출력 확인',
    checking: '확인 중…',
    matched: '맞아요. 터미널의 docker 명령어가 이 도커 서버(버전 {{server}})와 통신했어요.',
    failed: '출력을 확인하지 못했어요',
    reasons: {
      empty: '먼저 출력을 붙여 넣으세요.',
      'no-client':
        '`docker version` 출력이 아닌 것 같아요. `Client:` 부분이 없어요. `docker version`을 실행하고 출력된 내용을 전부 붙여 넣으세요.',
      'no-server':
        '`Client:` 부분은 있지만 `Server:` 부분이 없어요. docker 명령어가 도커 서버에 연결하지 못했어요. 도커를 실행하고 `docker version`을 다시 실행한 뒤 새 출력을 붙여 넣으세요.',
      'other-server':
        '`Server:` 부분의 버전({{server}})이 Berth가 연결된 도커 서버의 버전({{live}})과 달라요. 터미널이 다른 도커(다른 컨텍스트나 `DOCKER_HOST`)를 쓰고 있을 수 있어요.',
      'engine-down':
        '지금 Berth가 도커 서버에 연결되어 있지 않아서 비교할 수 없어요. 도커를 실행한 뒤 다시 시도하세요.',
    },
  },
};
