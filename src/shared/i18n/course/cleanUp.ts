import type { Widen } from '../catalogShape';

/** Lesson 8: clean up, told with the disk usage before and after. */
export const cleanUpEn = {
  title: 'Clean up',
  summary: 'See what takes disk space, remove what nothing uses, and see the space come back.',
  intro:
    'Images, stopped containers, volumes and the build cache stay on the disk until they are removed. Part of that space is reclaimable: nothing uses it, such as a stopped container or an image without a tag. While this lesson is open, Berth measures the disk usage when you start it and after each removal.',
  measured: {
    title: 'Disk usage',
    total: 'Used by Docker',
    reclaimable: 'Reclaimable',
    before: 'Reclaimable before',
    after: 'Reclaimable after',
    waiting: 'Measuring the disk usage…',
  },
  nothing:
    'Nothing is reclaimable now, so there is nothing for the space to go down from. Make something to remove first: this container writes 50 MB of zeros into its own files and stops, and a stopped container’s files are reclaimable. Then remove it (`docker rm cleanup-practice`, or Clean up in Berth).',
  pruneWarning:
    '`docker container prune` removes every stopped container on this computer, not only the lessons’ ones, and `docker image prune` every image without a tag. Berth’s clean-up lists exactly what it removes before you confirm.',
  steps: {
    measure: {
      title: 'Look at the disk usage',
      body: '`docker system df` counts what images, containers, local volumes and the build cache take, and how much of it is reclaimable. Berth’s Disk usage page shows the same, item by item.',
      done: 'Docker used {{totalBefore}}; {{before}} of it was reclaimable.',
      action: 'Open Disk usage',
    },
    clean: {
      title: 'Remove what nothing uses',
      body: 'Remove the stopped containers and the images without a tag: in Berth, Clean up on the Disk usage page lists each item and the space it frees, then asks you to confirm. In a terminal, the `prune` commands do the same.',
      done: 'The reclaimable space went down from {{before}} to {{after}}: {{freed}} freed.',
      action: 'Clean up',
    },
  },
} as const;

export const cleanUpKo: Widen<typeof cleanUpEn> = {
  title: '정리하기',
  summary: '디스크를 차지하는 것을 보고, 아무것도 쓰지 않는 것을 삭제해서 공간을 되찾아요.',
  intro:
    '이미지, 중지된 컨테이너, 볼륨, 빌드 캐시는 삭제할 때까지 디스크에 남아 있어요. 그중 일부는 확보할 수 있는 공간이에요. 중지된 컨테이너나 태그 없는 이미지처럼 아무것도 쓰지 않는 공간이에요. 이 레슨이 열려 있는 동안 Berth는 레슨을 시작할 때와 무언가 삭제될 때마다 디스크 사용량을 재요.',
  measured: {
    title: '디스크 사용량',
    total: '도커가 쓰는 공간',
    reclaimable: '확보할 수 있는 공간',
    before: '정리 전 확보할 수 있는 공간',
    after: '정리 후 확보할 수 있는 공간',
    waiting: '디스크 사용량을 재는 중…',
  },
  nothing:
    '지금은 확보할 수 있는 공간이 없어서 줄어들 것도 없어요. 먼저 삭제할 것을 만들어 보세요. 아래 컨테이너는 자기 파일에 0을 50MB 쓰고 중지돼요. 중지된 컨테이너의 파일은 확보할 수 있는 공간이에요. 그다음 삭제하세요(`docker rm cleanup-practice`, 또는 Berth의 정리).',
  pruneWarning:
    '`docker container prune`은 레슨에서 만든 것뿐 아니라 이 컴퓨터의 중지된 컨테이너를 모두 삭제하고, `docker image prune`은 태그 없는 이미지를 모두 삭제해요. Berth의 정리는 삭제할 항목을 정확히 보여 준 다음 확인을 받아요.',
  steps: {
    measure: {
      title: '디스크 사용량 보기',
      body: '`docker system df`는 이미지, 컨테이너, 로컬 볼륨, 빌드 캐시가 차지하는 공간과 그중 확보할 수 있는 공간을 세어요. Berth의 디스크 사용량 화면은 같은 내용을 항목마다 보여 줘요.',
      done: '도커가 {{totalBefore}}를 쓰고 있었고, 그중 {{before}}를 확보할 수 있었어요.',
      action: '디스크 사용량 열기',
    },
    clean: {
      title: '아무것도 쓰지 않는 것 삭제하기',
      body: '중지된 컨테이너와 태그 없는 이미지를 삭제하세요. Berth에서는 디스크 사용량 화면의 정리가 항목마다 확보되는 공간을 보여 주고 확인을 받아요. 터미널에서는 `prune` 명령어가 같은 일을 해요.',
      done: '확보할 수 있는 공간이 {{before}}에서 {{after}}로 줄었어요. {{freed}}를 확보했어요.',
      action: '정리하기',
    },
  },
};
