import type { Widen } from '../catalogShape';

/**
 * Lesson 4: `docker run hello-world` and the image cache. The intro starts with the onboarding's
 * "Image cache and Docker Hub" card, then tells the course's story of a run.
 */
export const helloWorldEn = {
  title: 'hello-world and the image cache',
  summary: 'Run hello-world twice and watch the second run skip Docker Hub.',
  intro:
    'Pulled images are kept in the local image cache. When an image is missing, Docker pulls it from Docker Hub, the public image store.',
  flow: {
    title: 'What `docker run hello-world` does',
    client: 'The Docker client (the docker command, or Berth) asks the Docker server (daemon) to run hello-world.',
    cache: 'The Docker server looks for the image in its image cache. When it is missing, it pulls it from Docker Hub.',
    create: 'The Docker server creates a container from the image and starts it.',
    output: 'The container prints its greeting, and the Docker server streams that output back to the client.',
    again: 'Run it a second time: the image is in the cache now, so Docker Hub is skipped.',
  },
  run: {
    running: 'Running hello-world…',
    openFlow: 'Open the live flow',
    cacheHit: 'This run found hello-world in the image cache: Docker Hub was skipped.',
    cacheMiss: 'hello-world was not in the image cache: this run pulled it from Docker Hub.',
    failed: 'The run did not finish: see the live flow for what happened.',
  },
  steps: {
    firstRun: {
      title: 'Run hello-world',
      body: 'Type the command in a terminal, or press the button. If hello-world is not in the image cache yet, the Docker server pulls it from Docker Hub first. If you ran it before (in the guide, say), it is in the cache already, and this run skips Docker Hub too.',
      done: 'The container {{first}} ran hello-world and printed its greeting (exit code 0).',
      action: 'Run hello-world',
    },
    secondRun: {
      title: 'Run it again',
      body: 'Run the same command once more. Each run creates a new container, but the image comes from the image cache now: no download.',
      done: 'The container {{second}} ran the same image ({{imageId}}) straight from the image cache: Docker Hub was skipped.',
      action: 'Run it again',
    },
  },
} as const;

export const helloWorldKo: Widen<typeof helloWorldEn> = {
  title: 'hello-world와 이미지 캐시',
  summary: 'hello-world를 두 번 실행하고, 두 번째 실행이 도커 허브를 건너뛰는 것을 봐요.',
  intro:
    '받은 이미지는 이미지 캐시 (로컬 보관소)에 보관돼요. 이미지가 없으면 도커가 공개 이미지 보관소인 도커 허브에서 받아 와요.',
  flow: {
    title: '`docker run hello-world`가 하는 일',
    client: '도커 클라이언트(docker 명령어나 Berth)가 도커 서버(데몬)에 hello-world 실행을 요청해요.',
    cache: '도커 서버가 이미지 캐시에서 이미지를 찾아요. 없으면 도커 허브에서 받아 와요 (pull).',
    create: '도커 서버가 그 이미지로 컨테이너를 만들고 시작해요.',
    output: '컨테이너가 인사말을 출력하고, 도커 서버가 그 출력을 클라이언트로 보내요.',
    again: '한 번 더 실행해 보세요. 이제 이미지가 캐시에 있어서 도커 허브를 건너뛰어요.',
  },
  run: {
    running: 'hello-world 실행 중…',
    openFlow: '실행 흐름 보기',
    cacheHit: '이번 실행은 이미지 캐시에서 hello-world를 찾았어요. 도커 허브를 건너뛰었어요.',
    cacheMiss: 'hello-world가 이미지 캐시에 없어서 이번 실행에서 도커 허브에서 받아 왔어요.',
    failed: '실행이 끝나지 않았어요. 실행 흐름에서 무슨 일이 있었는지 확인하세요.',
  },
  steps: {
    firstRun: {
      title: 'hello-world 실행하기',
      body: '터미널에 명령어를 입력하거나 버튼을 누르세요. hello-world가 아직 이미지 캐시에 없으면 도커 서버가 먼저 도커 허브에서 받아 와요. 전에 실행한 적이 있다면(안내에서처럼) 이미 캐시에 있어서 이번 실행도 도커 허브를 건너뛰어요.',
      done: '{{first}} 컨테이너가 hello-world를 실행해서 인사말을 출력했어요 (종료 코드 0).',
      action: 'hello-world 실행',
    },
    secondRun: {
      title: '한 번 더 실행하기',
      body: '같은 명령어를 한 번 더 실행하세요. 실행할 때마다 새 컨테이너가 만들어지지만, 이번에는 이미지를 이미지 캐시에서 가져와요. 내려받지 않아요.',
      done: '{{second}} 컨테이너가 같은 이미지({{imageId}})를 이미지 캐시에서 바로 실행했어요. 도커 허브를 건너뛰었어요.',
      action: '다시 실행',
    },
  },
};
