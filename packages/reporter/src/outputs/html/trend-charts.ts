// The trend line is shared with the server's dashboard, so it lives in @panoptic/model.
export { trendChart, type TrendSeries } from '@panoptic/model/svg-charts';
