/** A path inside a volume, as the contract writes it: "" is the root, "a/b" a folder or file in it. */
export const joinVolumePath = (folder: string, name: string): string => (folder ? `${folder}/${name}` : name);

/** The last part of a volume path: a file's or folder's own name. */
export const baseName = (path: string): string => path.split('/').pop() ?? path;

/** A name as one line: a newline in it (Linux allows one) shows as ↵. */
export const shownName = (name: string): string => name.replace(/\n/g, '↵');
