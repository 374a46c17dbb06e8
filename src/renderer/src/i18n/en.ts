/** English texts. The Korean catalog must have exactly these keys (the type checker enforces it). */
export const en = {
  app: {
    name: 'Berth',
    tagline: 'Docker, made visible',
  },
  nav: {
    containers: 'Containers',
    images: 'Images',
    hub: 'Docker Hub search',
    installation: 'Installation check',
    settings: 'Settings',
  },
  engine: {
    state: {
      connecting: 'Connecting to the engine…',
      connected: 'Engine running',
      disconnected: 'Engine stopped',
    },
    retryIn: 'Checking again in {{seconds}} s',
    retrying: 'Checking…',
    retry: 'Retry',
    via: 'via {{source}}',
    source: {
      setting: 'Berth settings',
      DOCKER_HOST: 'DOCKER_HOST',
      DOCKER_CONTEXT: 'DOCKER_CONTEXT',
      'config-context': 'Docker context',
      'platform-default': 'default socket',
    },
  },
  problem: {
    'engine-not-found': {
      title: 'No Docker engine found',
      body: 'Berth could not find Docker on this computer. Install Docker Desktop, start it, and Berth connects by itself.',
    },
    'engine-not-running': {
      title: 'The Docker engine is not running',
      body: 'Docker is set up here, but its server (daemon) does not answer. Start Docker Desktop (on Linux: sudo systemctl start docker). Berth connects by itself when it is up.',
    },
    'engine-permission-denied': {
      title: 'No permission to use the Docker engine',
      body: 'Your user may not talk to the engine yet. On Linux, run sudo usermod -aG docker $USER, then log out and log in again.',
    },
    'engine-timeout': {
      title: 'The engine did not answer in time',
      body: 'It may still be starting, or it is very busy. Wait a moment: Berth keeps trying.',
    },
    'engine-too-old': {
      title: 'This Docker engine is too old for Berth',
      body: 'Berth needs Docker 20.10 (Engine API 1.41) or newer. Update Docker Desktop or Docker Engine, then retry.',
    },
    'endpoint-invalid': {
      title: 'The engine address is not valid',
      body: 'Check DOCKER_HOST, your Docker context (docker context ls) or the engine address in Berth settings.',
    },
    'engine-error': {
      title: 'The engine answered with an error',
      body: 'Docker is running but refused the request. The details below say why.',
    },
    'cli-not-installed': {
      title: 'The docker command is not installed',
      body: 'Berth works without it, but you will want it to type Docker commands in the terminal. Installing Docker Desktop brings it.',
    },
    generic: {
      title: 'Something went wrong',
      body: 'Try again. If it keeps happening, copy the details below when you ask for help.',
    },
    details: 'Details',
    searched: 'Places Berth looked',
  },
  installation: {
    title: 'Installation check',
    intro:
      'This is what `docker version` shows: the client, where you type commands, and the server (daemon), which does the work. Both must answer before you can run containers.',
    checkAgain: 'Check again',
    checking: 'Checking…',
    copy: 'Copy as text',
    copied: 'Copied',
    copyFailed: 'Copy failed: select the text below instead',
    ready: {
      title: 'Docker is installed and running',
      body: 'The client and the server both answer. Next: find an image on Docker Hub and run it.',
      action: 'Search Docker Hub',
    },
    waiting: 'Waiting for the engine. Berth checks again by itself; nothing else to click.',
    client: {
      title: 'Client',
      subtitle: 'docker command (CLI)',
    },
    server: {
      title: 'Server',
      subtitle: 'Docker engine (daemon)',
      components: 'Components',
      notConnected: 'Not connected yet',
    },
    field: {
      path: 'Path',
      version: 'Version',
      apiVersion: 'API version',
      apiMinimum: '{{version}} (minimum {{minimum}})',
      apiDowngraded: '{{version}} (downgraded from {{from}})',
      goVersion: 'Go version',
      gitCommit: 'Git commit',
      built: 'Built',
      osArch: 'OS/Arch',
      context: 'Context',
      kernel: 'Kernel',
      endpoint: 'Endpoint',
      platform: 'Platform',
    },
    report: 'Text report',
  },
  empty: {
    containers: {
      title: 'No containers to show yet',
      body: 'A container is a running instance of an image. Once the engine is running, the containers you start appear here.',
      action: 'Check the installation',
    },
    images: {
      title: 'No images here yet',
      body: 'An image is the package holding everything a program needs to run. Images you pull from Docker Hub are kept in the local image cache and listed here.',
      action: 'Search Docker Hub',
    },
    hub: {
      title: 'Docker Hub search',
      body: 'Docker Hub is the public image store: busybox, nginx, node, redis… Searching it from Berth comes next.',
      action: 'Check the installation first',
    },
    settings: {
      title: 'Settings',
      body: 'Language, theme and the engine address will live here. For now Berth follows your system and finds the engine like the docker command does.',
      action: 'See which engine Berth uses',
    },
  },
  transport: {
    closed: 'Berth lost its connection to its own background process. Reload the window.',
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Catalog = Widen<typeof en>;
