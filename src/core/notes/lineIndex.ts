/** Turns offsets into 1-based lines and 0-based UTF-16 columns; `\r\n`, `\n` and `\r` end lines, as in editors. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (const m of text.matchAll(/\r\n?|\n/g)) this.starts.push(m.index + m[0].length);
  }

  positionAt(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] };
  }
}
