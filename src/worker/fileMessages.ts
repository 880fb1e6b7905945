// The messages between the host's thread and the file thread.
import type { FileRead, FileWant } from './keptFiles';

/** What the host's thread and the file thread (`fileWorker.ts`) send each other. */

export interface FileRequest {
  readonly id: number;
  readonly file: string;
  readonly want: FileWant;
}

export type FileReply = ({ readonly id: number } & FileRead) | { readonly id: number; readonly error: { readonly message: string; readonly code?: string } };
