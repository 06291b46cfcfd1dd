/**
 * An unbounded push queue read with `for await`. Reading ends when `signal`
 * aborts, even while waiting: an async generator parked on a plain promise
 * would otherwise ignore `return()` until the next item arrived.
 */
export class EventQueue<TItem> implements AsyncIterable<TItem> {
  private readonly items: TItem[] = [];
  private wake: (() => void) | null = null;

  constructor(private readonly signal: AbortSignal) {
    signal.addEventListener('abort', () => this.wake?.(), { once: true });
  }

  push(item: TItem): void {
    this.items.push(item);
    this.wake?.();
  }

  get size(): number {
    return this.items.length;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<TItem> {
    while (!this.signal.aborted) {
      const item = this.items.shift();
      if (item !== undefined) {
        yield item;
        continue;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = null;
    }
  }
}
