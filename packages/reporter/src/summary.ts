// summary.json is read by other packages and tools (cloud analytics, CI scripts): its schema is
// owned by @panoptic/model. This module keeps the reporter's public `./summary` entry point.
export * from '@panoptic/model/summary';
