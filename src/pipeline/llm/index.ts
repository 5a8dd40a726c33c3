export { createLlmClient, LlmConfigError, type LlmConfig } from './client.js';
export { LLM_ANSWER_SCHEMA } from './schema.js';
export type { LlmClient, LlmFields, LlmFieldValue, LlmMode } from './types.js';
