import type { Widen } from '../catalogShape';

/**
 * Lesson 6: ports and volumes. The volume half keeps what the older lesson "data that outlives a
 * container" taught (a container's own layer goes with it, a volume stays), with a file instead of
 * a redis key, so the volume's contents show it.
 */
export const portsAndVolumesEn = {
  title: 'Ports and volumes',
  summary: 'Open a container’s page through a published port, and keep a file in a volume after its container is gone.',
  intro:
    'A container has its own network and its own files. A published port connects a port of this computer to a port inside the container, so its server becomes a page you can open. A volume is storage the Docker server (daemon) keeps apart from every container: what a container writes there is still there after the container is removed.',
  ports: {
    title: 'Ports: -p host:container',
    body: '`-p 8080:8080` sends what arrives at port 8080 of this computer to port 8080 inside the container. Without it, the server runs but nothing outside the container reaches it.',
  },
  volumes: {
    title: 'Volumes: -v name:/path',
    body: '`-v berth-notes:/data` mounts the volume `berth-notes` at /data in the container. The container’s own files go when it is removed; the volume’s files stay, for the next container to use.',
  },
  steps: {
    run: {
      title: 'Run your site with a published port',
      body: 'Run `my-site`, the image you built in lesson 5, and publish its port 8080 on port 8080 of this computer. Any image with a web server works too, if you publish its port after opening this lesson. When 8080 is taken, pick another host port, for example `-p 8081:8080`.',
      done: 'The container `{{container}}` publishes its port on this computer.',
      action: 'Run `my-site` with a port',
      missingImage:
        '`my-site` is not in the image cache yet: build it in lesson 5, or run any image with a web server and publish its port.',
    },
    open: {
      title: 'Open the page',
      body: 'Open the address in your browser. The request goes to the port on this computer, and the Docker server passes it on to the container. Berth asks the same page the way a browser does: the step is done when it answers.',
      done: 'The page at `{{url}}` answers.',
      action: 'Open `{{url}}`',
      waiting: 'Waiting for the page to answer…',
    },
    volume: {
      title: 'Make a named volume',
      body: 'Make the volume `berth-notes`. It is empty, and it belongs to no container. The lesson uses this name, so your own volumes are never touched.',
      done: 'The volume `{{volume}}` is there.',
      action: 'Make the volume `berth-notes`',
    },
    write: {
      title: 'Write a file into the volume',
      body: 'Run a busybox container named `notes-writer` with the volume at /data, and write `hello.txt` there. The container ends as soon as the file is written.',
      done: 'The volume `{{volume}}` holds `{{file}}`.',
      action: 'Write `hello.txt` with busybox',
    },
    remove: {
      title: 'Remove the container, keep the volume',
      body: 'Remove `notes-writer`. Everything in its own layer goes with it, but the volume is not part of the container: Berth looks into the volume and checks that the file is still there.',
      done: 'No container uses `{{volume}}`, and `{{file}}` is still in it.',
    },
    read: {
      title: 'Read the file from a new container',
      body: 'Run a new busybox container, `notes-reader`, with the same volume at /data, and print the file. Its own layer started empty: it finds the file because the volume kept it. Do not add `--rm` here: Berth sees that the file was read from the container’s exit code.',
      done: '`{{reader}}` read `{{file}}` from the volume: the file outlived the container that wrote it. Keep in a volume whatever must outlive a container, such as a database’s data.',
      action: 'Read `hello.txt` with busybox',
    },
  },
} as const;

export const portsAndVolumesKo: Widen<typeof portsAndVolumesEn> = {
  title: '포트와 볼륨',
  summary: '게시한 포트로 컨테이너의 페이지를 열고, 컨테이너가 사라진 뒤에도 볼륨에 파일을 남겨요.',
  intro:
    '컨테이너에는 자기만의 네트워크와 파일이 있어요. 포트를 게시하면 이 컴퓨터의 포트가 컨테이너 안의 포트와 이어져서, 컨테이너의 서버를 페이지로 열 수 있어요. 볼륨은 도커 서버(데몬)가 모든 컨테이너와 따로 보관하는 저장 공간이에요. 컨테이너가 볼륨에 쓴 것은 컨테이너를 삭제한 뒤에도 남아 있어요.',
  ports: {
    title: '포트: -p 호스트:컨테이너',
    body: '`-p 8080:8080`은 이 컴퓨터의 8080 포트로 온 요청을 컨테이너 안의 8080 포트로 보내요. 이것이 없으면 서버는 실행되지만 컨테이너 밖에서는 닿을 수 없어요.',
  },
  volumes: {
    title: '볼륨: -v 이름:/경로',
    body: '`-v berth-notes:/data`는 `berth-notes` 볼륨을 컨테이너의 /data에 연결해요. 컨테이너 자신의 파일은 컨테이너를 삭제하면 사라지지만, 볼륨의 파일은 남아서 다음 컨테이너가 쓸 수 있어요.',
  },
  steps: {
    run: {
      title: '포트를 게시해서 사이트 실행하기',
      body: '레슨 5에서 빌드한 `my-site` 이미지를 실행하고, 8080 포트를 이 컴퓨터의 8080 포트로 게시해요. 이 레슨을 연 뒤에 포트를 게시했다면 웹 서버가 있는 다른 이미지도 괜찮아요. 8080 포트가 이미 쓰이고 있으면 `-p 8081:8080`처럼 다른 호스트 포트를 골라요.',
      done: '`{{container}}` 컨테이너가 이 컴퓨터에 포트를 게시했어요.',
      action: '포트를 게시해서 `my-site` 실행',
      missingImage:
        '`my-site` 이미지가 아직 이미지 캐시에 없어요. 레슨 5에서 빌드하거나, 웹 서버가 있는 다른 이미지를 실행해서 포트를 게시하세요.',
    },
    open: {
      title: '페이지 열기',
      body: '브라우저에서 주소를 열어요. 요청은 이 컴퓨터의 포트로 가고, 도커 서버가 컨테이너로 넘겨줘요. Berth도 브라우저처럼 같은 페이지를 요청해 보고, 페이지가 응답하면 이 단계가 끝나요.',
      done: '`{{url}}` 페이지가 응답해요.',
      action: '`{{url}}` 열기',
      waiting: '페이지가 응답하기를 기다리고 있어요…',
    },
    volume: {
      title: '이름 있는 볼륨 만들기',
      body: '`berth-notes` 볼륨을 만들어요. 비어 있고, 어느 컨테이너의 것도 아니에요. 레슨은 이 이름만 쓰기 때문에 내 다른 볼륨은 건드리지 않아요.',
      done: '`{{volume}}` 볼륨이 있어요.',
      action: '`berth-notes` 볼륨 만들기',
    },
    write: {
      title: '볼륨에 파일 쓰기',
      body: '볼륨을 /data에 연결한 busybox 컨테이너 `notes-writer`를 실행해서 그곳에 `hello.txt`를 써요. 파일을 쓰면 컨테이너는 바로 끝나요.',
      done: '`{{volume}}` 볼륨에 `{{file}}` 파일이 있어요.',
      action: 'busybox로 `hello.txt` 쓰기',
    },
    remove: {
      title: '컨테이너는 삭제하고 볼륨은 남기기',
      body: '`notes-writer`를 삭제해요. 컨테이너 자신의 레이어에 있던 것은 함께 사라지지만, 볼륨은 컨테이너의 일부가 아니에요. Berth가 볼륨 안을 보고 파일이 그대로 있는지 확인해요.',
      done: '`{{volume}}` 볼륨을 쓰는 컨테이너가 없고, `{{file}}` 파일은 그대로 있어요.',
    },
    read: {
      title: '새 컨테이너에서 파일 읽기',
      body: '같은 볼륨을 /data에 연결한 새 busybox 컨테이너 `notes-reader`를 실행해서 파일을 출력해요. 이 컨테이너의 레이어는 비어 있는 채로 시작했어요. 볼륨이 파일을 보관했기 때문에 찾을 수 있어요. 여기서는 `--rm`을 붙이지 마세요. Berth는 컨테이너의 종료 코드로 파일을 읽었는지 확인해요.',
      done: '`{{reader}}` 컨테이너가 볼륨에서 `{{file}}` 파일을 읽었어요. 파일을 쓴 컨테이너보다 파일이 오래 남았어요. 데이터베이스의 데이터처럼 컨테이너보다 오래 남아야 하는 것은 볼륨에 보관하세요.',
      action: 'busybox로 `hello.txt` 읽기',
    },
  },
};
