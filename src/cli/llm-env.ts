import { loadLlmConfig } from '../config.js';
import { createLlmClient, type LlmClient } from '../pipeline/llm/index.js';

/** The optional LLM extractor, configured by the LLM_* settings (src/config.ts); null when LLM_BASE_URL is unset. */
export async function createLlmFromEnv(env: NodeJS.ProcessEnv): Promise<LlmClient | null> {
  const llm = await loadLlmConfig(env);
  return llm ? createLlmClient(llm) : null;
}
