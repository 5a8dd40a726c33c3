import { createLlmClient, type LlmClient } from '../pipeline/llm/index.js';

/** The optional LLM extractor, configured by LLM_BASE_URL + LLM_MODEL (+ LLM_API_KEY, LLM_MODE); null when unset. */
export function createLlmFromEnv(env: NodeJS.ProcessEnv): LlmClient | null {
  if (!env.LLM_BASE_URL || !env.LLM_MODEL) return null;
  return createLlmClient({
    baseUrl: env.LLM_BASE_URL,
    model: env.LLM_MODEL,
    apiKey: env.LLM_API_KEY,
    timeoutMs: env.LLM_TIMEOUT_MS ? Number(env.LLM_TIMEOUT_MS) : undefined,
    mode: env.LLM_MODE === 'always' ? 'always' : 'fallback',
  });
}
