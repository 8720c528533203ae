/** The folders under packages/ that are published to npm, in dependency order. */
export const PUBLISHED_PACKAGES = ['model', 'config', 'ai', 'cloud', 'server', 'fixtures', 'reporter', 'cli'] as const;
