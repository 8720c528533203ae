// The metrics attachment's names, apart from its schema: the fixtures attach it in every test process,
// and loading zod there for three constants costs each worker and the runner more than the names do.

/** Content type of the attachment in which the fixtures hand a test's metrics to the reporter. */
export const METRICS_CONTENT_TYPE = 'application/vnd.panoptic.metrics+json';
export const METRICS_ATTACHMENT = 'panoptic-metrics';
/** Bumped on any change a reader would notice: merged reports may mix Panoptic versions. */
export const METRICS_VERSION = 1;
