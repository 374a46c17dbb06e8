import type { Widen } from '../catalogShape';

/** Lesson 7: many containers with compose, told with the visit-counter example. */
export const composeEn = {
  title: 'Many containers: compose',
  summary: 'Start a web page and its database with one command, and keep the count through down and up.',
  intro:
    'Real applications are made of several containers: here a web page and a Redis database that counts its visits. A compose file describes them all, their network and their volumes, and one command starts or removes them together. Each container it starts is a service.',
  example: {
    title: 'The `visit-counter` example',
    body: 'Berth ships the example: `compose.yaml` (two services, `web` and `redis`, a network and the named volume `counter-data`) and the web page in `./web`. Copy it to a folder of yours first: compose builds and runs it from there, and your copy is yours to read and change.',
    label: 'Folder to copy the example into',
    help: 'A folder that exists on this computer: Berth makes a visit-counter folder in it for the example. One already there is kept as it is.',
    copy: 'Copy here',
    copying: 'Copying…',
    ownCopy:
      'Working only in a terminal, with a copy of your own (the same `compose.yaml` and `web` folder)? Start it there: Berth knows the project by its two services, `web` and `redis`, whatever its name.',
    chooseInDialog: 'Choose the folder with Choose folder…: Berth copies only into a folder you chose there.',
    copied: 'The example is in `{{folder}}`.',
    terminal:
      'In a terminal, go to that folder before typing the commands (`cd`). Compose names the project after the folder, so its containers are called `{{project}}-web-1` and `{{project}}-redis-1` (`docker-compose` 1 writes `_` instead of `-`).',
    openCompose: 'Open in Compose',
    openPage: 'Open the page',
    backHint: 'A visit sends Docker no event: come back to Berth after opening the page, and the step checks itself.',
  },
  steps: {
    up: {
      title: 'Start both services',
      body: '`compose up` builds the `web` image from `./web`, pulls `redis`, makes the network and the volume, then starts both containers. `-d` gives the terminal back while they run.',
      done: 'The project `{{project}}` runs: `web` and `redis`.',
      action: 'Up',
    },
    counted: {
      title: 'Visit the page',
      body: 'Open `http://127.0.0.1:8089/`: every visit asks `redis` to add one to the count. Berth reads the count inside the `redis` container (`redis-cli GET visits`), so checking it counts no visit. Come back to Berth after opening the page.',
      done: 'The count Redis keeps: {{counted}}.',
      action: 'Open the page',
    },
    down: {
      title: 'Take it all down',
      body: '`compose down` stops and removes the containers and the network. The named volume stays, with the count in it: only `down -v` would remove it.',
      done: 'The containers are gone; the volume `{{volume}}` stayed.',
      action: 'Down',
    },
    upAgain: {
      title: 'Up again: the count is still there',
      body: 'Start the project again. The containers are new, but `redis` finds its data in the same volume: the count is still there, and the next visit adds one to it.',
      done: 'New containers, the same volume: the count is {{count}}, it was {{countAtDown}} before down.',
      action: 'Up again',
    },
  },
} as const;

export const composeKo: Widen<typeof composeEn> = {
  title: '여러 컨테이너: 컴포즈',
  summary: '웹 페이지와 데이터베이스를 명령어 하나로 시작하고, 모두 내렸다가 다시 올려도 방문 수가 남는 것을 봐요.',
  intro:
    '실제 애플리케이션은 여러 컨테이너로 이루어져요. 여기서는 웹 페이지와, 방문 수를 세는 `redis` 데이터베이스예요. 컴포즈 파일은 이 컨테이너들과 네트워크, 볼륨을 모두 적어 두고, 명령어 하나로 함께 시작하거나 삭제해요. 컴포즈가 시작하는 컨테이너 하나하나를 서비스라고 해요.',
  example: {
    title: '방문 수 세기 예제(`visit-counter`)',
    body: 'Berth에 예제가 들어 있어요. `compose.yaml`(서비스 `web`과 `redis` 두 개, 네트워크 하나, 이름 있는 볼륨 `counter-data`)과 `./web`의 웹 페이지예요. 먼저 내 폴더로 복사하세요. 컴포즈는 그 폴더에서 빌드하고 실행하고, 복사본은 마음대로 읽고 바꿔도 돼요.',
    label: '예제를 복사할 폴더',
    help: '이 컴퓨터에 있는 폴더를 적으세요. Berth가 그 안에 예제 폴더를 만들어 복사해요. 같은 이름의 폴더가 이미 있으면 그대로 둬요.',
    copy: '여기로 복사',
    copying: '복사하는 중…',
    ownCopy:
      '터미널에서만, 직접 만든 복사본(같은 `compose.yaml`과 `web` 폴더)으로 하나요? 그 폴더에서 시작하세요. 이름이 무엇이든 Berth는 두 서비스 `web`과 `redis`로 프로젝트를 알아봐요.',
    chooseInDialog: '폴더 선택…으로 폴더를 고르세요. Berth는 거기서 고른 폴더에만 복사해요.',
    copied: '예제가 `{{folder}}`에 있어요.',
    terminal:
      '터미널에서는 명령어를 입력하기 전에 그 폴더로 이동하세요(`cd`). 컴포즈는 프로젝트 이름을 폴더 이름으로 정해서, 컨테이너 이름은 `{{project}}-web-1`과 `{{project}}-redis-1`이 돼요(`docker-compose` 1은 `-` 대신 `_`를 써요).',
    openCompose: '컴포즈에서 열기',
    openPage: '페이지 열기',
    backHint:
      '페이지를 방문해도 도커에는 이벤트가 가지 않아요. 페이지를 연 다음 Berth로 돌아오면 단계가 스스로 확인돼요.',
  },
  steps: {
    up: {
      title: '두 서비스 시작하기',
      body: '`compose up`은 `./web`으로 `web` 이미지를 빌드하고, `redis` 이미지를 받고 (pull), 네트워크와 볼륨을 만든 다음 두 컨테이너를 시작해요. `-d`를 붙이면 컨테이너가 실행되는 동안 터미널을 다시 쓸 수 있어요.',
      done: '`{{project}}` 프로젝트가 실행 중이에요. `web`과 `redis`가 모두 실행 중이에요.',
      action: '올리기 (up)',
    },
    counted: {
      title: '페이지 방문하기',
      body: '이 주소의 페이지를 여세요: `http://127.0.0.1:8089/`. 방문할 때마다 페이지가 `redis`에 방문 수를 하나 더하라고 해요. Berth는 `redis` 컨테이너 안에서 방문 수를 읽어서(`redis-cli GET visits`) 확인할 때 방문 수가 늘지 않아요. 페이지를 연 다음 Berth로 돌아오세요.',
      done: '`redis`에 저장된 방문 수: {{counted}}',
      action: '페이지 열기',
    },
    down: {
      title: '모두 내리기 (down)',
      body: '`compose down`은 컨테이너와 네트워크를 중지하고 삭제해요. 이름 있는 볼륨은 방문 수를 담은 채 남아요. `down -v`를 해야만 볼륨도 삭제돼요.',
      done: '컨테이너는 사라졌고 `{{volume}}` 볼륨은 남았어요.',
      action: '내리기 (down)',
    },
    upAgain: {
      title: '다시 올리기 (up): 방문 수가 그대로예요',
      body: '프로젝트를 다시 시작하세요. 컨테이너는 새로 만들어졌지만 `redis`가 같은 볼륨에서 데이터를 찾아요. 방문 수는 그대로 있고, 다음 방문부터 이어서 늘어요.',
      done: '새 컨테이너, 같은 볼륨이에요. 지금 방문 수: {{count}} (내리기 전: {{countAtDown}})',
      action: '다시 올리기 (up)',
    },
  },
};
