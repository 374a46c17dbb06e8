import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

export interface ExecResult {
  stdout: string;
  stderr: string;
  /** Null when the process was killed (for example by the timeout). */
  exitCode: number | null;
  timedOut: boolean;
}

/**
 * Berth's view of the machine: environment, files and programs. Detection code takes it as an
 * argument so unit tests can describe any machine (a Mac with nothing installed, Linux without
 * permission on the socket) without touching the real one.
 */
export interface HostSystem {
  platform: NodeJS.Platform;
  arch: string;
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  readTextFile(filePath: string): string | null;
  exists(filePath: string): boolean;
  isExecutableFile(filePath: string): boolean;
  execFile(
    file: string,
    args: string[],
    options: { timeoutMs: number; env?: Record<string, string | undefined> },
  ): Promise<ExecResult>;
}

export function realHostSystem(env: Readonly<Record<string, string | undefined>> = process.env): HostSystem {
  return {
    platform: process.platform,
    arch: process.arch,
    env,
    homeDir: env.HOME || os.homedir(),
    readTextFile(filePath) {
      try {
        return fs.readFileSync(filePath, 'utf8');
      } catch {
        return null;
      }
    },
    exists: (filePath) => fs.existsSync(filePath),
    isExecutableFile(filePath) {
      try {
        const stat = fs.statSync(filePath);
        if (!stat.isFile()) return false;
        if (process.platform === 'win32') return true;
        fs.accessSync(filePath, fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
    execFile(file, args, options) {
      return new Promise((resolve) => {
        execFile(
          file,
          args,
          {
            timeout: options.timeoutMs,
            env: options.env ?? (env as NodeJS.ProcessEnv),
            windowsHide: true,
            maxBuffer: 1024 * 1024,
          },
          (error, stdout, stderr) => {
            const failure = error as (Error & { code?: unknown; killed?: boolean }) | null;
            resolve({
              stdout: String(stdout),
              stderr: String(stderr),
              exitCode: failure ? (typeof failure.code === 'number' ? failure.code : null) : 0,
              timedOut: Boolean(failure?.killed),
            });
          },
        );
      });
    },
  };
}
