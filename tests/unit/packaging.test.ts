import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { decodePng, pngSize, renderTrayIcons } from '../../scripts/make-icons';
import { trayIconFileName } from '../../src/main/shell/tray';
import { buildExampleNames } from '../../src/shared/builds';
import { composeExampleNames } from '../../src/shared/compose';
import { trayIconStateSchema } from '../../src/shared/tray';

// src/main/shell/tray.ts imports 'electron', whose real package would try to download a binary.
vi.mock('electron', () => ({}));

const root = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file));

interface TargetEntry {
  target: string;
  arch?: string[];
}
interface PlatformConfig {
  target: Array<string | TargetEntry>;
  icon: string;
  [key: string]: unknown;
}
interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  extraResources: Array<{ from: string; to: string; filter: string[] }>;
  directories: { output: string };
  mac: PlatformConfig & {
    hardenedRuntime: boolean;
    entitlements: string;
    entitlementsInherit: string;
    category: string;
  };
  linux: PlatformConfig & { category: string; maintainer: string };
  win: PlatformConfig;
}

const config = JSON.parse(read('electron-builder.json').toString('utf8')) as BuilderConfig;
const packageJson = JSON.parse(read('package.json').toString('utf8')) as {
  main: string;
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
};

function targets(platform: PlatformConfig): Array<{ target: string; arch: string[] }> {
  return platform.target.map((entry) =>
    typeof entry === 'string' ? { target: entry, arch: [] } : { target: entry.target, arch: entry.arch ?? [] },
  );
}

/** A glob of the simple kind electron-builder's filters use here: "*" within a name. */
function matches(glob: string, name: string): boolean {
  const pattern = new RegExp(
    `^${glob
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]*')}$`,
  );
  return pattern.test(name);
}

describe('electron-builder.json', () => {
  it('parses and names the app', () => {
    expect(config.productName).toBe('Berth');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.directories.output).toBe('dist');
  });

  it('targets dmg (arm64 and x64), AppImage, deb and nsis', () => {
    expect(targets(config.mac)).toEqual([{ target: 'dmg', arch: ['arm64', 'x64'] }]);
    expect(targets(config.linux).map((entry) => entry.target)).toEqual(['AppImage', 'deb']);
    expect(targets(config.win).map((entry) => entry.target)).toEqual(['nsis']);
  });

  it('signs macOS builds with the hardened runtime and the entitlements file', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.category).toBe('public.app-category.developer-tools');
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements);
    const plist = read(config.mac.entitlements).toString('utf8');
    expect(plist).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(plist).toMatch(/<key>com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/);
    // Minimal: no sandbox (Berth talks to the Docker socket) and no blanket exceptions.
    expect(plist).not.toContain('com.apple.security.app-sandbox');
    expect(plist).not.toContain('disable-library-validation');
    expect(plist.match(/<key>/g)).toHaveLength(1);
  });

  it('names files that exist: the icons and the entitlements', () => {
    for (const file of [config.mac.icon, config.linux.icon, config.win.icon, config.mac.entitlements]) {
      expect(fs.existsSync(path.join(root, file)), file).toBe(true);
    }
    expect(pngSize(read(config.mac.icon))).toEqual({ width: 1024, height: 1024 });
  });

  it('gives Linux packages a category and a maintainer', () => {
    expect(config.linux.category).toBe('Development');
    expect(config.linux.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
  });

  it('packages the built app and copies every tray icon the shell asks for', () => {
    expect(config.files).toEqual(['out/**', 'package.json']);
    expect(packageJson.main.replace(/^\.\//, '')).toMatch(/^out\//);
    const [tray] = config.extraResources;
    expect(tray).toMatchObject({ from: 'resources', to: 'resources' });
    const platforms: NodeJS.Platform[] = ['darwin', 'linux', 'win32'];
    for (const platform of platforms) {
      for (const state of trayIconStateSchema.options) {
        for (const pulling of [false, true]) {
          const file = trayIconFileName(state, pulling, platform);
          for (const name of [file, file.replace(/\.png$/, '@2x.png')]) {
            expect(fs.existsSync(path.join(root, tray!.from, name)), name).toBe(true);
            expect(
              tray!.filter.some((glob) => matches(glob, name)),
              name,
            ).toBe(true);
          }
        }
      }
    }
  });
});

describe('the example projects', () => {
  it('ships resources/examples beside the app, with a Dockerfile for every example the Build page offers', () => {
    const [resources] = config.extraResources;
    // The main process finds them at process.resourcesPath/resources/examples (src/main/index.ts).
    expect(resources).toMatchObject({ from: 'resources', to: 'resources' });
    expect(resources!.filter).toContain('examples/**');
    for (const name of buildExampleNames) {
      expect(fs.existsSync(path.join(root, 'resources/examples', name, 'Dockerfile')), name).toBe(true);
    }
  });

  it('ships a compose file for every example the Compose page offers', () => {
    for (const name of composeExampleNames) {
      expect(fs.existsSync(path.join(root, 'resources/examples', name, 'compose.yaml')), name).toBe(true);
    }
  });
});

describe('package.json', () => {
  it('builds the installers with npm run dist and the icons with npm run icons', () => {
    expect(packageJson.scripts.dist).toMatch(/electron-vite build && electron-builder\b/);
    expect(packageJson.scripts.dist).toContain('--config electron-builder.json');
    expect(packageJson.scripts.icons).toBe('tsx scripts/make-icons.ts');
    expect(packageJson.devDependencies['electron-builder']).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('resources/', () => {
  it('holds the tray icons exactly as scripts/make-icons.ts draws them (run npm run icons)', () => {
    for (const { name, canvas } of renderTrayIcons()) {
      const file = decodePng(read(path.join('resources', name)));
      expect({ name, width: file.width, height: file.height }).toEqual({
        name,
        width: canvas.size,
        height: canvas.size,
      });
      expect(Buffer.from(file.rgba).equals(Buffer.from(canvas.toRgba8())), name).toBe(true);
    }
  });

  it('has 16 px template images with a 32 px @2x, black and alpha only', () => {
    for (const base of ['trayTemplate', 'trayStartingTemplate', 'trayStoppedTemplate', 'trayErrorTemplate']) {
      expect(pngSize(read(`resources/${base}.png`))).toEqual({ width: 16, height: 16 });
      const big = decodePng(read(`resources/${base}@2x.png`));
      expect([big.width, big.height]).toEqual([32, 32]);
      const colours = big.rgba.filter((_, index) => index % 4 !== 3);
      expect(colours.every((value) => value === 0)).toBe(true);
      expect(big.rgba.some((value, index) => index % 4 === 3 && value === 255)).toBe(true);
    }
  });
});
