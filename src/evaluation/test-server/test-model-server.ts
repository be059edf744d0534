import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { prettifyError, type z } from "zod";
import type { ChatMessage } from "../model.ts";
import {
  AnthropicRequestSchema,
  fromAnthropicRequest,
  toAnthropicError,
  toAnthropicResponse,
} from "./anthropic-wire.ts";
import { fromOpenAIRequest, OpenAIRequestSchema, toOpenAIError, toOpenAIResponse } from "./openai-wire.ts";
import { type Script, type ScriptedReply, settleReply, type TestApi, type TestRequest } from "./scripted-reply.ts";

/**
 * The aicc OpenAI-compatible TEST server: a small scripted model server on 127.0.0.1 (ephemeral
 * port) for the evaluation engine's tests and benches. It is not a model and never calls one.
 *
 * - `POST /v1/chat/completions` (OpenAI shape, non-streaming, tool calls) and `GET /v1/models`;
 * - `POST /v1/messages` (a small Anthropic messages endpoint), so both providers test the same way.
 *
 * Each request is answered, in order of precedence, by a reply injected with `injectNext` (faults on
 * demand), the next reply queued for its conversation, or the `script` function. Every request is
 * recorded, so tests can assert how many calls a conversation made (e.g. zero repeats after a cache hit).
 */

export interface TestModelServerOptions {
  /** Answers any request that no injected or queued reply covers. */
  script?: Script;
  /** Replies to hand out in order, per conversation key. */
  conversations?: Record<string, (ScriptedReply | string)[]>;
  /** Delay before every reply (ms), fixed or per request; a reply's own `latencyMs` wins. */
  latencyMs?: number | ((request: TestRequest) => number);
  /** Model ids listed by `GET /v1/models`. */
  models?: string[];
  /** Which conversation a request belongs to; by default its first user message. */
  conversationKey?: (messages: ChatMessage[]) => string;
  /** When set, requests must carry this key (`Authorization: Bearer …` or `x-api-key`), else 401. */
  apiKey?: string;
}

export interface TestModelServer {
  /** Base URL including `/v1`, as both providers take it (e.g. `http://127.0.0.1:41234/v1`). */
  baseUrl: string;
  /** Requests received so far (all, or one conversation's), oldest first; faulted ones included. */
  requests(conversation?: string): TestRequest[];
  /** Most requests the server was handling at the same moment. */
  peakInFlight(): number;
  /** The next `count` requests get `reply` (typically a fault) whatever their conversation. */
  injectNext(reply: ScriptedReply, count?: number): void;
  /** Stops listening and drops every open connection (hung requests included). */
  close(): Promise<void>;
}

const firstUserMessage = (messages: ChatMessage[]) => messages.find((m) => m.role === "user")?.content ?? "";

interface Endpoint<S extends z.ZodType> {
  api: TestApi;
  schema: S;
  normalise: (body: z.infer<S>) => Pick<TestRequest, "messages" | "tools" | "config">;
  respond: typeof toOpenAIResponse;
  error: (status: number, message: string) => unknown;
}

const OPENAI: Endpoint<typeof OpenAIRequestSchema> = {
  api: "openai",
  schema: OpenAIRequestSchema,
  normalise: fromOpenAIRequest,
  respond: toOpenAIResponse,
  error: toOpenAIError,
};
const ANTHROPIC: Endpoint<typeof AnthropicRequestSchema> = {
  api: "anthropic",
  schema: AnthropicRequestSchema,
  normalise: fromAnthropicRequest,
  respond: toAnthropicResponse,
  error: toAnthropicError,
};

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Starts the aicc OpenAI-compatible TEST server on 127.0.0.1 at an ephemeral port. */
export async function startTestModelServer(options: TestModelServerOptions = {}): Promise<TestModelServer> {
  const received: TestRequest[] = [];
  const perConversation = new Map<string, number>();
  const queues = new Map(Object.entries(options.conversations ?? {}).map(([k, v]) => [k, [...v]]));
  const injected: ScriptedReply[] = [];
  /** One controller per open request, aborted when its client goes away or the server closes. */
  const live = new Set<AbortController>();
  const conversationKey = options.conversationKey ?? firstUserMessage;
  let inFlight = 0;
  let peak = 0;

  async function chooseReply(request: TestRequest): Promise<ScriptedReply | undefined> {
    const next = injected.shift() ?? queues.get(request.conversation)?.shift();
    if (next !== undefined) return typeof next === "string" ? { content: next } : next;
    if (!options.script) return undefined;
    const scripted = await options.script(request);
    return typeof scripted === "string" ? { content: scripted } : scripted;
  }

  async function handleCompletion<S extends z.ZodType>(
    endpoint: Endpoint<S>,
    req: IncomingMessage,
    res: ServerResponse,
    gone: AbortSignal,
  ) {
    const fail = (status: number, message: string, headers?: Record<string, string>) =>
      sendJson(res, status, endpoint.error(status, message), headers);
    if (options.apiKey !== undefined) {
      const presented =
        endpoint.api === "openai" ? req.headers.authorization?.replace(/^Bearer /, "") : req.headers["x-api-key"];
      if (presented !== options.apiKey) return fail(401, "aicc test server: missing or wrong API key");
    }
    let json: unknown;
    try {
      json = JSON.parse(await readBody(req));
    } catch {
      return fail(400, "aicc test server: the body is not JSON");
    }
    const parsed = endpoint.schema.safeParse(json);
    if (!parsed.success) return fail(400, `aicc test server: unexpected request shape: ${prettifyError(parsed.error)}`);
    let normalised: Pick<TestRequest, "messages" | "tools" | "config">;
    try {
      normalised = endpoint.normalise(parsed.data);
    } catch (error) {
      return fail(400, `aicc test server: cannot read the request: ${(error as Error).message}`);
    }
    const { messages, tools, config } = normalised;
    const conversation = conversationKey(messages);
    const indexInConversation = perConversation.get(conversation) ?? 0;
    perConversation.set(conversation, indexInConversation + 1);
    const request: TestRequest = {
      api: endpoint.api,
      model: (json as { model: string }).model,
      messages,
      tools,
      config,
      conversation,
      index: received.length,
      indexInConversation,
      headers: req.headers,
      body: json,
    };
    received.push(request);

    let reply: ScriptedReply | undefined;
    try {
      reply = await chooseReply(request);
    } catch (error) {
      return fail(400, `aicc test server: the script threw: ${(error as Error).message}`);
    }
    if (!reply)
      return fail(400, `aicc test server: no scripted reply for conversation ${JSON.stringify(conversation)}`);
    const latency =
      reply.latencyMs ?? (typeof options.latencyMs === "function" ? options.latencyMs(request) : options.latencyMs);
    if (latency) await sleep(latency, undefined, { signal: gone }).catch(() => undefined);
    if (gone.aborted) return;

    const fault = reply.fault;
    if (fault?.kind === "reset") {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === "hang") {
      await new Promise((resolve) => gone.addEventListener("abort", resolve, { once: true }));
      return;
    }
    if (fault?.kind === "status") {
      const headers: Record<string, string> =
        fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) };
      return fail(fault.status, fault.message ?? `aicc test server: status ${fault.status}`, headers);
    }
    sendJson(res, 200, endpoint.respond(settleReply(reply, request), request.model, request.index));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    // Aborted when the client goes away or the server closes, so hung and slow replies end with them.
    const gone = new AbortController();
    live.add(gone);
    res.on("close", () => {
      live.delete(gone);
      gone.abort();
    });
    const path = new URL(req.url ?? "/", "http://test").pathname;
    if (req.method === "GET" && path === "/v1/models") {
      const data = (options.models ?? ["aicc-test-model"]).map((id) => ({
        id,
        object: "model",
        created: 0,
        owned_by: "aicc-test-server",
      }));
      return sendJson(res, 200, { object: "list", data });
    }
    const endpoint =
      req.method === "POST" && path === "/v1/chat/completions"
        ? OPENAI
        : req.method === "POST" && path === "/v1/messages"
          ? ANTHROPIC
          : undefined;
    if (!endpoint) return sendJson(res, 404, toOpenAIError(404, `aicc test server: no route ${req.method} ${path}`));
    inFlight++;
    peak = Math.max(peak, inFlight);
    try {
      await handleCompletion(endpoint as Endpoint<z.ZodType>, req, res, gone.signal);
    } finally {
      inFlight--;
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => sendJson(res, 500, toOpenAIError(500, error.message)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests: (conversation) =>
      conversation === undefined ? [...received] : received.filter((r) => r.conversation === conversation),
    peakInFlight: () => peak,
    injectNext(reply, count = 1) {
      for (let i = 0; i < count; i++) injected.push(reply);
    },
    async close() {
      for (const request of live) request.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
