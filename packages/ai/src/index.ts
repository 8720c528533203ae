/** @panoptic/ai: vision analysis, test generation and failure classification. */
export {};
