import type { Widen } from '../catalogShape';

/** Lesson 2: image and container. The intro is the onboarding's second concept card, told with busybox. */
export const imageAndContainerEn = {
  title: 'Image and container',
  summary: 'Start two containers from one image, and see that each has its own files.',
  intro:
    'An image is the package with everything needed to run a program. A container is a running instance of an image: one image can start many containers. Each container gets its own copy of the files to change, so what one container writes, the others never see.',
  which:
    'Berth looks at the running busybox containers made since you started this lesson. In the last step it looks for the file in each of them (the two from step 2 first): it must be in one and not in another.',
  steps: {
    first: {
      title: 'Run a first busybox container',
      body: 'busybox is a tiny image with the basic Linux tools. On its own it stops at once, so give it a command that keeps it running: `sleep 3600` waits an hour.',
      done: 'The container {{first}} runs from the busybox image.',
      action: 'Run busybox',
    },
    second: {
      title: 'Run a second one from the same image',
      body: 'Run busybox again. Docker does not copy the image: the second container starts from the same image, with the same image id.',
      done: '{{first}} and {{second}} both run from image {{imageId}}.',
      action: 'Run busybox again',
    },
    separate: {
      title: 'Write a file in one, look for it in the other',
      body: 'Each container has its own files. Write hello.txt in the first container, then look for it in the second: it is not there. Berth runs `cat /hello.txt` in the containers to check.',
      done: 'hello.txt is in {{withFile}} and not in {{withoutFile}}: their files are separate.',
      action: 'Open the terminal of {{first}}',
      terminalHint:
        'In the Terminal tab of {{first}}, type `echo hello > /hello.txt`, then `exit`. Berth looks again when the shell ends.',
      openSecond: 'Open the terminal of {{second}}',
      waiting:
        'Berth looks again whenever something happens in a container, such as a shell or a `docker exec` ending.',
    },
  },
  run: {
    failed: 'Berth could not run busybox',
    running: 'Running…',
  },
} as const;

export const imageAndContainerKo: Widen<typeof imageAndContainerEn> = {
  title: '이미지와 컨테이너',
  summary: '이미지 하나로 컨테이너 두 개를 실행하고, 각자 파일이 따로 있는 것을 확인해요.',
  intro:
    '이미지는 프로그램 실행에 필요한 모든 것을 담은 패키지예요. 컨테이너는 이미지의 인스턴스예요. 이미지 하나로 컨테이너를 여러 개 시작할 수 있어요. 컨테이너마다 바꿀 수 있는 파일이 따로 있어서, 한 컨테이너가 쓴 파일은 다른 컨테이너에서 보이지 않아요.',
  which:
    'Berth는 이 레슨을 시작한 뒤에 만든, 실행 중인 busybox 컨테이너를 봐요. 마지막 단계에서는 그 컨테이너들에서(2단계의 두 컨테이너부터) 파일을 찾아요. 한 컨테이너에는 있고 다른 컨테이너에는 없어야 해요.',
  steps: {
    first: {
      title: '첫 busybox 컨테이너 실행하기',
      body: 'busybox는 기본 리눅스 도구가 든 아주 작은 이미지예요. 그대로 실행하면 바로 끝나기 때문에 계속 실행되는 명령어를 줘요. `sleep 3600`은 한 시간 동안 기다려요.',
      done: '{{first}} 컨테이너가 busybox 이미지로 실행 중이에요.',
      action: 'busybox 실행',
    },
    second: {
      title: '같은 이미지로 하나 더 실행하기',
      body: 'busybox를 한 번 더 실행해요. 도커는 이미지를 복사하지 않아요. 두 번째 컨테이너도 같은 이미지 ID를 가진 같은 이미지에서 시작해요.',
      done: '{{first}}, {{second}} 두 컨테이너가 모두 같은 이미지({{imageId}})에서 실행 중이에요.',
      action: 'busybox 한 번 더 실행',
    },
    separate: {
      title: '한쪽에 파일을 쓰고 다른 쪽에서 찾아보기',
      body: '컨테이너마다 파일이 따로 있어요. 첫 번째 컨테이너에 hello.txt를 쓰고 두 번째 컨테이너에서 찾아보세요. 없을 거예요. Berth는 컨테이너에서 `cat /hello.txt`를 실행해서 확인해요.',
      done: 'hello.txt가 {{withFile}}에는 있고 {{withoutFile}}에는 없어요. 두 컨테이너의 파일은 따로예요.',
      action: '{{first}} 터미널 열기',
      terminalHint:
        '{{first}}의 터미널 탭에서 `echo hello > /hello.txt`를 입력하고, 이어서 `exit`도 입력해 셸을 끝내세요. 셸이 끝나면 Berth가 다시 확인해요.',
      openSecond: '{{second}} 터미널 열기',
      waiting: '셸이나 `docker exec` 명령어가 끝나는 것처럼 컨테이너에서 무언가 일어나면 Berth가 다시 확인해요.',
    },
  },
  run: {
    failed: 'busybox를 실행하지 못했어요',
    running: '실행 중…',
  },
};
