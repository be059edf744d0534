import { EmptyState } from "../../components/EmptyState.tsx";
import type { ModulePageProps } from "../module-page-props.ts";

/** The evaluation engine: tasks, runs, scores and logs. */
export function EvaluationPage({ link }: ModulePageProps) {
  return (
    <EmptyState
      title={link.title}
      intro="Run public and sealed cyber-capability suites against AI models and read the results with their uncertainty."
      upcoming={[
        "Tasks: datasets, solvers and tool-using agents, scorers and limits",
        "Runs of a model on a task, with progress and infrastructure failures kept apart from model failures",
        "Scores with standard errors, 95% intervals, pass@k and paired comparisons",
        "Evaluation logs with every model call and tool event",
      ]}
      emptyText="No evaluation runs are visible to you yet."
    />
  );
}
