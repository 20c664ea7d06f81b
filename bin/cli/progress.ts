// A progress bar on stderr for long imports — only on a terminal, so logs and pipes stay clean.
export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

const NONE: Progress = { update() {}, finish() {} };

export function progressBar(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
  minTotal = 10,
): (total: number) => Progress {
  return (total) => {
    if (!stream.isTTY || total < minTotal) return NONE;
    const width = 30;
    let last = -1;
    return {
      update(done) {
        const filled = Math.round((done / total) * width);
        if (filled === last && done !== total) return;
        last = filled;
        stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      },
      finish() {
        stream.write('\n');
      },
    };
  };
}
