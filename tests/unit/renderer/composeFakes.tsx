import { act, render } from '@testing-library/react';
import { useEffect, type ReactNode } from 'react';
import { vi, type Mock } from 'vitest';
import { ClientContext } from '../../../src/renderer/src/app/clientContext';
import { NavigateContext } from '../../../src/renderer/src/app/navigation';
import type { Navigate } from '../../../src/renderer/src/app/useRoute';
import { ComposeProvider, useCompose } from '../../../src/renderer/src/compose/composeStore';
import { EngineStatusProvider } from '../../../src/renderer/src/engine/engineStatus';
import type { BerthClient } from '../../../src/shared/client';
import type {
  ComposeDocument,
  ComposeJob,
  ComposeModel,
  ComposeProjectState,
  ComposeService,
} from '../../../src/shared/compose';

/** An answer, or a function of the request's input; an Error is thrown. */
type Answer = unknown;

/** A client whose streams are pushed by the test; requests answer from `answers` (an Error rejects). */
export function fakeClient(answers: Record<string, Answer> = {}) {
  const listeners = new Map<string, (value: unknown) => void>();
  const request = vi.fn(async (name: string, input: unknown) => {
    const answer = answers[name];
    const value = typeof answer === 'function' ? (answer as (input: unknown) => unknown)(input) : answer;
    if (value instanceof Error) throw value;
    return value ?? {};
  });
  const subscribe = vi.fn((name: string, _input: unknown, onEvent: (value: unknown) => void) => {
    listeners.set(name, onEvent);
    return () => listeners.delete(name);
  });
  const push = (name: string, value: unknown) => act(() => listeners.get(name)?.(value));
  const requested = (name: string) =>
    request.mock.calls.filter(([called]) => called === name).map(([, input]) => input);
  return { client: { request, subscribe } as unknown as BerthClient, request, subscribe, push, requested };
}

/** Keeps a document in the store as the Compose page does when one is opened. */
function Remember({ document, children }: { document: ComposeDocument | null; children: ReactNode }) {
  const { remember, documents } = useCompose();
  useEffect(() => {
    if (document) remember(document);
  }, [document, remember]);
  return document && !documents.has(document.projectName) ? null : children;
}

export function renderCompose(
  client: BerthClient,
  page: ReactNode,
  {
    document = null,
    navigate = vi.fn<Navigate>(),
  }: { document?: ComposeDocument | null; navigate?: Mock<Navigate> } = {},
) {
  render(
    <ClientContext.Provider value={client}>
      <EngineStatusProvider>
        <NavigateContext.Provider value={navigate}>
          <ComposeProvider>
            <Remember document={document}>{page}</Remember>
          </ComposeProvider>
        </NavigateContext.Provider>
      </EngineStatusProvider>
    </ClientContext.Provider>,
  );
  return navigate;
}

export const service = (name: string, patch: Partial<ComposeService> = {}): ComposeService => ({
  name,
  image: 'busybox',
  build: null,
  ports: [],
  volumes: [],
  networks: [],
  environment: [],
  dependsOn: [],
  command: null,
  file: 'compose.yaml',
  line: 2,
  ...patch,
});

export const model = (services: ComposeService[], patch: Partial<ComposeModel> = {}): ComposeModel => ({
  services,
  volumes: [],
  networks: [],
  riskyMounts: [],
  ...patch,
});

export const composeDocument = (patch: Partial<ComposeDocument> = {}): ComposeDocument => ({
  folder: '/home/me/visit-counter',
  projectName: 'visit-counter',
  files: [
    { path: '/home/me/visit-counter/compose.yaml', name: 'compose.yaml', content: 'services: {}\n', version: 'v1' },
  ],
  model: model([
    service('web', {
      build: { context: '/home/me/visit-counter/web', dockerfile: null },
      image: null,
      ports: ['8080:80'],
      dependsOn: [{ service: 'redis', condition: 'service_started' }],
    }),
    service('redis', {
      image: 'redis',
      volumes: [{ type: 'volume', source: 'data', target: '/data', readOnly: false }],
    }),
  ]),
  problems: [],
  ...patch,
});

export const projectState = (patch: Partial<ComposeProjectState> = {}): ComposeProjectState => ({
  name: 'visit-counter',
  workingDir: '/home/me/visit-counter',
  configFiles: ['/home/me/visit-counter/compose.yaml'],
  services: [
    {
      name: 'web',
      image: 'visit-counter-web',
      containers: [
        { id: 'w1', name: 'visit-counter-web-1', state: 'running', exitCode: null, health: null, number: 1 },
      ],
      phase: null,
    },
    {
      name: 'redis',
      image: 'redis',
      containers: [
        { id: 'r1', name: 'visit-counter-redis-1', state: 'running', exitCode: null, health: null, number: 1 },
      ],
      phase: null,
    },
  ],
  status: 'running',
  ...patch,
});

export const job = (patch: Partial<ComposeJob> = {}): ComposeJob => ({
  id: 'j1',
  target: {
    projectName: 'visit-counter',
    folder: '/home/me/visit-counter',
    files: ['/home/me/visit-counter/compose.yaml'],
  },
  action: 'up',
  services: [],
  commandLine: 'docker-compose -p visit-counter -f compose.yaml up -d',
  state: 'running',
  output: [],
  outputTruncated: false,
  phases: {},
  exitCode: null,
  startedAt: 1,
  finishedAt: null,
  removedVolumes: [],
  error: null,
  ...patch,
});

/** compose.tool's answer on the testbed: Debian's docker-compose 1.29.2. */
export const found = {
  found: true,
  kind: 'standalone',
  path: '/usr/bin/docker-compose',
  command: ['docker-compose'],
  version: '1.29.2',
  major: 1,
};
