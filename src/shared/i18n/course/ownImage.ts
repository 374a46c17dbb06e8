import type { Widen } from '../catalogShape';

/**
 * Lesson 5: your own image. The static-site example (a Dockerfile FROM busybox and an index.html)
 * built as my-site, built again from the build cache, and built after an edit.
 */
export const ownImageEn = {
  title: 'Your own image',
  summary: 'Write a Dockerfile, build it, and see the build cache at work.',
  intro:
    'A Dockerfile is the recipe of an image: each line is a step, and each step makes a layer on top of the one before. The Docker server (daemon) keeps every step’s result in the build cache, so a build runs only the steps whose inputs changed.',
  files: {
    title: 'The project: two files in one folder',
    body: 'Berth can copy them into a folder you pick (in the first step). To use a terminal instead, make a folder named `my-site` with these two files in it:',
    dockerfile: 'Dockerfile',
    indexHtml: 'index.html',
    indexHtmlText: '<h1>Hello from my first image</h1>',
  },
  folder: {
    label: 'Folder for the example',
    help: 'A folder on this computer, for example your home folder. Berth makes a new folder in it for the example (the Dockerfile and index.html) and never writes over your files.',
    copy: 'Copy the example here',
    copying: 'Copying…',
    copied: 'The example is in {{folder}}.',
    openInBuild: 'Open in Build',
    openInBuildHelp:
      'The Build page shows the Dockerfile and builds it: name the image `my-site` there. Edit index.html in your own editor.',
  },
  job: {
    title: 'Your latest build of `my-site`',
    none: 'No build of `my-site` in Berth yet. Builds typed in a terminal are checked too: they show in the steps’ marks, not here.',
  },
  steps: {
    build: {
      title: 'Build the image',
      body: 'In the folder with the Dockerfile, build it and name the image `my-site`. The Docker server runs each step: it takes busybox from the image cache, copies index.html into the image, and records the port and the command.',
      done: 'The image `my-site` ({{firstImageId}}) is in the image cache.',
      action: 'Build `my-site`',
    },
    rebuild: {
      title: 'Build it again, with nothing changed',
      body: 'Run the same build once more. Nothing changed, so every step comes from the build cache (CACHED) and the build ends at once with the same image.',
      done: '`my-site` was built again as the same image ({{rebuiltImageId}}): every step came from the build cache.',
      action: 'Build again',
    },
    edit: {
      title: 'Change index.html, then build',
      body: 'Change a line of index.html in your editor, save it, and build again. `FROM` still comes from the build cache; the `COPY` step’s files changed, so it runs again, and so does every step after it.',
      done: '`my-site` is a new image now ({{editedImageId}}): the steps before your change came from the build cache, the ones from it on ran again.',
      action: 'Build after the change',
    },
  },
} as const;

export const ownImageKo: Widen<typeof ownImageEn> = {
  title: '나만의 이미지',
  summary: 'Dockerfile을 쓰고 빌드한 뒤, 빌드 캐시가 어떻게 쓰이는지 봐요.',
  intro:
    'Dockerfile은 이미지를 만드는 방법이에요. 한 줄이 한 단계이고, 각 단계는 앞 단계 위에 레이어를 하나씩 쌓아요. 도커 서버(데몬)는 단계마다 결과를 빌드 캐시에 보관해서, 입력이 바뀐 단계만 다시 실행해요.',
  files: {
    title: '프로젝트: 폴더 하나에 파일 두 개',
    body: 'Berth가 고른 폴더에 복사해 줄 수 있어요(첫 번째 단계에서). 터미널로 하려면 `my-site` 폴더를 만들고 이 두 파일을 넣으세요.',
    dockerfile: 'Dockerfile',
    indexHtml: 'index.html',
    indexHtmlText: '<h1>내가 만든 첫 이미지예요</h1>',
  },
  folder: {
    label: '예제를 넣을 폴더',
    help: '이 컴퓨터의 폴더를 고르세요. 예를 들어 홈 폴더예요. Berth가 그 안에 예제 폴더를 새로 만들어 Dockerfile과 index.html을 넣고, 내 파일은 덮어쓰지 않아요.',
    copy: '여기에 예제 복사',
    copying: '복사 중…',
    copied: '예제가 {{folder}}에 있어요.',
    openInBuild: '빌드 화면에서 열기',
    openInBuildHelp:
      '빌드 화면에서 Dockerfile을 보고 빌드할 수 있어요. 이미지 이름은 `my-site`로 하세요. index.html은 평소 쓰는 편집기에서 고치세요.',
  },
  job: {
    title: '`my-site`의 최근 빌드',
    none: 'Berth에서 빌드한 `my-site`가 아직 없어요. 터미널에서 한 빌드도 확인해요. 여기가 아니라 단계의 완료 표시에 나타나요.',
  },
  steps: {
    build: {
      title: '이미지 빌드하기',
      body: 'Dockerfile이 있는 폴더에서 이미지를 빌드(build)하고 이름을 `my-site`로 지으세요. 도커 서버가 단계를 하나씩 실행해요. 이미지 캐시에서 busybox를 가져오고, index.html을 이미지에 복사하고, 포트와 명령어를 기록해요.',
      done: '`my-site` 이미지({{firstImageId}})가 이미지 캐시에 있어요.',
      action: '`my-site` 빌드',
    },
    rebuild: {
      title: '아무것도 바꾸지 않고 다시 빌드하기',
      body: '같은 빌드를 한 번 더 하세요. 바뀐 것이 없어서 모든 단계를 빌드 캐시에서 가져오고(캐시 사용 (CACHED)), 같은 이미지로 바로 끝나요.',
      done: '`my-site`를 같은 이미지({{rebuiltImageId}})로 다시 빌드했어요. 모든 단계가 빌드 캐시를 사용했어요.',
      action: '다시 빌드',
    },
    edit: {
      title: 'index.html을 고치고 빌드하기',
      body: '편집기에서 index.html의 한 줄을 고쳐 저장하고 다시 빌드하세요. `FROM`은 여전히 빌드 캐시를 사용하지만, `COPY` 단계는 복사할 파일이 바뀌어서 다시 실행되고, 그 뒤의 단계도 모두 다시 실행돼요.',
      done: '`my-site`가 새 이미지({{editedImageId}})가 됐어요. 고친 곳 앞의 단계는 빌드 캐시를 사용했고, 고친 곳부터는 다시 실행됐어요.',
      action: '고친 뒤 빌드',
    },
  },
};
