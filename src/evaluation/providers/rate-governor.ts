import { setTimeout as sleep } from "node:timers/promises";
import { ProviderError } from "../model.ts";
import { ProviderCallError, type RetryAdvice, TimeLimitError } from "./errors.ts";

/** Tuning of one endpoint's governor. */
export interface RateGovernorOptions {
  /** Concurrent calls allowed at the start (default 4). */
  initialConcurrency?: number;
  /** Ceiling the concurrency grows to (default 64). */
  maxConcurrency?: number;
  /** Attempts per call, the first included (default 6). */
  maxAttempts?: number;
  /** Limit on one attempt (ms, default 600 000, as long generations can take minutes). */
  timeoutMs?: number;
  /** First backoff delay (ms, default 1 000); doubles per attempt. */
  backoffBaseMs?: number;
  /** Cap on one backoff delay (ms, default 60 000). */
  backoffMaxMs?: number;
  /** Cap on an honoured Retry-After (ms, default 300 000), so one odd header cannot stall a run for hours. */
  maxRetryAfterMs?: number;
  /** Source of jitter in [0, 1) (default Math.random; tests pin it). */
  random?: () => number;
  /** Told of every concurrency change and retry, e.g. for the run log. */
  onEvent?: (event: GovernorEvent) => void;
}

/** What the governor did, as it happens. */
export type GovernorEvent =
  | { type: "concurrency"; limit: number; reason: "increase" | "decrease" }
  | { type: "retry"; attempt: number; delayMs: number; error: ProviderError };

/** The value of a governed call with its timing split. */
export interface GovernedResult<T> {
  value: T;
  /** Duration of the attempt that answered (ms). */
  latencyMs: number;
  /** Everything before that attempt (ms): queueing, Retry-After pauses, backoff, failed attempts. */
  waitMs: number;
  attempts: number;
}

/** Counters since the governor was made. */
export interface GovernorStats {
  concurrency: number;
  inFlight: number;
  queued: number;
  succeeded: number;
  retries: number;
  /** Sum of `waitMs` over the calls that succeeded. */
  waitMs: number;
}

/** Retry advice for errors that carry none (e.g. from the in-process llama.cpp provider). */
function adviceOf(error: ProviderError): RetryAdvice {
  if (error instanceof ProviderCallError) return error.advice;
  return {
    retryable: error.kind === "infrastructure" || error.kind === "rate_limited",
    congestion: error.kind === "rate_limited",
  };
}

/**
 * Governs the calls to one provider endpoint: adaptive concurrency (additive increase — one more slot
 * after as many successes as there are slots — and halving on 429/503/529, at most once per window,
 * so a burst of rejections from calls started together halves once), Retry-After honoured as a pause
 * for the whole endpoint, capped exponential backoff with jitter for 429, 5xx, network errors and
 * timeouts, and a per-attempt timeout. Caller aborts pass straight through and are never retried.
 */
export class RateGovernor {
  private limit: number;
  private readonly max: number;
  private readonly maxAttempts: number;
  private readonly timeoutMs: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly random: () => number;
  private readonly onEvent?: (event: GovernorEvent) => void;
  private inFlight = 0;
  private readonly waiters: (() => void)[] = [];
  /** performance.now() before which no call starts (a Retry-After pause). */
  private pausedUntil = 0;
  private pauseTimer: NodeJS.Timeout | undefined;
  /** Bumped at each decrease; a failure of a call started in an older window does not decrease again. */
  private window = 0;
  private successCredit = 0;
  private readonly totals = { succeeded: 0, retries: 0, waitMs: 0 };

  constructor(options: RateGovernorOptions = {}) {
    this.max = Math.max(1, options.maxConcurrency ?? 64);
    this.limit = Math.min(this.max, Math.max(1, options.initialConcurrency ?? 4));
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 6);
    this.timeoutMs = options.timeoutMs ?? 600_000;
    this.backoffBaseMs = options.backoffBaseMs ?? 1_000;
    this.backoffMaxMs = options.backoffMaxMs ?? 60_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 300_000;
    this.random = options.random ?? Math.random;
    this.onEvent = options.onEvent;
  }

  /** The number of calls allowed at once right now. */
  get concurrency(): number {
    return this.limit;
  }

  stats(): GovernorStats {
    return { concurrency: this.limit, inFlight: this.inFlight, queued: this.waiters.length, ...this.totals };
  }

  /**
   * Runs `call` under the governor, retrying as the error advises. `call` gets a signal that fires
   * on the caller's abort or on the attempt's timeout. After the last attempt it throws a
   * `ProviderError` of kind `rate_limited` (still 429) or `infrastructure` (5xx, network, timeout).
   * `label` names the call in a timeout's message. With `timeLimitMs`, an attempt running longer
   * throws `TimeLimitError` (never retried); queueing and backoff before it do not count.
   */
  async run<T>(
    call: (signal: AbortSignal) => Promise<T>,
    signal?: AbortSignal,
    label = "model call",
    timeLimitMs?: number,
  ): Promise<GovernedResult<T>> {
    const started = performance.now();
    for (let attempt = 1; ; attempt++) {
      await this.acquire(signal);
      if (signal?.aborted) {
        // Aborted between being granted a slot and starting: give the slot back.
        this.release();
        throw signal.reason;
      }
      const window = this.window;
      // One controller per attempt, aborted by the caller or by the timeout (which leaves its own reason).
      const attemptAbort = new AbortController();
      const timer = setTimeout(() => {
        const advice = { retryable: true, congestion: false };
        attemptAbort.abort(
          new ProviderCallError(`${label}: timed out after ${this.timeoutMs} ms`, "infrastructure", undefined, advice),
        );
      }, this.timeoutMs);
      const limitTimer =
        timeLimitMs === undefined
          ? undefined
          : setTimeout(() => attemptAbort.abort(new TimeLimitError(timeLimitMs)), Math.max(0, timeLimitMs));
      const onCallerAbort = () => attemptAbort.abort(signal?.reason);
      signal?.addEventListener("abort", onCallerAbort, { once: true });
      const attemptStarted = performance.now();
      let failure: ProviderError;
      try {
        const value = await call(attemptAbort.signal);
        const latencyMs = performance.now() - attemptStarted;
        const waitMs = attemptStarted - started;
        this.succeeded(waitMs);
        return { value, latencyMs, waitMs, attempts: attempt };
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        const reason = attemptAbort.signal.aborted ? attemptAbort.signal.reason : error;
        if (!(reason instanceof ProviderError)) throw reason;
        failure = reason;
      } finally {
        clearTimeout(timer);
        clearTimeout(limitTimer);
        signal?.removeEventListener("abort", onCallerAbort);
        this.release();
      }

      const advice = adviceOf(failure);
      if (!advice.retryable) throw failure;
      if (advice.congestion) this.decrease(window);
      const retryAfter =
        advice.retryAfterMs === undefined ? undefined : Math.min(advice.retryAfterMs, this.maxRetryAfterMs);
      if (retryAfter !== undefined) this.pause(retryAfter);
      if (attempt >= this.maxAttempts) {
        throw new ProviderError(
          `${failure.message} (gave up after ${attempt} attempts)`,
          failure.kind === "rate_limited" ? "rate_limited" : "infrastructure",
          failure.status,
        );
      }
      const delayMs = retryAfter ?? this.backoff(attempt);
      this.totals.retries++;
      this.onEvent?.({ type: "retry", attempt, delayMs, error: failure });
      try {
        await sleep(delayMs, undefined, { signal });
      } catch {
        throw signal?.reason;
      }
    }
  }

  /** Exponential backoff capped at backoffMaxMs, with "equal jitter" (half fixed, half random) so retries spread out. */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** (attempt - 1));
    return ceiling / 2 + (this.random() * ceiling) / 2;
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.waiters.length === 0 && this.inFlight < this.limit && performance.now() >= this.pausedUntil) {
      this.inFlight++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const at = this.waiters.indexOf(grant);
        if (at >= 0) this.waiters.splice(at, 1);
        reject(signal?.reason);
      };
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(grant);
      this.pump();
    });
  }

  private release(): void {
    this.inFlight--;
    this.pump();
  }

  /** Starts queued calls while there is room and no pause. */
  private pump(): void {
    while (this.waiters.length > 0 && this.inFlight < this.limit) {
      const pauseLeft = this.pausedUntil - performance.now();
      if (pauseLeft > 0) {
        this.pauseTimer ??= setTimeout(() => {
          this.pauseTimer = undefined;
          this.pump();
        }, pauseLeft);
        return;
      }
      this.inFlight++;
      this.waiters.shift()!();
    }
  }

  private pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, performance.now() + ms);
  }

  private succeeded(waitMs: number): void {
    this.totals.succeeded++;
    this.totals.waitMs += waitMs;
    if (this.limit >= this.max) return;
    if (++this.successCredit < this.limit) return;
    this.successCredit = 0;
    this.limit++;
    this.onEvent?.({ type: "concurrency", limit: this.limit, reason: "increase" });
  }

  private decrease(window: number): void {
    if (window !== this.window) return;
    this.window++;
    this.successCredit = 0;
    const halved = Math.max(1, Math.floor(this.limit / 2));
    if (halved === this.limit) return;
    this.limit = halved;
    this.onEvent?.({ type: "concurrency", limit: this.limit, reason: "decrease" });
  }
}

/**
 * One governor per endpoint, shared by every provider that calls it (two models at one base URL with
 * one key share one rate limit).
 */
export class GovernorRegistry {
  private readonly governors = new Map<string, RateGovernor>();

  /** The governor of `endpoint`, made with `options` the first time it is asked for. */
  for(endpoint: string, options?: RateGovernorOptions): RateGovernor {
    let governor = this.governors.get(endpoint);
    if (!governor) {
      governor = new RateGovernor(options);
      this.governors.set(endpoint, governor);
    }
    return governor;
  }
}
