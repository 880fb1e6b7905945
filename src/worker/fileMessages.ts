/** What the host's thread and the file thread (`fileWorker.ts`) send each other. */

export interface FileRequest {
  readonly id: number;
  readonly file: string;
}

export type FileReply =
  | { readonly id: number; readonly bytes: Uint8Array; readonly hash: string }
  | { readonly id: number; readonly error: { readonly message: string; readonly code?: string } };
