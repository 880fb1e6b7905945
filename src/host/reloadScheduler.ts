// When a library file event turns into a reload: one per burst of events, once the files are still.
import { stat } from 'node:fs/promises';
import type { LibraryFileStamp } from '../core/model/fileStamps';

/** A save's events (write, rename, a second file) come within milliseconds of one another. */
const BURST_MS = 30;
/** A library file changed more recently than this may still be being written (an export, a copy). */
const STILL_MS = 100;

/** Whether a reload is still needed once things settle. */
export type ReloadReason = () => boolean | PromiseLike<boolean>;

/**
 * Gathers file events and reloads once for a burst of them, after every library file has been
 * unchanged for a moment by its modification time: a large file written slowly is read once it
 * is whole, not at each stage.
 */
export class ReloadScheduler {
  private timer?: ReturnType<typeof setTimeout>;
  /** When the last file event came. */
  private lastEventAt = 0;
  private readonly reasons: ReloadReason[] = [];

  constructor(
    /** The library files to wait on. */
    private readonly files: () => Promise<readonly string[]>,
    /** Called once a reason says a reload is needed. */
    private readonly reload: () => void,
  ) {}

  /** Schedules a reload; `needed` is asked, once things settle, whether it still is. */
  schedule(needed: ReloadReason = () => true): void {
    this.reasons.push(needed);
    this.lastEventAt = Date.now();
    this.settleIn(BURST_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private settleIn(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(async () => {
      const wait = await this.untilStill();
      if (wait > 0) return this.settleIn(wait);
      for (const reason of this.reasons.splice(0)) if (await reason()) return void this.reload();
    }, ms);
  }

  /**
   * How long until every library file has been unchanged for `STILL_MS`: 0 once they all have.
   * A missing file (deleted, perhaps to be written anew) counts as changed at the last event.
   */
  private async untilStill(): Promise<number> {
    const now = Date.now();
    const stamps = await Promise.all((await this.files()).map(stampOf));
    const changedAt = stamps.map(({ mtimeMs }) => (mtimeMs < 0 ? this.lastEventAt : mtimeMs));
    // A time ahead of this clock (another machine's, on a network drive) is not taken for one.
    return Math.max(0, ...changedAt.map((at) => (now - at >= 0 ? STILL_MS - (now - at) : 0)));
  }
}

/** A file's size and modification time now; -1 for both when it is missing. */
export async function stampOf(file: string): Promise<LibraryFileStamp> {
  const { size, mtimeMs } = await stat(file).catch(() => ({ size: -1, mtimeMs: -1 }));
  return { file, size, mtimeMs };
}
