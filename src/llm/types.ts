/** What the answer pipeline needs from a language model; the openai SDK implements it. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface CompletionRequest {
  model: string;
  messages: ChatMessage[];
  /** Upper bound on output tokens (`max_tokens`); also what the budget check reserves. */
  maxTokens: number;
  /** Epoch ms by which the call must have finished, retries included. */
  deadline: number;
  temperature?: number;
}

export interface CompletionResult {
  text: string;
  /** The model the provider says answered (may carry a version suffix). */
  model: string;
  /** From the provider's reported `usage`, never estimated. */
  inputTokens: number;
  outputTokens: number;
  /** Provider calls made, retries included (each is billed if it produced usage). */
  calls: number;
}

/** A chat-completion client. Failures reject with a GatewayError (UPSTREAM_* codes). */
export interface LlmClient {
  complete(request: CompletionRequest): Promise<CompletionResult>;
}
