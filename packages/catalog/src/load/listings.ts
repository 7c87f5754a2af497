/**
 * Folder listings read once per load: discovery walks every layer's folder, and the fingerprints'
 * build contexts are the same folders (1,000 layers: as many listings again). A listing is what
 * the folder held when it was first read in this load.
 */
import { readdirSync, type Dirent } from 'node:fs';

export class FolderListings {
  private readonly read = new Map<string, Dirent[] | undefined>();

  /** The entries of the folder at absolute path `abs`, or undefined when it cannot be read. */
  list(abs: string): readonly Dirent[] | undefined {
    if (this.read.has(abs)) return this.read.get(abs);
    let entries: Dirent[] | undefined;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      entries = undefined;
    }
    this.read.set(abs, entries);
    return entries;
  }
}
