/**
 * Collects a process's output up to a byte budget, keeping the head and the tail: a command's first
 * lines (what it started doing) and last lines (how it ended, the error) matter most to an agent.
 */
export class HeadTailBuffer {
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  /** Every byte seen, kept or not. */
  total = 0;

  /** @param maxBytes Bytes kept in all: half for the head, half for the tail. */
  constructor(readonly maxBytes: number) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    const headRoom = Math.ceil(this.maxBytes / 2) - this.headBytes;
    if (headRoom > 0) {
      const part = chunk.subarray(0, headRoom);
      this.head.push(part);
      this.headBytes += part.length;
      chunk = chunk.subarray(part.length);
    }
    if (chunk.length === 0) return;
    const tailMax = Math.floor(this.maxBytes / 2);
    this.tail.push(chunk);
    this.tailBytes += chunk.length;
    // Drop whole chunks from the front while the rest still fills the tail, then trim the first.
    while (this.tail.length > 1 && this.tailBytes - this.tail[0]!.length >= tailMax) {
      this.tailBytes -= this.tail.shift()!.length;
    }
    if (this.tailBytes > tailMax) {
      this.tail[0] = this.tail[0]!.subarray(this.tailBytes - tailMax);
      this.tailBytes = tailMax;
    }
  }

  get truncated(): boolean {
    return this.total > this.headBytes + this.tailBytes;
  }

  /** The kept text; when bytes were dropped, a marker in the middle says how many. */
  text(): string {
    // Decode once when nothing was dropped, so a character split across head and tail survives.
    if (!this.truncated) return Buffer.concat([...this.head, ...this.tail]).toString("utf8");
    const head = Buffer.concat(this.head).toString("utf8");
    const tail = Buffer.concat(this.tail).toString("utf8");
    const omitted = this.total - this.headBytes - this.tailBytes;
    return `${head}\n[... output truncated: ${omitted} of ${this.total} bytes omitted ...]\n${tail}`;
  }
}
