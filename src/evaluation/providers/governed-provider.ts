import type { GenerateRequest, ModelOutput, ModelProvider } from "../model.ts";
import type { RateGovernor } from "./rate-governor.ts";

/**
 * A provider whose calls go through its endpoint's `RateGovernor`. `latencyMs` becomes the answering
 * attempt's duration and `waitMs` everything before it, so the runner can leave rate-limit waits out
 * of a sample's wall time; `request.timeLimitMs` bounds the answering attempt alone.
 */
export class GovernedProvider implements ModelProvider {
  readonly id: string;

  constructor(
    readonly inner: ModelProvider,
    readonly governor: RateGovernor,
  ) {
    this.id = inner.id;
  }

  async generate(request: GenerateRequest): Promise<ModelOutput> {
    const { value, latencyMs, waitMs } = await this.governor.run(
      (signal) => this.inner.generate({ ...request, signal }),
      request.signal,
      this.id,
      request.timeLimitMs,
    );
    return { ...value, latencyMs, waitMs };
  }
}
