/**
 * A scorer could not reach a verdict (a judge reply without a readable grade, a sample without the
 * target the scorer needs). It is not the solved model's failure: the runner records it as an error of
 * scoring rather than a score of 0.
 */
export class ScorerError extends Error {
  constructor(
    readonly scorer: string,
    message: string,
  ) {
    super(`${scorer}: ${message}`);
    this.name = "ScorerError";
  }
}
