import path from 'node:path';
import { BerthError } from '../../shared/errors';

/**
 * Which files on this computer Berth may write (a download, a backup) or read (a restore's .tar).
 * With an OS dialog (Electron), only the paths the user chose in the save or open dialog: a
 * taken-over renderer cannot name ~/.bashrc as a download's destination, as it cannot choose it for
 * the user. Without a dialog (the harness, where the user types the path) any absolute path counts.
 */
export class ChosenFiles {
  private readonly saves = new Set<string>();
  private readonly opens = new Set<string>();

  constructor(private readonly onlyChosen: boolean) {}

  /** The save dialog answered this path. */
  chooseSave(filePath: string): void {
    this.saves.add(path.resolve(filePath));
  }

  /** The open dialog answered this path. */
  chooseOpen(filePath: string): void {
    this.opens.add(path.resolve(filePath));
  }

  /** The destination as an absolute path, when Berth may write it; 'forbidden' otherwise. */
  requireSave(filePath: string): string {
    const resolved = path.resolve(filePath);
    if (this.onlyChosen && !this.saves.has(resolved)) {
      throw new BerthError('forbidden', `${resolved} was not chosen in the save dialog: Berth writes only there.`);
    }
    return resolved;
  }

  /** The source as an absolute path, when Berth may read it; 'forbidden' otherwise. */
  requireOpen(filePath: string): string {
    const resolved = path.resolve(filePath);
    if (this.onlyChosen && !this.opens.has(resolved)) {
      throw new BerthError('forbidden', `${resolved} was not chosen in the open dialog: Berth reads only that.`);
    }
    return resolved;
  }
}
