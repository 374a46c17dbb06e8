import type { Catalog } from './en';

/** 한국어 문구. 용어와 말투는 shared/glossary-ko.md를 따라요 (해요체, 짧은 문장). */
export const ko: Catalog = {
  app: {
    name: 'Berth',
    tagline: '눈에 보이는 Docker',
  },
  nav: {
    containers: '컨테이너',
    images: '이미지',
    hub: '도커 허브 검색',
    installation: '설치 확인',
    settings: '설정',
  },
  engine: {
    state: {
      connecting: '엔진에 연결하는 중…',
      connected: '엔진 실행 중',
      disconnected: '엔진 중지됨',
    },
    retryIn: '{{seconds}}초 뒤에 다시 확인해요',
    retrying: '확인하는 중…',
    retry: '다시 시도',
    via: '{{source}} 사용',
    source: {
      setting: 'Berth 설정',
      DOCKER_HOST: 'DOCKER_HOST',
      DOCKER_CONTEXT: 'DOCKER_CONTEXT',
      'config-context': 'Docker 컨텍스트',
      'platform-default': '기본 소켓',
    },
  },
  problem: {
    'engine-not-found': {
      title: '도커 엔진을 찾을 수 없어요',
      body: '이 컴퓨터에서 Docker를 찾지 못했어요. Docker Desktop을 설치하고 실행하세요. 실행되면 Berth가 알아서 연결해요.',
    },
    'engine-not-running': {
      title: '도커 엔진이 실행되고 있지 않아요',
      body: 'Docker는 설치되어 있지만 도커 서버(데몬)가 응답하지 않아요. Docker Desktop을 실행하세요 (Linux: sudo systemctl start docker). 실행되면 Berth가 알아서 연결해요.',
    },
    'engine-permission-denied': {
      title: '도커 엔진을 사용할 권한이 없어요',
      body: '지금 사용자는 엔진에 접근할 수 없어요. Linux에서는 sudo usermod -aG docker $USER 를 실행한 뒤 로그아웃했다가 다시 로그인하세요.',
    },
    'engine-timeout': {
      title: '엔진이 제때 응답하지 않았어요',
      body: '아직 시작하는 중이거나 많이 바쁜 것 같아요. 잠시 기다리세요. Berth가 계속 다시 시도해요.',
    },
    'engine-too-old': {
      title: 'Berth에서 쓰기에는 도커 엔진이 너무 오래됐어요',
      body: 'Berth는 Docker 20.10 (Engine API 1.41) 이상이 필요해요. Docker Desktop이나 Docker Engine을 업데이트한 뒤 다시 시도하세요.',
    },
    'endpoint-invalid': {
      title: '엔진 주소가 올바르지 않아요',
      body: 'DOCKER_HOST, Docker 컨텍스트 (docker context ls), 또는 Berth 설정의 엔진 주소를 확인하세요.',
    },
    'engine-error': {
      title: '엔진이 오류를 알려 왔어요',
      body: 'Docker는 실행 중이지만 요청을 거절했어요. 아래 자세한 내용에 이유가 있어요.',
    },
    'cli-not-installed': {
      title: 'docker 명령어가 설치되어 있지 않아요',
      body: 'Berth는 없어도 동작하지만, 터미널에서 Docker 명령어를 입력하려면 필요해요. Docker Desktop을 설치하면 함께 설치돼요.',
    },
    generic: {
      title: '문제가 생겼어요',
      body: '다시 시도하세요. 계속 그러면 아래 자세한 내용을 복사해서 도움을 요청하세요.',
    },
    details: '자세한 내용',
    searched: 'Berth가 찾아본 위치',
  },
  installation: {
    title: '설치 확인',
    intro:
      '`docker version` 이 보여 주는 내용이에요. 명령어를 입력하는 도커 클라이언트와 실제로 일을 하는 도커 서버(데몬)예요. 컨테이너를 실행하려면 둘 다 응답해야 해요.',
    checkAgain: '다시 확인',
    checking: '확인하는 중…',
    copy: '텍스트로 복사',
    copied: '복사했어요',
    copyFailed: '복사하지 못했어요. 아래 텍스트를 직접 선택하세요',
    ready: {
      title: 'Docker가 설치되어 실행 중이에요',
      body: '도커 클라이언트와 도커 서버가 모두 응답해요. 다음 단계: 도커 허브에서 이미지를 찾아 실행해 보세요.',
      action: '도커 허브 검색',
    },
    waiting: '엔진을 기다리는 중이에요. Berth가 알아서 다시 확인하니 더 누를 것은 없어요.',
    client: {
      title: '클라이언트',
      subtitle: 'docker 명령어 (CLI)',
    },
    server: {
      title: '서버',
      subtitle: '도커 엔진 (데몬)',
      components: '구성 요소',
      notConnected: '아직 연결되지 않았어요',
    },
    field: {
      path: '경로',
      version: '버전',
      apiVersion: 'API 버전',
      apiMinimum: '{{version}} (최소 {{minimum}})',
      apiDowngraded: '{{version}} ({{from}}에서 낮춤)',
      goVersion: 'Go 버전',
      gitCommit: 'Git 커밋',
      built: '빌드 날짜',
      osArch: 'OS/아키텍처',
      context: '컨텍스트',
      kernel: '커널',
      endpoint: '엔진 주소',
      platform: '플랫폼',
    },
    report: '텍스트 보고서',
  },
  empty: {
    containers: {
      title: '아직 보여 줄 컨테이너가 없어요',
      body: '컨테이너는 이미지의 인스턴스예요. 엔진이 실행되면 시작한 컨테이너가 여기에 나타나요.',
      action: '설치 확인하기',
    },
    images: {
      title: '아직 이미지가 없어요',
      body: '이미지는 프로그램 실행에 필요한 모든 것을 담은 패키지예요. 도커 허브에서 받은 이미지는 이미지 캐시(로컬 보관소)에 보관되고 여기에 나타나요.',
      action: '도커 허브 검색',
    },
    hub: {
      title: '도커 허브 검색',
      body: '도커 허브는 공개 이미지 보관소예요: busybox, nginx, node, redis… Berth에서 검색하는 기능은 곧 추가돼요.',
      action: '먼저 설치 확인하기',
    },
    settings: {
      title: '설정',
      body: '언어, 테마, 엔진 주소를 여기에서 바꿀 수 있게 될 거예요. 지금은 시스템 설정을 따르고, docker 명령어와 같은 방법으로 엔진을 찾아요.',
      action: 'Berth가 쓰는 엔진 보기',
    },
  },
  transport: {
    closed: 'Berth가 백그라운드 프로세스와의 연결을 잃었어요. 창을 새로 고치세요.',
  },
};
