import type { Db, Tx } from "../db/database.ts";
import { type Lease, LeaseLostError } from "./model.ts";
import { commitJobs } from "./store.ts";

/** How a `GroupCommit` batches; all but `db` and `write` have defaults. */
export interface GroupCommitOptions<I> {
  db: Db;
  /**
   * Writes the effects of the jobs still held, inside the transaction that marks them done: as few
   * statements as it can (multi-row inserts, one update for all), since that is the point.
   */
  write(trx: Tx, items: I[]): Promise<void>;
  /** How long a job that finished while no commit runs waits for others; default 15 ms. */
  delayMs?: number;
  /** Commit at once when this many are pending, and never more in one transaction; default 250. */
  maxBatch?: number;
}

interface Pending<I> {
  lease: Lease;
  item: I;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Group commit of many short jobs: each finished job hands its lease and effects (`item`) to
 * `commit`, and every `delayMs` (or at `maxBatch` pending) one transaction marks all of them done,
 * fenced by their leases as `commitJob` does, and writes their effects with one call of `write`. A
 * transaction costs a few statements whatever its size, so this replaces several statements per job
 * with a few per batch. Use it through `JobContext.commitInGroup`, which keeps the worker's lease
 * bookkeeping; one transaction runs at a time.
 */
export class GroupCommit<I> {
  readonly #db: Db;
  readonly #write: (trx: Tx, items: I[]) => Promise<void>;
  readonly #delayMs: number;
  readonly #maxBatch: number;
  #pending: Pending<I>[] = [];
  #timer: NodeJS.Timeout | undefined;
  #writing = false;

  constructor(options: GroupCommitOptions<I>) {
    this.#db = options.db;
    this.#write = options.write;
    this.#delayMs = options.delayMs ?? 15;
    this.#maxBatch = options.maxBatch ?? 250;
    if (!(this.#delayMs >= 0)) throw new Error("delayMs must be zero or more");
    if (!(Number.isInteger(this.#maxBatch) && this.#maxBatch >= 1))
      throw new Error("maxBatch must be a positive integer");
  }

  /**
   * Resolves once the job is marked done and `item` written; rejects with `LeaseLostError` (nothing
   * written) when its lease no longer holds, or with the error of its own transaction.
   */
  commit(lease: Lease, item: I): Promise<void> {
    const committed = new Promise<void>((resolve, reject) => this.#pending.push({ lease, item, resolve, reject }));
    if (this.#pending.length >= this.#maxBatch) void this.#flush();
    else this.#timer ??= setTimeout(() => void this.#flush(), this.#delayMs);
    return committed;
  }

  async #flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    // A flush that comes while one writes is picked up when that one ends.
    if (this.#writing || this.#pending.length === 0) return;
    this.#writing = true;
    try {
      await this.#commitBatch(this.#pending.splice(0, this.#maxBatch));
    } finally {
      this.#writing = false;
      if (this.#pending.length >= this.#maxBatch) void this.#flush();
      else if (this.#pending.length > 0) this.#timer ??= setTimeout(() => void this.#flush(), this.#delayMs);
    }
  }

  /** Commits `batch`; never throws: each entry's promise settles with its own fate. */
  async #commitBatch(batch: Pending<I>[]): Promise<void> {
    const byJob = new Map(batch.map((entry) => [entry.lease.jobId, entry]));
    try {
      const { committed, lost } = await commitJobs(
        this.#db,
        batch.map((entry) => entry.lease),
        (trx, held) =>
          this.#write(
            trx,
            held.map((lease) => byJob.get(lease.jobId)!.item),
          ),
      );
      for (const lease of committed) byJob.get(lease.jobId)!.resolve();
      for (const lease of lost) byJob.get(lease.jobId)!.reject(new LeaseLostError(lease));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // One job's bad effects must not fail the others: each is committed alone, and fails alone.
      for (const entry of batch) await this.#commitBatch([entry]);
    }
  }
}
