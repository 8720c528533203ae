// Shared with the server's dashboard through @panoptic/model.
export { esc } from '@panoptic/model/svg-charts';
