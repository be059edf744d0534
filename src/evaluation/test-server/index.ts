/** The aicc OpenAI-compatible TEST server: a scripted model server for tests and benches (never a real model). */
export {
  type AgentStep,
  type AgentStepContext,
  agentStep,
  answerMultipleChoice,
  type MultipleChoiceOptions,
  scriptedAgent,
} from "./behaviours.ts";
export {
  type Fault,
  faults,
  type Script,
  type ScriptedReply,
  type TestApi,
  type TestRequest,
} from "./scripted-reply.ts";
export { startTestModelServer, type TestModelServer, type TestModelServerOptions } from "./test-model-server.ts";
