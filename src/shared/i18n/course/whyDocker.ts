import type { Widen } from '../catalogShape';

/** Lesson 1: why Docker. The intro is the onboarding's first concept card, told with redis. */
export const whyDockerEn = {
  title: 'Why Docker',
  summary: 'Install redis the old way, or run it with one command.',
  intro:
    'Without Docker, installing software means chasing the right versions on every machine. A container carries the program with everything it needs, the same on any computer or cloud.',
  oldWay: {
    title: 'The old way: installing redis by hand',
    body: 'Download the source, install a compiler and its libraries, build it, write a configuration file, make a service that starts it, and hope the next computer has the same versions. On another operating system, every step is different.',
  },
  newWay: {
    title: 'With Docker',
    body: 'The redis image is the package: redis and everything it needs. One command gets it, one more runs it, the same on every computer with Docker.',
  },
  steps: {
    pull: {
      title: 'Get the redis image',
      body: 'Pull the image from Docker Hub into the image cache on this computer. Nothing is installed on the computer itself.',
      done: 'The redis image is in the image cache.',
      action: 'Pull redis',
    },
    run: {
      title: 'Run a redis container',
      body: 'Start a container from the image: redis runs at once, with no installation and no configuration.',
      done: 'The container {{container}} runs redis.',
      action: 'Run redis',
    },
  },
} as const;

export const whyDockerKo: Widen<typeof whyDockerEn> = {
  title: '왜 도커일까요',
  summary: 'redis를 예전 방식으로 설치하는 것과 명령어 하나로 실행하는 것을 비교해요.',
  intro:
    '도커가 없으면 컴퓨터마다 맞는 버전을 찾아 설치해야 해요. 컨테이너는 프로그램과 필요한 모든 것을 함께 담아서 어느 컴퓨터나 클라우드에서도 똑같이 실행돼요.',
  oldWay: {
    title: '예전 방식: redis를 직접 설치하기',
    body: '소스를 내려받고, 컴파일러와 라이브러리를 설치하고, 빌드하고, 설정 파일을 쓰고, 시작하는 서비스를 만들어요. 다음 컴퓨터에도 같은 버전이 있기를 바라야 해요. 운영체제가 다르면 모든 단계가 달라져요.',
  },
  newWay: {
    title: '도커로 하면',
    body: 'redis 이미지가 패키지예요. redis와 필요한 모든 것이 들어 있어요. 명령어 하나로 받고, 하나로 실행해요. 도커가 있는 컴퓨터라면 어디서나 똑같아요.',
  },
  steps: {
    pull: {
      title: 'redis 이미지 받기',
      body: '도커 허브에서 이 컴퓨터의 이미지 캐시로 이미지를 받아요. 컴퓨터 자체에는 아무것도 설치하지 않아요.',
      done: 'redis 이미지가 이미지 캐시에 있어요.',
      action: 'redis 받기',
    },
    run: {
      title: 'redis 컨테이너 실행하기',
      body: '이미지로 컨테이너를 시작해요. 설치도 설정도 없이 redis가 바로 실행돼요.',
      done: '{{container}} 컨테이너에서 redis가 실행 중이에요.',
      action: 'redis 실행',
    },
  },
};
